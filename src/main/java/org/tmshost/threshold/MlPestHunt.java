package org.tmshost.threshold;

import org.tmshost.stats.StandardNormal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Adaptive maximum-likelihood threshold hunting (ML-PEST) as in Awiszus 2003 and the reference code
 * ({@code MLEstimation.m} version 1, {@code loglikelyhood.m}):
 * <ul>
 *   <li>P(response | x) = Φ((x − t)/s) with the spread fixed at s = 0.07·t (one-parameter MLE);</li>
 *   <li>t on a grid 0.002..1.300 of MSO in 0.002 (0.2 %MSO) steps, evaluated explicitly;</li>
 *   <li>two pseudo-observations seed the likelihood: no response at 0 and a response at 1.302;</li>
 *   <li>log L(t) = Σ log p over responses + Σ log(1 − p) over non-responses, computed in double
 *       as the reference does (p rounds to 1 for z above about 8.3, which is what makes the
 *       early likelihood flat); a log-likelihood of −∞ is replaced by −1e5;</li>
 *   <li>t̂ is the mean of all grid points at the maximum; the next stimulus is at t̂.</li>
 * </ul>
 * The first stimulus is the start (hotspot) intensity. The hunt stops after {@code maxTrials}, or
 * earlier once {@code minTrials} are done and the 95% likelihood-ratio interval (log L within
 * 1.92 of the maximum) is no wider than {@code maxRelativeWidth}·t̂; a width of 0 disables the
 * early stop (a fixed number of trials, as MTAT is often used).
 */
public final class MlPestHunt implements MotorThresholdHunt {
    public static final double SPREAD_FRACTION = 0.07;
    public static final double GRID_STEP = 0.002;
    public static final double GRID_MAX = 1.3;
    /** Half the 95% quantile of χ² with one degree of freedom: the likelihood-ratio interval. */
    public static final double HALF_CHI2_95 = 1.920729410347062;
    static final double LOG_LIKELIHOOD_FLOOR = -1e5;
    private static final int GRID_POINTS = (int) Math.round(GRID_MAX / GRID_STEP);

    private final MepCriterion criterion;
    private final double startPercentMso;
    private final int minTrials;
    private final int maxTrials;
    private final double maxRelativeWidth;
    private final List<double[]> observations = new ArrayList<>();  // {intensity as fraction of MSO, 1|0}
    private final double[] logLikelihood = new double[GRID_POINTS];
    private double estimateFraction;
    private int trials;

    /**
     * @param startPercentMso  the first stimulus (hotspot intensity)
     * @param minTrials        no early stop before this many trials
     * @param maxTrials        stop after this many trials at the latest
     * @param maxRelativeWidth stop early once the 95% interval is at most this fraction of t̂ (0: never)
     */
    public MlPestHunt(MepCriterion criterion, double startPercentMso, int minTrials, int maxTrials,
                      double maxRelativeWidth) {
        if (criterion == null) {
            throw new IllegalArgumentException("a criterion is required");
        }
        if (!(startPercentMso > 0 && startPercentMso <= 100 * GRID_MAX)) {
            throw new IllegalArgumentException("the start must be in (0, 130] %MSO, was " + startPercentMso);
        }
        if (maxTrials < 1 || minTrials < 0 || minTrials > maxTrials || !(maxRelativeWidth >= 0)) {
            throw new IllegalArgumentException("need 0 <= minTrials <= maxTrials, maxTrials >= 1, width >= 0");
        }
        this.criterion = criterion;
        this.startPercentMso = startPercentMso;
        this.minTrials = minTrials;
        this.maxTrials = maxTrials;
        this.maxRelativeWidth = maxRelativeWidth;
        observations.add(new double[] {0, 0});
        observations.add(new double[] {GRID_MAX + GRID_STEP, 1});
        recompute();
    }

    /** The default stopping rule: 95% interval within 10% of t̂ after at least 8 trials, at most 30. */
    public static MlPestHunt awiszus(MepCriterion criterion, double startPercentMso) {
        return new MlPestHunt(criterion, startPercentMso, 8, 30, 0.10);
    }

