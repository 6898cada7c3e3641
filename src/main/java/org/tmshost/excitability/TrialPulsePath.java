package org.tmshost.excitability;

import org.tmshost.device.DeviceFault;
import org.tmshost.threshold.HuntStopped;

/**
 * How a measurement reaches the subject: the session's pulse path, one trial at a time
 * ({@code session.HuntSession}). The measurement decides each trial's pulses and when it is due; the
 * path arms the device behind the arming checks, keeps the runtime interlocks on one latch from
 * arming to disarming, sets the device up for each trial and has the pulse thread fire it (the
 * device times a pair itself where it can: BiStim², MagPro Dual). Nothing else fires a trial.
 */
public interface TrialPulsePath {
    /**
     * Arms the device; the interlocks watch from here until {@link #disarm()}.
     *
     * @throws DeviceFault if the device refuses to arm
     * @throws HuntStopped if an interlock has tripped or an arming check fails
     */
    void arm() throws DeviceFault, HuntStopped;

    /**
     * Sets the device up for the next trial (each unit's output, the pair's interval), every value
     * read back, off the pulse thread.
     *
     * @throws DeviceFault if a value cannot be set or reads back otherwise
     */
    void setUp(TrialPulses trial) throws DeviceFault;

    /**
     * Before the write-ahead record of a trial: the interlocks are clear and the device is armed and
     * ready, or this throws and the trial is neither recorded nor given.
     */
    void requireReady(int trial) throws DeviceFault, HuntStopped;

    /**
     * Has the pulse thread give trial {@code trial} now, as set up; returns once the device has given
     * it (both pulses of a pair).
     *
     * @return false if the trial is void: a pair's test pulse would have left late, after more than its
     *         interval, and was not given (its conditioning pulse was): an interval is never delivered wrong
     * @throws DeviceFault if the device did not give it (refused, not confirmed) or reported a fault
     * @throws HuntStopped if an interlock tripped first
     */
    boolean fire(int trial, TrialPulses pulses) throws DeviceFault, HuntStopped;

    /**
     * How long the device must rest after a trial was given before the next (a unit fires again no
     * sooner than its profile's interval: a BiStim² unit, 4 s), counted from when {@link #fire} returned.
     */
    default long restNanos() {
        return 0;
    }

    /** Disarms the device and stops watching; safe to call more than once. */
    void disarm();
}
