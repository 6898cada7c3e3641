package org.tmshost.excitability;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

@Tag("unit")
class PairedPulseAnalysisTest {
    private static final MeasurementPlan PLAN = MeasurementPlan.pairedPulse(Condition.parseNames("test,sici-2,icf-10"), 6,
            new BigDecimal("50"), new BigDecimal("80"), new BigDecimal("120"), 9);

    /** Test alone 1000 uV on average, SICI half of it, ICF 1.5 times; one SICI trial wildly off. */
    private static List<TrialReading> readings() {
        List<TrialReading> readings = new ArrayList<>();
        int[] seen = new int[3];
        double[] spread = {0.8, 1.2, 0.9, 1.1, 0.95, 1.05};
        for (Trial t : PLAN.trials()) {
            double base = switch (t.condition()) {
                case 0 -> 1000;
                case 1 -> 500;
                default -> 1500;
            };
            double value = base * spread[seen[t.condition()]++];
            if (t.condition() == 1 && seen[1] == 6) {
                value = 30_000;
            }
            readings.add(new TrialReading(t, t.index(), value));
        }
        return readings;
    }

    @Test
    void ratiosAreRatiosOfMeansWithTheirIntervalsAndOutliersStayIn() {
        MeasurementResult result = MeasurementResult.of(PLAN, readings());
        ConditionSummary test = result.condition("test").orElseThrow();
        assertThat(test.n()).isEqualTo(6);
        assertThat(test.meanMicrovolts()).isCloseTo(1000, within(1e-9));
        assertThat(test.medianMicrovolts()).isCloseTo(1000, within(1e-9));
        assertThat(test.ratio()).isEmpty();
        ConditionSummary icf = result.condition("icf-10").orElseThrow();
        assertThat(icf.ratio()).hasValueSatisfying(r -> assertThat(r).isCloseTo(1.5, within(1e-9)));
        assertThat(icf.ci95().orElseThrow().contains(1.5)).isTrue();
        ConditionSummary sici = result.condition("sici-2").orElseThrow();
        double mean = (500 * (0.8 + 1.2 + 0.9 + 1.1 + 0.95) + 30_000) / 6;
        assertThat(sici.meanMicrovolts()).isCloseTo(mean, within(1e-9)); // the outlier counts: flagged, not dropped
        assertThat(sici.ratio().orElseThrow()).isCloseTo(mean / 1000, within(1e-9));
        int outlierTrial = PLAN.trials().stream().filter(t -> t.condition() == 1).toList().get(5).index() + 1;
        assertThat(sici.outlierTrials()).containsExactly(outlierTrial);
        assertThat(MeasurementResult.of(PLAN, readings())).isEqualTo(result); // seeded: the same intervals again
    }

    @Test
    void aMeasurementCutShortIsSummarisedOnWhatWasGiven() {
        List<TrialReading> firstFew = readings().subList(0, 4);
        MeasurementResult result = MeasurementResult.of(PLAN, firstFew);
        assertThat(result.conditions().stream().mapToInt(ConditionSummary::n).sum()).isEqualTo(4);
        assertThat(MeasurementJson.of(result).path("trialsGiven").asInt()).isEqualTo(4);
    }

    @Test
    void theJsonHasTheContractsFields() {
        var json = MeasurementJson.of(MeasurementResult.of(PLAN, readings()));
        var icf = json.path("conditions").get(2);
        assertThat(icf.path("name").asText()).isEqualTo("icf-10");
        assertThat(icf.path("n").asInt()).isEqualTo(6);
        assertThat(icf.path("meanMicrovolts").asDouble()).isEqualTo(1500.0);
        assertThat(icf.path("medianMicrovolts").isNumber()).isTrue();
        assertThat(icf.path("ratio").asDouble()).isEqualTo(1.5);
        assertThat(icf.path("ci95").size()).isEqualTo(2);
        assertThat(json.path("conditions").get(0).path("ratio").isNull()).isTrue();
        assertThat(json.path("trials").size()).isEqualTo(18);
    }
}
