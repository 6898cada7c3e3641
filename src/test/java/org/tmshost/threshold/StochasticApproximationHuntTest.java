package org.tmshost.threshold;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

@Tag("unit")
class StochasticApproximationHuntTest {
    private static final MepCriterion RMT = MepCriterion.RMT_50_UV;
    private static final double A1 = 20.0 / 3.0;

    /**
     * By hand, from 60 %MSO with a_1 = 20/3 %MSO per decade:
     * 500 µV (+1 decade): x = 60 − 20/3 = 53.333;
     * 5 µV (−1 decade, 1st sign change, a = a_1·1/2 = 10/3): x = 53.333 + 10/3 = 56.667;
     * 158.1 µV (+0.5 decade, 2nd sign change, a = 10/3·2/3 = 20/9): x = 56.667 − 10/9 = 55.556;
     * 500 µV (+1 decade, no sign change, a stays 20/9): x = 55.556 − 20/9 = 53.333.
     */
    @Test
    void stepShrinksHarmonicallyOnEachSignChangeOnly() {
        StochasticApproximationHunt hunt = StochasticApproximationHunt.wang2023(RMT, 60, 10);
        assertThat(hunt.nextIntensityPercentMso()).isEqualTo(60.0);
        hunt.onResponse(60, 500);
        assertThat(hunt.stepPercentMsoPerDecade()).isCloseTo(A1, within(1e-12));
        assertThat(hunt.nextIntensityPercentMso()).isCloseTo(60 - A1, within(1e-9));
        hunt.onResponse(53, 5);
        assertThat(hunt.signChanges()).isEqualTo(1);
        assertThat(hunt.stepPercentMsoPerDecade()).isCloseTo(A1 / 2, within(1e-12));
        assertThat(hunt.nextIntensityPercentMso()).isCloseTo(60 - A1 + A1 / 2, within(1e-9));
        hunt.onResponse(57, 50 * Math.sqrt(10));
        assertThat(hunt.signChanges()).isEqualTo(2);
        assertThat(hunt.stepPercentMsoPerDecade()).isCloseTo(A1 / 3, within(1e-12));
        assertThat(hunt.nextIntensityPercentMso()).isCloseTo(60 - A1 + A1 / 2 - A1 / 6, within(1e-9));
        hunt.onResponse(56, 500);
        assertThat(hunt.signChanges()).isEqualTo(2);
        assertThat(hunt.stepPercentMsoPerDecade()).isCloseTo(A1 / 3, within(1e-12));
        assertThat(hunt.nextIntensityPercentMso()).isCloseTo(60 - A1 + A1 / 2 - A1 / 6 - A1 / 3, within(1e-9));
        assertThat(hunt.estimate().orElseThrow().thresholdPercentMso()).isEqualTo(hunt.nextIntensityPercentMso());
    }

    @Test
    void clipsToOneAndTheMaximumAndFloorsTinyAmplitudes() {
        StochasticApproximationHunt hunt = StochasticApproximationHunt.wang2023(RMT, 95, 10);
        hunt.onResponse(95, 0.0);                  // taken as 1 µV: −1.7 decades, x = 95 + 11.3 -> clipped to 100
        assertThat(hunt.nextIntensityPercentMso()).isEqualTo(100.0);
        StochasticApproximationHunt low = StochasticApproximationHunt.wang2023(RMT, 3, 10);
        low.onResponse(3, 1e6);                    // +4.3 decades: x = 3 − 28.7 -> clipped to 1
        assertThat(low.nextIntensityPercentMso()).isEqualTo(1.0);
    }

    @Test
    void needsAmplitudesAndStopsAfterItsPulses() {
        StochasticApproximationHunt hunt = StochasticApproximationHunt.wang2023(RMT, 60, 2);
        assertThat(hunt.needsAmplitudes()).isTrue();
        assertThatThrownBy(() -> hunt.onJudgement(60, true)).isInstanceOf(UnsupportedOperationException.class);
        hunt.onResponse(60, 100);
        hunt.onResponse(58, 100);
        assertThat(hunt.done()).isTrue();
        assertThatThrownBy(hunt::nextIntensityPercentMso).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void convergesOnSeededTypicalSubjects() {
        Subjects.assertConvergesOnTypicalSubjects(start -> StochasticApproximationHunt.wang2023(RMT, start, 20), 2000, hunt -> { });
    }
}
