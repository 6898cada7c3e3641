package org.tmshost.dryrun;

import org.tmshost.device.DeviceFault;
import org.tmshost.profile.HardwareProfile;
import org.tmshost.protocol.PulsePlan;
import org.tmshost.simulator.CoilThermalModel;
import org.tmshost.simulator.SimulatedStimulator;

/**
 * Runs a plan against a simulated device on virtual time: the clock jumps to each deadline.
 */
final class VirtualDeviceRun {
    private final PulsePlan plan;
    private final SimulatedStimulator device;
    private long nowNanos;

    VirtualDeviceRun(PulsePlan plan, HardwareProfile profile, CoilThermalModel.Parameters coil) {
        this.plan = plan;
        this.device = new SimulatedStimulator(profile, () -> nowNanos, coil, plan.pulseCount());
    }

    /** When the first pulse was due: arm latency after the start. */
    long t0Nanos() {
        return device.armLatencyNanos();
    }

    SimulatedStimulator device() {
        return device;
    }

    void execute() throws DeviceFault {
        int[] setOutputs = new int[plan.pulseCount() == 0 ? 0 : 4];
        java.util.Arrays.fill(setOutputs, -1);
        device.arm();
        // t0 is when the device is charged and ready, as a session waits for READY before starting
        long t0 = nowNanos + device.armLatencyNanos();
        try {
            for (int i = 0; i < plan.pulseCount(); i++) {
                nowNanos = t0 + plan.offsetNanos(i);
                int channel = plan.channel(i);
                int output = plan.outputPercentMso(i);
                if (setOutputs[channel] != output) {
                    setOutputs[channel] = device.setOutput(channel, output);
                }
                device.trigger().fire(i, output, channel);
            }
        } finally {
            device.disarm();
        }
    }
}
