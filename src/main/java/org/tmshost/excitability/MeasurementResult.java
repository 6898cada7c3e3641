package org.tmshost.excitability;

import java.util.List;
import java.util.Optional;

/**
 * What a measurement found: its readings in the order given, each condition's summary and, for a
 * recruitment curve, the Boltzmann fit or why there is none.
 */
public record MeasurementResult(MeasurementPlan plan, List<TrialReading> readings, List<ConditionSummary> conditions,
                                Optional<BoltzmannFit.Outcome> fit) {
    public MeasurementResult {
        readings = List.copyOf(readings);
        conditions = List.copyOf(conditions);
    }

    public static MeasurementResult of(MeasurementPlan plan, List<TrialReading> readings) {
        return new MeasurementResult(plan, readings, PairedPulseAnalysis.summarise(plan, readings),
                plan.kind() == MeasurementKind.RECRUITMENT ? Optional.of(BoltzmannFit.fit(readings)) : Optional.empty());
    }

    /** A condition's summary by name ({@code sici-2}), if the plan has it. */
    public Optional<ConditionSummary> condition(String name) {
        return conditions.stream().filter(c -> c.condition().name().equals(name)).findFirst();
    }
}
