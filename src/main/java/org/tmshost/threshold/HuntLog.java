package org.tmshost.threshold;

/**
 * Where a hunt's pulses go as they happen (the record store), so that a hunt that is stopped,
 * faults or crashes keeps every pulse it gave the subject, and the pulses count toward the
 * subject's daily dose. Called on the runner's thread; an exception stops the hunt (the runner
 * disarms the device).
 */
public interface HuntLog {
    /** Logs nothing (benchmarks, tests of the hunt alone). */
    HuntLog NONE = new HuntLog() {
        @Override
        public void pulseFired(DeliveredPulse pulse) {
        }

        @Override
        public void readingTaken(DeliveredPulse pulse, MepReading reading) {
        }
    };

    /** Right after the trigger, before the MEP is read: the pulse was given whatever follows. */
    void pulseFired(DeliveredPulse pulse);

    /** The MEP reading (or the operator's yes/no) for a pulse already logged. */
    void readingTaken(DeliveredPulse pulse, MepReading reading);
}
