package org.tmshost.threshold;

/**
 * Where a hunt's pulses go (the record store). Write-ahead: each pulse is logged immediately before
 * its trigger, so no pulse is ever given unrecorded. If logging fails, the runner stops (and
 * disarms) without firing it. A pulse logged and then not given counts all the same: a trigger
 * that throws, or a device that refuses the pulse, may or may not have stimulated, and the record
 * takes the safe side for the dose. Called on the runner's thread.
 */
public interface HuntLog {
    /** Logs nothing (benchmarks, tests of the hunt alone). */
    HuntLog NONE = new HuntLog() {
        @Override
        public void pulseFiring(DeliveredPulse pulse) {
        }

        @Override
        public void readingTaken(DeliveredPulse pulse, MepReading reading) {
        }
    };

    /** Immediately before the trigger; an exception here means the pulse is not fired. */
    void pulseFiring(DeliveredPulse pulse);

    /** The MEP reading (or the operator's yes/no) for a pulse already logged. */
    void readingTaken(DeliveredPulse pulse, MepReading reading);
}
