package org.tmshost.record;

import java.time.Instant;
import java.util.Optional;

/**
 * One trial of an excitability measurement as recorded: written just before it was fired, its MEP
 * amplitude once read (empty: the measurement ended, or its host died, before the reading).
 *
 * @param condition              the condition's name
 * @param conditioningPercentMso the conditioning pulse's output, 0 for a test pulse alone
 * @param isiNanos               conditioning to test, 0 for a test pulse alone
 * @param firedAt                wall clock when it was written, just before it was fired
 * @param testGiven              false for a void trial: the pair's test pulse would have been late and was not given
 */
public record MeasurementTrialRow(int trialIndex, int block, String condition, int conditioningPercentMso,
                                  int testPercentMso, long isiNanos, Instant firedAt,
                                  Optional<Double> amplitudeMicrovolts, boolean testGiven) {
    /** Pulses the trial gave the subject: 2 for a pair, 1 for a test pulse alone or a void pair's conditioning pulse. */
    public int pulses() {
        return (conditioningPercentMso > 0 ? 1 : 0) + (testGiven ? 1 : 0);
    }
}
