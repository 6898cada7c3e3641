package org.tmshost.threshold;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoublePredicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Tag("unit")
class RelativeFrequencyHuntTest {
    private static final MepCriterion RMT = MepCriterion.RMT_50_UV;

    static List<Double> drive(MotorThresholdHunt hunt, DoublePredicate responds) {
        List<Double> intensities = new ArrayList<>();
        while (!hunt.done()) {
            double x = hunt.nextIntensityPercentMso();
            intensities.add(x);
            hunt.onJudgement(x, responds.test(x));
        }
        return intensities;
    }

    /** A step subject (always responds at >= 50): 55..50 pass with 5 pulses each, 49 fails after 6. */
    @Test
    void descendsInOnePercentStepsAndStopsAtTheFirstFailingLevel() {
        RelativeFrequencyHunt hunt = RelativeFrequencyHunt.ifcn(RMT, 55);
        List<Double> intensities = drive(hunt, x -> x >= 50);
        assertThat(hunt.estimate().orElseThrow().thresholdPercentMso()).isEqualTo(50.0);
        assertThat(hunt.estimate().orElseThrow().interval()).isEmpty();
        assertThat(intensities).hasSize(6 * 5 + 6);
        assertThat(intensities.subList(0, 5)).containsOnly(55.0);
        assertThat(intensities.subList(30, 36)).containsOnly(49.0);
    }

    /** A level passes at 5 of 10 and fails at 6 of 10 negatives, whatever the order. */
    @Test
    void fiveOfTenPassesAndSixNegativesFail() {
        RelativeFrequencyHunt hunt = RelativeFrequencyHunt.ifcn(RMT, 50);
        boolean[] answers = {false, true, false, true, false, true, false, true, true};   // 5th positive at pulse 9
        for (boolean answer : answers) {
            assertThat(hunt.nextIntensityPercentMso()).isEqualTo(50.0);
            hunt.onJudgement(50, answer);
        }
        assertThat(hunt.nextIntensityPercentMso()).isEqualTo(49.0);
        boolean[] failing = {true, false, false, true, false, true, false, false, false};   // 6th negative at pulse 9
        for (int i = 0; i < failing.length; i++) {
            assertThat(hunt.done()).as("before pulse %d at 49", i + 1).isFalse();
            hunt.onJudgement(49, failing[i]);
        }
        assertThat(hunt.done()).isTrue();
        assertThat(hunt.trials()).isEqualTo(18);
        assertThat(hunt.estimate().orElseThrow().thresholdPercentMso()).isEqualTo(50.0);
    }

    /** A start below threshold: 40 and 45 fail, 50 passes (5 %MSO up-steps), 49 fails. */
    @Test
    void goesUpInFivePercentStepsWhenTheStartIsBelowThreshold() {
        RelativeFrequencyHunt hunt = RelativeFrequencyHunt.ifcn(RMT, 40);
        List<Double> intensities = drive(hunt, x -> x >= 50);
        assertThat(intensities).hasSize(6 + 6 + 5 + 6);
        assertThat(intensities.get(6)).isEqualTo(45.0);
        assertThat(intensities.get(12)).isEqualTo(50.0);
        assertThat(hunt.estimate().orElseThrow().thresholdPercentMso()).isEqualTo(50.0);
    }

    @Test
    void aThresholdAboveTheMaximumHasNoEstimate() {
        RelativeFrequencyHunt hunt = RelativeFrequencyHunt.ifcn(RMT, 95);
        drive(hunt, x -> false);
        assertThat(hunt.trials()).isEqualTo(12);          // 95 and 100 fail
        assertThat(hunt.estimate()).isEmpty();
        assertThatThrownBy(hunt::nextIntensityPercentMso).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void convergesOnSeededTypicalSubjects() {
        Subjects.assertConvergesOnTypicalSubjects(start -> RelativeFrequencyHunt.ifcn(RMT, (int) start), 3000, hunt -> { });
    }
}
