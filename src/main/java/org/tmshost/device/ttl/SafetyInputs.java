package org.tmshost.device.ttl;

import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalState;

import java.util.function.Consumer;

/**
 * Turns the rig's safety inputs into events: the hardware stop button (pressed = HIGH) and the
 * coil-ready line (LOW = not ready) call the given sink on Pi4J's event thread, so a stop works
 * without the console. The foot switch (held = HIGH) is a permission: releasing it asks to pause.
 */
public final class SafetyInputs {
    /** Why an input asks to stop. */
    public enum Cause { STOP_BUTTON, COIL_NOT_READY, FOOT_SWITCH_RELEASED }

    private SafetyInputs() {
    }

    public static void watch(GpioLines lines, Consumer<Cause> sink) {
        lines.stopButton().ifPresent(in -> onState(in, DigitalState.HIGH, () -> sink.accept(Cause.STOP_BUTTON)));
        lines.coilReady().ifPresent(in -> onState(in, DigitalState.LOW, () -> sink.accept(Cause.COIL_NOT_READY)));
        lines.footSwitch().ifPresent(in -> onState(in, DigitalState.LOW, () -> sink.accept(Cause.FOOT_SWITCH_RELEASED)));
    }

    /** The state of the stop button now: a session may not arm while it is pressed. */
    public static boolean stopPressed(GpioLines lines) {
        return lines.stopButton().map(DigitalInput::isHigh).orElse(false);
    }

    private static void onState(DigitalInput input, DigitalState state, Runnable action) {
        input.addListener(event -> {
            if (event.state() == state) {
                action.run();
            }
        });
    }
}
