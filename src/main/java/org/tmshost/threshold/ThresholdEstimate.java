package org.tmshost.threshold;

import java.util.Optional;

/**
 * A threshold estimate in %MSO, with an interval where the method has one.
 *
 * @param interval for ML-PEST the 95% likelihood-ratio interval; for the two-threshold method the
 *                 lower and upper thresholds; empty for 5/10 and SAMT, which have none
 */
public record ThresholdEstimate(double thresholdPercentMso, Optional<Interval> interval) {

    /**
     * @param meaning what the bounds are, in words (e.g. "95% likelihood-ratio interval")
     */
    public record Interval(double lowerPercentMso, double upperPercentMso, String meaning) {
        public double width() {
            return upperPercentMso - lowerPercentMso;
        }
    }

    public static ThresholdEstimate of(double thresholdPercentMso) {
        return new ThresholdEstimate(thresholdPercentMso, Optional.empty());
    }
}
