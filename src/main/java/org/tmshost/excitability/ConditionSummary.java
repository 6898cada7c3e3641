package org.tmshost.excitability;

import java.util.List;
import java.util.Optional;

/**
 * One condition's MEPs: how many, their mean and median peak-to-peak, its ratio to the test pulse
 * alone (ratio of means) with the 95% bootstrap interval, and the trials flagged as outliers, which
 * stay in every figure here.
 *
 * @param outlierTrials 1-based trial numbers in the order given, see {@link Outliers}
 */
public record ConditionSummary(Condition condition, int outputPercentMso, int n, double meanMicrovolts,
                               double medianMicrovolts, Optional<Double> ratio, Optional<Interval> ci95,
                               List<Integer> outlierTrials) {
    public ConditionSummary {
        outlierTrials = List.copyOf(outlierTrials);
    }
}
