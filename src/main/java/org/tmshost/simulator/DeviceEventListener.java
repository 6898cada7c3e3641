package org.tmshost.simulator;

/**
 * What an emulated device did, for {@code simulate --log} and tests (the pulses themselves are also
 * in the simulated device's ground truth). Called on the emulator's thread; keep it quick.
 */
public interface DeviceEventListener {
    DeviceEventListener NONE = new DeviceEventListener() {
    };

    default void armed(long atNanos) {
    }

    /** @param reason {@code command}, {@code lease-expired}, {@code idle}, {@code fault}, or the device's fault code */
    default void disarmed(long atNanos, String reason) {
    }

    default void pulse(int index, long atNanos, int outputPercentMso, int channel) {
    }

    /** A BiStim's two units discharging at once (interval 0): one pulse, reported on channel 0. */
    default void simultaneousPulse(int index, long atNanos, int outputPercentMso) {
        pulse(index, atNanos, outputPercentMso, 0);
    }

    /** A refused pulse or a rejected command, with a stable code. */
    default void fault(long atNanos, String code, String message) {
    }
}
