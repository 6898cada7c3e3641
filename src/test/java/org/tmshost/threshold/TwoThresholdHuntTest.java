package org.tmshost.threshold;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@Tag("unit")
class TwoThresholdHuntTest {
    private static final MepCriterion RMT = MepCriterion.RMT_50_UV;

    /**
     * A step subject (responds at >= 50), start 60: 60 yes, 50 yes, 40 no (search down by 10);
     * 41..49 one "no" each (upper search); 50 ten "yes" (upper = 50); from 49 (one below the lowest
     * response) ten "no" (lower = 49). Threshold 49.5 after 3 + 9 + 10 + 10 = 32 pulses.
     */
    @Test
    void findsUpperAndLowerThresholdsAndAveragesThem() {
        TwoThresholdHunt hunt = TwoThresholdHunt.millsNithi(RMT, 60);
        List<Double> intensities = RelativeFrequencyHuntTest.drive(hunt, x -> x >= 50);
        assertThat(intensities).hasSize(32);
        assertThat(intensities.subList(0, 4)).containsExactly(60.0, 50.0, 40.0, 41.0);
        assertThat(hunt.upperThresholdPercentMso()).contains(50);
        assertThat(hunt.lowerThresholdPercentMso()).contains(49);
        ThresholdEstimate estimate = hunt.estimate().orElseThrow();
        assertThat(estimate.thresholdPercentMso()).isEqualTo(49.5);
        assertThat(estimate.interval().orElseThrow().lowerPercentMso()).isEqualTo(49.0);
        assertThat(estimate.interval().orElseThrow().upperPercentMso()).isEqualTo(50.0);
    }

    /** One non-response at the upper search level sends it up at once; one response at the lower level sends it down. */
    @Test
    void levelsNeedTenConsecutiveIdenticalAnswers() {
        TwoThresholdHunt hunt = TwoThresholdHunt.millsNithi(RMT, 50);
        hunt.onJudgement(50, false);                      // search ends at once: upper search from 51
        for (int i = 0; i < 9; i++) {
            assertThat(hunt.nextIntensityPercentMso()).isEqualTo(51.0);
            hunt.onJudgement(51, true);
        }
        hunt.onJudgement(51, false);                      // 10th is a miss: up to 52
        assertThat(hunt.nextIntensityPercentMso()).isEqualTo(52.0);
        for (int i = 0; i < 10; i++) {
            hunt.onJudgement(52, true);
        }
        assertThat(hunt.upperThresholdPercentMso()).contains(52);
        assertThat(hunt.nextIntensityPercentMso()).as("one below the lowest response (51)").isEqualTo(50.0);
        hunt.onJudgement(50, true);
        assertThat(hunt.nextIntensityPercentMso()).isEqualTo(49.0);
        for (int i = 0; i < 10; i++) {
            hunt.onJudgement(49, false);
        }
        assertThat(hunt.done()).isTrue();
        assertThat(hunt.estimate().orElseThrow().thresholdPercentMso()).isEqualTo(50.5);
    }

    @Test
    void convergesOnSeededTypicalSubjects() {
        Subjects.assertConvergesOnTypicalSubjects(start -> TwoThresholdHunt.millsNithi(RMT, (int) start), 4000, hunt -> { });
    }
}
