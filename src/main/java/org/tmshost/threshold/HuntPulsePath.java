package org.tmshost.threshold;

import org.tmshost.device.DeviceFault;

/**
 * How a hunt reaches the subject: the session's pulse path, one pulse at a time
 * ({@code session.HuntSession}). The hunt decides each pulse's output and when it is due; the path
 * arms the device behind the arming checks, keeps the runtime interlocks (stop button, coil
 * temperature, the link, device faults) on one latch from arming to disarming, and has the pulse
 * thread fire each pulse. Nothing else fires a hunt's pulse.
 */
public interface HuntPulsePath {
    /**
     * Arms the device; the interlocks watch from here until {@link #disarm()}.
     *
     * @throws DeviceFault  if the device refuses to arm
     * @throws HuntStopped  if an interlock has tripped or an arming check fails
     */
    void arm() throws DeviceFault, HuntStopped;

    /** Sets the next pulse's output; returns the device's read-back. */
    int setOutput(int channel, int outputPercentMso) throws DeviceFault;

    /**
     * Before the write-ahead record of a pulse: the interlocks are clear and the device is armed and
     * ready, or this throws and the pulse is neither recorded nor given.
     */
    void requireReady(int pulse) throws DeviceFault, HuntStopped;

    /**
     * Has the pulse thread fire one pulse now, at the output already set; returns once it has left.
     *
     * @throws DeviceFault if the device did not give it (refused, not confirmed) or reported a fault
     * @throws HuntStopped if an interlock tripped first: nothing was fired
     */
    void fire(int pulse, int outputPercentMso, int channel) throws DeviceFault, HuntStopped;

    /** Disarms the device and stops watching; safe to call more than once. */
    void disarm();
}
