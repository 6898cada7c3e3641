package org.tmshost.device;


/**
 * A device's own train timer (Rapid² train mode, the MagPro Timing menu, the simulator): the host
 * loads a train and reads it back before arming, then starts each train on time from the pulse
 * thread, and the device times every pulse of it.
 */
public interface TrainTimer {
    /** Puts the device where one trigger is one pulse (Rapid²: duration 0), read back. */
    void singlePulses() throws DeviceFault;

    /** Loads every parameter of the train and reads each back; the output was set first. */
    void load(TrainSetting train) throws DeviceFault;

    /**
     * Starts the loaded train now. Called only from the pulse thread, under {@link PulseTrigger}'s
     * rules (no allocation, lock or logging); {@code pulseIndex} is the plan index of the train's
     * first pulse.
     */
    PulseTrigger starter();
}
