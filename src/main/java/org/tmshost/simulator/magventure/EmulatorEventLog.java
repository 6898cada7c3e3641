package org.tmshost.simulator.magventure;

/**
 * What the emulated MagPro did, for logs and tests (the pulses themselves are also in the
 * simulated device's ground truth). Called on the emulator's thread; keep it quick.
 */
public interface EmulatorEventLog {
    EmulatorEventLog NONE = new EmulatorEventLog() {
    };

    default void armed(long atNanos) {
    }

    /** @param reason {@code host} (disable command) or the device's fault code */
    default void disarmed(long atNanos, String reason) {
    }

    default void pulse(int index, long atNanos, int outputPercentMso, int channel) {
    }

    /** A refused pulse or a rejected command, with a stable code. */
    default void fault(long atNanos, String code, String message) {
    }
}
