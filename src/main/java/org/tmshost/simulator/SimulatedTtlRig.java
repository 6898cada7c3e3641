package org.tmshost.simulator;

import org.tmshost.device.ttl.GpioStopButton;
import org.tmshost.device.StopButton;
import com.pi4j.io.gpio.digital.DigitalState;
import org.tmshost.timing.Clock;
import org.tmshost.device.DeviceFault;
import org.tmshost.device.DeviceIdentity;
import org.tmshost.device.DeviceStatus;
import org.tmshost.device.PulseTrigger;
import org.tmshost.device.Stimulator;
import org.tmshost.device.ttl.GpioLines;
import org.tmshost.device.ttl.LoopbackCheck;
import org.tmshost.device.ttl.TtlTriggerLine;
import org.tmshost.profile.HardwareProfile;

/**
 * {@code sim:ttl-gpio}: a TTL rig on Pi4J's mock platform. The host fires through the real
 * {@link TtlTriggerLine} code; a rising edge on the mocked trigger pin makes the simulated stimulator
 * behind it deliver a pulse (at the output "set on its panel", here by {@link #setOutput}). The
 * trigger line is verified by the loopback check before arming; the rig's stop button is
 * {@link #stopButton()}.
 */
public final class SimulatedTtlRig implements Stimulator {
    private static final int LOOPBACK_EDGES = 3;

    private final GpioLines lines;
    private final TtlTriggerLine trigger;
    private final SimulatedStimulator stimulator;
    private final StopButton stopButton;
    private int edges;

    public SimulatedTtlRig(HardwareProfile profile) {
        this.lines = GpioLines.mock(profile.gpio().orElseThrow(() -> new IllegalArgumentException(
                "profile " + profile.name() + " has no GPIO pin map")), true);
        this.trigger = new TtlTriggerLine(lines);
        EdgeClock deviceClock = new EdgeClock();
        this.stimulator = new SimulatedStimulator(profile, deviceClock, CoilThermalModel.Parameters.bundled(), 1 << 16);
        this.stopButton = lines.stopButton().isPresent() ? new GpioStopButton(lines) : StopButton.NONE;
        lines.coilReady().ifPresent(in -> lines.simulateInput(in, true));
        lines.footSwitch().ifPresent(in -> lines.simulateInput(in, true));
        lines.loopback().ifPresent(in -> in.addListener(event -> {
            if (event.state() == DigitalState.HIGH) {
                // a stimulator triggered by TTL pulses at the edge, not when this listener gets to run
                deviceClock.edgeNanos = lines.risingEdgeNanos();
                try {
                    stimulator.fire(edges++, 0, 0); // the stimulator fires at its own set output
                } finally {
                    deviceClock.edgeNanos = NO_EDGE;
                }
            }
        }));
    }

    private static final long NO_EDGE = Long.MIN_VALUE;

    /**
     * The triggered stimulator's clock: the rising edge's time while it handles that edge, real time
     * otherwise. Exactly the edge, even if a status read just saw a later time: a clock that refused
     * to run back would put this pulse later than its edge and the next one closer than the host
     * spaced them (a refused pulse at the Rapid²'s 20 ms minimum, seen in the delivery matrix).
     */
    private static final class EdgeClock implements Clock {
        volatile long edgeNanos = NO_EDGE;

        @Override
        public long nanoTime() {
            long edge = edgeNanos;
            return edge != NO_EDGE ? edge : System.nanoTime();
        }
    }

    public GpioLines lines() {
        return lines;
    }

    /** The rig's hardware stop button, or {@link StopButton#NONE} when the profile maps none. */
    @Override
    public StopButton stopButton() {
        return stopButton;
    }

    @Override
    public DeviceIdentity identify() {
        DeviceIdentity behind = stimulator.identify();
        return new DeviceIdentity("TTL rig on Pi4J mock GPIO -> " + behind.model(), behind.firmwareVersion(), true);
    }

    /** Verifies the trigger line (loopback) while the stimulator is still disarmed, then arms it. */
    @Override
    public void arm() throws DeviceFault {
        if (!stimulator.status().armed()) {
            LoopbackCheck.Result check = LoopbackCheck.run(lines, trigger, LOOPBACK_EDGES);
            if (!check.passed()) {
                throw new DeviceFault("trigger-line-failed", check.message());
            }
        }
        stimulator.arm();
    }

    @Override
    public void disarm() {
        stimulator.disarm();
    }

    @Override
    public int setOutput(int channel, int outputPercentMso) throws DeviceFault {
        return stimulator.setOutput(channel, outputPercentMso);
    }

    @Override
    public PulseTrigger trigger() {
        return trigger;
    }

    @Override
    public DeviceStatus status() {
        return stimulator.status();
    }

    @Override
    public int deliveredPulseCount() {
        return stimulator.deliveredPulseCount();
    }

    /** The simulated stimulator behind the trigger line (ground truth for tests). */
    public SimulatedStimulator stimulatorBehindTheLine() {
        return stimulator;
    }

    @Override
    public void close() {
        stimulator.close();
        lines.close();
    }
}
