package org.tmshost.device.ttl;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.platform.MockPlatform;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInputProvider;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;
import org.tmshost.profile.GpioPins;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * The GPIO lines of a TTL rig (profile {@code gpio:} pin map, BCM numbers): the trigger output and
 * the safety inputs. Built either on Pi4J's mock platform (simulation and tests: chosen explicitly,
 * never by auto-detection) or on the real platform of a Raspberry Pi.
 *
 * <p>Input polarity: a line reads HIGH when its switch is closed (wire with a pull-down). The stop
 * button is pressed when HIGH, the foot switch held when HIGH, the coil ready when HIGH.
 */
public final class GpioLines implements AutoCloseable {
    private final Context pi4j;
    private final boolean simulated;
    private final DigitalOutput trigger;
    private final Optional<DigitalInput> stopButton;
    private final Optional<DigitalInput> footSwitch;
    private final Optional<DigitalInput> coilReady;
    private final Optional<DigitalInput> loopback;
    private final GpioPins pins;
    private volatile long risingEdgeNanos = Long.MIN_VALUE;

    private GpioLines(Context pi4j, boolean simulated, GpioPins pins, String outputProvider, String inputProvider) {
        this.pi4j = pi4j;
        this.simulated = simulated;
        this.pins = pins;
        this.trigger = pi4j.create(DigitalOutput.newConfigBuilder(pi4j).id("trigger").name("TMS trigger out")
                .address(pins.triggerOutPin()).initial(DigitalState.LOW).shutdown(DigitalState.LOW)
                .provider(outputProvider));
        this.stopButton = input(pi4j, "stop-button", pins.stopButtonPin(), inputProvider);
        this.footSwitch = input(pi4j, "foot-switch", pins.footSwitchPin(), inputProvider);
        this.coilReady = input(pi4j, "coil-ready", pins.coilReadyPin(), inputProvider);
        this.loopback = input(pi4j, "trigger-loopback", pins.loopbackInPin(), inputProvider);
        // the first listener: stamps the rising edge before anything wired to the line reacts to it
        trigger.addListener(event -> {
            if (event.state() == DigitalState.HIGH) {
                risingEdgeNanos = System.nanoTime();
            }
        });
    }

    /**
     * When the trigger output last went HIGH ({@link System#nanoTime}), read by the state-change
     * event after the line changed: never earlier than the edge.
     */
    public long risingEdgeNanos() {
        return risingEdgeNanos;
    }

    /** Lines on Pi4J's mock platform. With {@code wireLoopback}, the trigger output drives the loopback input. */
    public static GpioLines mock(GpioPins pins, boolean wireLoopback) {
        Context context = Pi4J.newContextBuilder().add(new MockPlatform())
                .add(MockDigitalInputProvider.newInstance(), MockDigitalOutputProvider.newInstance()).build();
        GpioLines lines = new GpioLines(context, true, pins, "mock-digital-output", "mock-digital-input");
        if (wireLoopback) {
            lines.loopback.ifPresent(in -> lines.trigger.addListener(
                    event -> ((MockDigitalInput) in).mockState(event.state())));
        }
        return lines;
    }

    /** Lines on a Raspberry Pi through Pi4J's auto-detected platform (libgpiod). */
    public static GpioLines raspberryPi(GpioPins pins) {
        Context context = Pi4J.newAutoContext();
        return new GpioLines(context, false, pins, null, null);
    }

    private static Optional<DigitalInput> input(Context pi4j, String id, OptionalInt pin, String provider) {
        if (pin.isEmpty()) {
            return Optional.empty();
        }
        var config = DigitalInput.newConfigBuilder(pi4j).id(id).name(id).address(pin.getAsInt());
        if (provider != null) {
            config.provider(provider);
        }
        return Optional.of(pi4j.create(config));
    }

    public boolean simulated() {
        return simulated;
    }

    public GpioPins pins() {
        return pins;
    }

    DigitalOutput triggerOutput() {
        return trigger;
    }

    public Optional<DigitalInput> stopButton() {
        return stopButton;
    }

    public Optional<DigitalInput> footSwitch() {
        return footSwitch;
    }

    public Optional<DigitalInput> coilReady() {
        return coilReady;
    }

    public Optional<DigitalInput> loopback() {
        return loopback;
    }

    /** For simulated rigs and tests: set a mock input as if a switch changed. */
    public void simulateInput(DigitalInput input, boolean high) {
        if (!simulated) {
            throw new IllegalStateException("inputs of a real rig cannot be simulated");
        }
        ((MockDigitalInput) input).mockState(high ? DigitalState.HIGH : DigitalState.LOW);
    }

    @Override
    public void close() {
        trigger.low();
        pi4j.shutdown();
    }
}
