package org.tmshost.threshold;

import org.tmshost.protocol.MotorThresholds;
import org.tmshost.protocol.ThresholdKind;
import org.tmshost.protocol.ThresholdMethod;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of one hunt: threshold, method, criterion, pulses used and when.
 *
 * @param evidence how the MEPs were observed (EMG or visual), from the {@link MepSource}
 * @param trials   every delivered pulse and its reading, in order
 */
public record HuntResult(Outcome outcome, HuntMethod method, MepCriterion criterion,
                         Optional<ThresholdEstimate> estimate, int pulsesUsed, Instant date,
                         ThresholdMethod evidence, List<Trial> trials) {

    public enum Outcome {
        /** The method finished and produced a threshold. */
        COMPLETED,
        /** The per-hunt pulse cap was reached first; any estimate is provisional. */
        PULSE_CAP_REACHED,
        /** The method finished but the threshold is outside the stimulator's range. */
        OUT_OF_RANGE
    }

    public record Trial(int index, int intensityPercentMso, long firedAtNanos, MepReading reading) {
    }

    public HuntResult {
        trials = List.copyOf(trials);
    }

    /** The threshold in %MSO, if the hunt completed. */
    public Optional<Double> thresholdPercentMso() {
        return outcome == Outcome.COMPLETED ? estimate.map(ThresholdEstimate::thresholdPercentMso) : Optional.empty();
    }

    /**
     * The result as the protocol layer's thresholds, rounded down to 0.1 %MSO (rounding down never
     * raises an output computed from it).
     *
     * @throws IllegalStateException if the hunt did not complete
     */
    public MotorThresholds toMotorThresholds() {
        double value = thresholdPercentMso().orElseThrow(() -> new IllegalStateException(
                "the hunt ended with " + outcome + "; there is no threshold to store"));
        Optional<BigDecimal> threshold = Optional.of(BigDecimal.valueOf(value).setScale(1, RoundingMode.FLOOR));
        return criterion.kind() == ThresholdKind.RMT
                ? new MotorThresholds(threshold, Optional.empty(), evidence)
                : new MotorThresholds(Optional.empty(), threshold, evidence);
    }
}
