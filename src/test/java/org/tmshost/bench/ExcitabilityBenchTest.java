package org.tmshost.bench;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.tmshost.simulator.subject.SubjectParameters;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

@Tag("unit")
class ExcitabilityBenchTest {
    private static List<SubjectParameters> subjects() throws Exception {
        return ExcitabilityBench.withPairedPulseModel(SubjectParameters.bundledAll());
    }

    /** Few seeded repetitions: the structure, the truths, errors that shrink with trials, the same result twice. */
    @Test
    void reportsErrorAndCoveragePerSubjectAndTrialsAndErrorsShrinkWithTrials() throws Exception {
        List<SubjectParameters> subjects = subjects();
        assertThat(subjects).extracting(SubjectParameters::name).containsExactly("neuropathic-pain", "typical");
        ExcitabilityBench.Result result = ExcitabilityBench.run(subjects, List.of(5, 20), 40, 3);
        ExcitabilityBench.Result again = ExcitabilityBench.run(subjects, List.of(5, 20), 40, 3);
        assertThat(again).isEqualTo(result);
        assertThat(ExcitabilityBench.table(again)).isEqualTo(ExcitabilityBench.table(result));

        assertThat(result.cells()).extracting(c -> c.subject() + "@" + c.trials())
                .containsExactly("neuropathic-pain@5", "typical@5", "neuropathic-pain@20", "typical@20");
        for (ExcitabilityBench.Cell cell : result.cells()) {
            assertThat(cell.conditions()).extracting(ExcitabilityBench.ConditionRow::condition)
                    .containsExactly("sici-2", "sici-3", "icf-10", "icf-12");
            for (ExcitabilityBench.ConditionRow row : cell.conditions()) {
                assertThat(row.intervals()).isEqualTo(40);
                assertThat(row.coverage()).isBetween(0.5, 1.0);
                assertThat(row.meanAbsoluteError()).isPositive();
            }
        }
        ExcitabilityBench.Cell typical5 = result.cells().get(1);
        double[] truths = {0.4, 0.45, 1.4, 1.4};
        for (int c = 0; c < truths.length; c++) {
            assertThat(typical5.conditions().get(c).trueRatio()).isCloseTo(truths[c], within(1e-12));
        }
        assertThat(result.cells().get(0).conditions().get(0).trueRatio()).isCloseTo(0.8, within(1e-12));
        for (int s = 0; s < 2; s++) {
            ExcitabilityBench.Cell few = result.cells().get(s);
            ExcitabilityBench.Cell many = result.cells().get(2 + s);
            assertThat(many.meanAbsoluteError()).as(few.subject()).isLessThan(0.75 * few.meanAbsoluteError());
        }

        assertThat(result.separations()).extracting(sep -> sep.other() + " " + sep.condition() + " " + sep.trials())
                .containsExactly("neuropathic-pain sici-2 5", "neuropathic-pain sici-3 5", "neuropathic-pain sici-2 20",
                        "neuropathic-pain sici-3 20");
        ExcitabilityBench.Separation sici2at20 = result.separations().get(2);
        assertThat(sici2at20.orderedEstimates()).as("more trials put the two SICIs in order more often")
                .isGreaterThan(result.separations().get(0).orderedEstimates());
        assertThat(sici2at20.disjointIntervals()).isLessThanOrEqualTo(sici2at20.upperBelowEstimate());

        double[] range = result.coverageRangeFromTenTrials();
        assertThat(result.pooledCoverageFromTenTrials()).isBetween(range[0], range[1]);
        assertThat(result.coverageWithinBandFromTenTrials()).isEqualTo(range[0] >= 0.90 && range[1] <= 0.98);
        String table = ExcitabilityBench.table(result);
        assertThat(table).contains("truth 0.400").contains("truth 0.800").contains("Coverage at 10+ trials")
                .contains("typical vs neuropathic-pain, sici-2, 20 trials");
        String json = ExcitabilityBench.json(result, 1.5);
        assertThat(json).startsWith("{\"seed\":3,\"repetitions\":40,").contains("\"subject\":\"typical\",\"trials\":20")
                .contains("\"condition\":\"sici-2\",\"trueRatio\":0.4,").contains("\"disjointIntervals\":")
                .contains("\"pooledCoverageFromTenTrials\":").contains("\"coverageWithinBand\":").endsWith("\"wallSeconds\":1.5}");
    }

    @Test
    void anotherSeedGivesOtherMeasurements() throws Exception {
        ExcitabilityBench.Result a = ExcitabilityBench.run(subjects(), List.of(5), 5, 1);
        ExcitabilityBench.Result b = ExcitabilityBench.run(subjects(), List.of(5), 5, 2);
        assertThat(a.cells().get(0).conditions().get(0).meanAbsoluteError())
                .isNotEqualTo(b.cells().get(0).conditions().get(0).meanAbsoluteError());
    }

    @Test
    void refusesNothingToMeasure() throws Exception {
        assertThatThrownBy(() -> ExcitabilityBench.run(List.of(), List.of(5), 5, 1)).hasMessageContaining("paired-pulse model");
        assertThatThrownBy(() -> ExcitabilityBench.run(subjects(), List.of(5), 0, 1)).hasMessageContaining("repetition");
        List<SubjectParameters> steep = SubjectParameters.bundled("steep").stream().toList();
        assertThat(ExcitabilityBench.withPairedPulseModel(steep)).as("no paired-pulse model").isEmpty();
    }
}
