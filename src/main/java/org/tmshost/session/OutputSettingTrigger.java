package org.tmshost.session;

import org.tmshost.device.DeviceFault;
import org.tmshost.device.PulseTrigger;
import org.tmshost.device.Stimulator;

/**
 * Sets the output before a pulse when it differs from what the unit is set to (read back), then
 * fires through the device's trigger. Pulse thread only; allocation-free unless the device fails.
 */
final class OutputSettingTrigger implements PulseTrigger {
    private final Stimulator device;
    private final PulseTrigger deviceTrigger;
    static final int MAX_CHANNELS = 16;
    private final int[] outputs = new int[MAX_CHANNELS];

    /** @param preset the output each unit was set to at arming, -1 where not set */
    OutputSettingTrigger(Stimulator device, int[] preset) {
        this.device = device;
        this.deviceTrigger = device.trigger();
        java.util.Arrays.fill(outputs, -1);
        System.arraycopy(preset, 0, outputs, 0, Math.min(preset.length, MAX_CHANNELS));
    }

    @Override
    public long fire(int pulseIndex, int outputPercentMso, int channel) {
        if (outputs[channel] != outputPercentMso) {
            int readBack;
            try {
                readBack = device.setOutput(channel, outputPercentMso);
            } catch (DeviceFault fault) {
                throw new IllegalStateException("setting unit " + channel + " to " + outputPercentMso
                        + "% MSO failed (" + fault.code() + "): " + fault.getMessage(), fault);
            }
            if (readBack != outputPercentMso) {
                throw new IllegalStateException("unit " + channel + " was set to " + outputPercentMso
                        + "% MSO but reads back " + readBack + "% MSO");
            }
            outputs[channel] = outputPercentMso;
        }
        return deviceTrigger.fire(pulseIndex, outputPercentMso, channel);
    }
}
