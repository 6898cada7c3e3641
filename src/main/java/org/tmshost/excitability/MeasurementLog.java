package org.tmshost.excitability;

/**
 * Receives a measurement's trials as they are given: each just before it is fired (write-ahead: a
 * trial that cannot be recorded is not given) and its MEP once read.
 */
public interface MeasurementLog {
    MeasurementLog NONE = new MeasurementLog() {
        @Override
        public void trialFiring(Trial trial) {
        }

        @Override
        public void readingTaken(Trial trial, double microvolts) {
        }

        @Override
        public void trialVoid(Trial trial) {
        }
    };

    void trialFiring(Trial trial);

    void readingTaken(Trial trial, double microvolts);

    /** The trial, logged as firing, was void: its test pulse would have been late and was not given. */
    void trialVoid(Trial trial);
}