    /** A fixed number of trials and no early stop. */
    public static MlPestHunt fixedTrials(MepCriterion criterion, double startPercentMso, int trials) {
        return new MlPestHunt(criterion, startPercentMso, trials, trials, 0);
    }

    @Override
    public HuntMethod method() {
        return HuntMethod.ML_PEST;
    }

    @Override
    public MepCriterion criterion() {
        return criterion;
    }

    @Override
    public double nextIntensityPercentMso() {
        if (done()) {
            throw new IllegalStateException("ML-PEST is done; no further pulses");
        }
        return trials == 0 ? startPercentMso : estimateFraction * 100;
    }

    @Override
    public void onResponse(double intensityPercentMso, double mepMicrovolts) {
        onJudgement(intensityPercentMso, criterion.isResponse(mepMicrovolts));
    }

    @Override
    public void onJudgement(double intensityPercentMso, boolean response) {
        if (done()) {
            throw new IllegalStateException("ML-PEST is done; no further pulses");
        }
        observations.add(new double[] {Math.min(intensityPercentMso / 100, GRID_MAX), response ? 1 : 0});
        trials++;
        recompute();
    }

    private void recompute() {
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < GRID_POINTS; k++) {
            double t = grid(k);
            logLikelihood[k] = logLikelihood(observations, t);
            max = Math.max(max, logLikelihood[k]);
        }
        estimateFraction = meanOfMaximisers(logLikelihood, max);
    }

    /** The k-th candidate threshold, as a fraction of MSO: 0.002·(k+1). */
    static double grid(int k) {
        return (k + 1) * GRID_STEP;
    }

    static int gridPoints() {
        return GRID_POINTS;
    }

    /**
     * log L(t) for observations {x (fraction of MSO), 1 = response | 0 = none}, spread 0.07·t, as
     * the reference computes it; −1e5 when it is not finite.
     */
    static double logLikelihood(List<double[]> observations, double t) {
        double s = SPREAD_FRACTION * t;
        double sum = 0;
        for (double[] observation : observations) {
            double p = StandardNormal.cdf((observation[0] - t) / s);
            sum += Math.log(observation[1] > 0 ? p : 1 - p);
        }
        return Double.isFinite(sum) ? sum : LOG_LIKELIHOOD_FLOOR;
    }

    /** The mean of the grid points whose log-likelihood equals the maximum. */
    static double meanOfMaximisers(double[] logLikelihood, double max) {
        double sum = 0;
        int count = 0;
        for (int k = 0; k < logLikelihood.length; k++) {
            if (logLikelihood[k] >= max) {
                sum += grid(k);
                count++;
            }
        }
        return sum / count;
    }

    /** log L on the grid after the observations so far (a copy; index k is t = 0.002·(k+1)). */
    public double[] logLikelihoodGrid() {
        return logLikelihood.clone();
    }

    /** The 95% likelihood-ratio interval in %MSO: the grid points with log L within 1.92 of the maximum. */
    public ThresholdEstimate.Interval likelihoodInterval() {
        double max = Double.NEGATIVE_INFINITY;
        for (double value : logLikelihood) {
            max = Math.max(max, value);
        }
        int first = -1;
        int last = -1;
        for (int k = 0; k < GRID_POINTS; k++) {
            if (logLikelihood[k] >= max - HALF_CHI2_95) {
                if (first < 0) {
                    first = k;
                }
                last = k;
            }
        }
        return new ThresholdEstimate.Interval(grid(first) * 100, grid(last) * 100, "95% likelihood-ratio interval");
    }

    @Override
    public boolean done() {
        if (trials >= maxTrials) {
            return true;
        }
        return maxRelativeWidth > 0 && trials >= minTrials
                && likelihoodInterval().width() <= maxRelativeWidth * estimateFraction * 100;
    }

    @Override
    public int trials() {
        return trials;
    }

    @Override
    public Optional<ThresholdEstimate> estimate() {
        return Optional.of(new ThresholdEstimate(estimateFraction * 100, Optional.of(likelihoodInterval())));
    }
}
