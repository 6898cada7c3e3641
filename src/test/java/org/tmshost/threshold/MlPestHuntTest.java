package org.tmshost.threshold;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.tmshost.stats.StandardNormal;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

@Tag("unit")
class MlPestHuntTest {
    private static final MepCriterion RMT = MepCriterion.RMT_50_UV;

    @Test
    void theGridIs0002To13InStepsOf02PercentMso() {
        assertThat(MlPestHunt.gridPoints()).isEqualTo(650);
        assertThat(MlPestHunt.grid(0)).isEqualTo(0.002);
        assertThat(MlPestHunt.grid(649)).isCloseTo(1.3, within(1e-12));
    }

    /**
     * By hand: one response and one non-response at 50 %MSO give L(t) = Φ(z)(1 − Φ(z)) with
     * z = (0.5 − t)/(0.07 t) (the pseudo-observations contribute log 1 = 0 there), which peaks at z = 0,
     * i.e. t = 0.5 exactly, a grid point: log L = 2 ln 0.5 and the next stimulus is 50 %MSO.
     */
    @Test
    void aResponseAndANonResponseAtTheSameIntensityPutTheEstimateThere() {
        MlPestHunt hunt = MlPestHunt.fixedTrials(RMT, 50, 10);
        hunt.onJudgement(50, false);
        hunt.onJudgement(50, true);
        double[] logL = hunt.logLikelihoodGrid();
        assertThat(logL[249]).as("t = 0.500").isCloseTo(2 * Math.log(0.5), within(1e-12));
        assertThat(logL[248]).isLessThan(logL[249]);
        assertThat(logL[250]).isLessThan(logL[249]);
        assertThat(hunt.estimate().orElseThrow().thresholdPercentMso()).isCloseTo(50.0, within(1e-9));
        assertThat(hunt.nextIntensityPercentMso()).isCloseTo(50.0, within(1e-9));
    }

    /**
     * No response at 40, a response at 60 (plus the two pseudo-observations). Expected values computed
     * independently with scipy.stats.norm.cdf on the same grid: the unique maximiser is t = 0.498
     * (log L = −0.004188846149195253), log L(0.4) = −0.6931471805604024, log L(0.6) = −0.6931481394313496,
     * and the 95% interval (log L within 1.92 of the maximum) is 0.374..0.646.
     */
    @Test
    void likelihoodAndNextStimulusMatchAnIndependentComputation() {
        MlPestHunt hunt = MlPestHunt.fixedTrials(RMT, 40, 10);
        assertThat(hunt.nextIntensityPercentMso()).as("first stimulus is the start").isEqualTo(40.0);
        hunt.onResponse(40, 20.0);
        hunt.onResponse(60, 400.0);
        double[] logL = hunt.logLikelihoodGrid();
        assertThat(logL[199]).as("t = 0.400").isCloseTo(-0.6931471805604024, within(1e-12));
        assertThat(logL[239]).as("t = 0.480").isCloseTo(-0.00884899612327461, within(1e-12));
        assertThat(logL[248]).as("t = 0.498").isCloseTo(-0.004188846149195253, within(1e-12));
        assertThat(logL[299]).as("t = 0.600").isCloseTo(-0.6931481394313496, within(1e-12));
        assertThat(hunt.nextIntensityPercentMso()).isCloseTo(49.8, within(1e-9));
        ThresholdEstimate.Interval interval = hunt.likelihoodInterval();
        assertThat(interval.lowerPercentMso()).isCloseTo(37.4, within(1e-9));
        assertThat(interval.upperPercentMso()).isCloseTo(64.6, within(1e-9));
    }

    @Test
    void tiesAreResolvedByTheMeanOfAllMaximisers() {
        double[] logL = {-3, -1, -1, -2, -1};
        assertThat(MlPestHunt.meanOfMaximisers(logL, -1)).isCloseTo((0.004 + 0.006 + 0.010) / 3, within(1e-15));
    }

    /**
     * With only the pseudo-observations the likelihood is exactly 1 (log 0) wherever Φ rounds to 1 in
     * double, as in the reference code: scipy gives the plateau 0.002..0.822, mean 0.412.
     */
    @Test
    void thePseudoObservationsAloneGiveTheFlatPlateauOfTheReference() {
        MlPestHunt hunt = MlPestHunt.fixedTrials(RMT, 60, 10);
        double[] logL = hunt.logLikelihoodGrid();
        assertThat(logL[0]).isZero();
        assertThat(logL[410]).isZero();
        assertThat(logL[500]).isNegative();
        assertThat(hunt.estimate().orElseThrow().thresholdPercentMso()).isCloseTo(41.2, within(0.2));
    }

    @Test
    void theLikelihoodUsesTheSpread007TimesT() {
        List<double[]> one = List.of(new double[] {0.55, 1});
        double t = 0.5;
        assertThat(MlPestHunt.logLikelihood(one, t)).isCloseTo(Math.log(StandardNormal.cdf(0.05 / 0.035)), within(1e-12));
        assertThat(MlPestHunt.logLikelihood(List.<double[]>of(new double[] {0.55, 0}), t))
                .isCloseTo(Math.log(1 - StandardNormal.cdf(0.05 / 0.035)), within(1e-12));
    }

    @Test
    void stopsAtTheTrialCapOrWhenTheIntervalIsNarrow() {
        MlPestHunt fixed = MlPestHunt.fixedTrials(RMT, 60, 3);
        fixed.onJudgement(60, true);
        fixed.onJudgement(41, false);
        assertThat(fixed.done()).isFalse();
        fixed.onJudgement(50, true);
        assertThat(fixed.done()).isTrue();
        assertThatThrownBy(fixed::nextIntensityPercentMso).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> fixed.onJudgement(50, true)).isInstanceOf(IllegalStateException.class);
    }

    /** 20 seeded typical subjects, true RMT 35..73 %MSO, driven directly (no runner). */
    @Test
    void convergesOnSeededTypicalSubjects() {
        Subjects.assertConvergesOnTypicalSubjects(start -> MlPestHunt.awiszus(RMT, start), 1000, hunt -> assertThat(hunt.trials()).isBetween(8, 30));
    }
}
