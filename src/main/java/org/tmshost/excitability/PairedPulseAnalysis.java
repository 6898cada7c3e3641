package org.tmshost.excitability;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A measurement's results per condition ({@link ConditionSummary}) from its readings. Each
 * conditioned condition's ratio divides its mean MEP by the test pulse alone's, with a bootstrap
 * interval seeded from the measurement's seed and the condition's place, so the same readings give
 * the same interval. A recruitment measurement's conditions have no ratio (see {@link BoltzmannFit}).
 */
public final class PairedPulseAnalysis {
    private PairedPulseAnalysis() {
    }

    public static List<ConditionSummary> summarise(MeasurementPlan plan, List<TrialReading> readings) {
        List<Condition> conditions = plan.conditions();
        List<List<TrialReading>> byCondition = new ArrayList<>();
        conditions.forEach(c -> byCondition.add(new ArrayList<>()));
        for (TrialReading r : readings) {
            byCondition.get(r.trial().condition()).add(r);
        }
        double[] test = plan.kind() == MeasurementKind.PAIRED_PULSE ? amplitudes(byCondition.get(0)) : new double[0];
        List<ConditionSummary> summaries = new ArrayList<>();
        for (int c = 0; c < conditions.size(); c++) {
            List<TrialReading> given = byCondition.get(c);
            double[] values = amplitudes(given);
            List<Integer> outliers = Outliers.of(values).stream().map(i -> given.get(i).trial().index() + 1).toList();
            Optional<Double> ratio = Optional.empty();
            Optional<Interval> ci = Optional.empty();
            boolean conditioned = conditions.get(c).isiMs().isPresent();
            if (conditioned && values.length > 0 && test.length > 0 && RatioBootstrap.mean(test) > 0) {
                ratio = Optional.of(RatioBootstrap.mean(values) / RatioBootstrap.mean(test));
                if (values.length >= 2 && test.length >= 2) {
                    ci = Optional.of(RatioBootstrap.ci95(values, test, plan.seed() * 31 + c));
                }
            }
            summaries.add(new ConditionSummary(conditions.get(c), plan.pulses(c).testPercentMso(), values.length,
                    values.length == 0 ? Double.NaN : RatioBootstrap.mean(values),
                    values.length == 0 ? Double.NaN : Outliers.median(values), ratio, ci, outliers));
        }
        return List.copyOf(summaries);
    }

    private static double[] amplitudes(List<TrialReading> readings) {
        return readings.stream().mapToDouble(TrialReading::microvolts).toArray();
    }
}
