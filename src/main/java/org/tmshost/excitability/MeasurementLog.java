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
    };

    void trialFiring(Trial trial);

    void readingTaken(Trial trial, double microvolts);
}
