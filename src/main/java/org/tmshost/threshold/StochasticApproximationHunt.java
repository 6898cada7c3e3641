package org.tmshost.threshold;

import java.util.Optional;

/**
 * Stochastic approximation on analog MEP amplitudes (SAMT; Wang, Peterchev &amp; Goetz 2023, the
 * reference code {@code StochasticApproximation.m} version 3, "adaptive 1/i", first order):
 * <pre>x_{i+1} = x_i − a_i · (log10 y_i − log10 y_th)</pre>
 * with a_1 = 0.20/3 of MSO per decade (6.67 %MSO per decade). When response i is on the other side
 * of the criterion than response i−1 (a sign change), the n-th such change sets
 * a_i = a_{i−1}·n/(n+1) before the update; otherwise a_i = a_{i−1}. x is clipped to the app's
 * [1, maxOutput] %MSO. x is kept unrounded; the device gets it rounded to whole %MSO. Amplitudes
 * below {@link #MIN_AMPLITUDE_MICROVOLTS} are taken as that (the log of 0 is undefined; real
 * peak-to-peak EMG is never 0). The estimate is the next x. Stops after a fixed number of pulses.
 */
public final class StochasticApproximationHunt implements MotorThresholdHunt {
    /** a_1 = 0.20 / (log10(1e-2) − log10(1e-5)) of MSO per decade, in %MSO. */
    public static final double INITIAL_STEP_PERCENT_MSO_PER_DECADE = 20.0 / 3.0;
    public static final double MIN_AMPLITUDE_MICROVOLTS = 1.0;

    private final MepCriterion criterion;
    private final int pulses;
    private final double maxOutputPercentMso;
    private double x;
    private double a;
    private int signChanges;
    private Boolean lastResponse;
    private int trials;

    /**
     * @param startPercentMso the first stimulus, at or above threshold (hotspot intensity)
     * @param pulses          how many pulses the hunt gives
     */
    public StochasticApproximationHunt(MepCriterion criterion, double startPercentMso, int pulses,
                                       double initialStepPercentMsoPerDecade, double maxOutputPercentMso) {
        if (criterion == null) {
            throw new IllegalArgumentException("a criterion is required");
        }
        if (!(startPercentMso >= 1 && startPercentMso <= maxOutputPercentMso) || pulses < 1
                || !(initialStepPercentMsoPerDecade > 0)) {
            throw new IllegalArgumentException("need a start in [1, max] %MSO, pulses >= 1 and a positive step");
        }
        this.criterion = criterion;
        this.x = startPercentMso;
        this.pulses = pulses;
        this.a = initialStepPercentMsoPerDecade;
        this.maxOutputPercentMso = maxOutputPercentMso;
    }

    /** a_1 = 6.67 %MSO per decade, 100 %MSO maximum. */
    public static StochasticApproximationHunt wang2023(MepCriterion criterion, double startPercentMso, int pulses) {
        return new StochasticApproximationHunt(criterion, startPercentMso, pulses, INITIAL_STEP_PERCENT_MSO_PER_DECADE,
                100);
    }

    @Override
    public HuntMethod method() {
        return HuntMethod.SAMT;
    }

    @Override
    public MepCriterion criterion() {
        return criterion;
    }

    @Override
    public boolean needsAmplitudes() {
        return true;
    }

    @Override
    public double nextIntensityPercentMso() {
        if (done()) {
            throw new IllegalStateException("SAMT is done; no further pulses");
        }
        return x;
    }

    /** The response to the last proposed x; {@code intensityPercentMso} is only what the device delivered. */
    @Override
    public void onResponse(double intensityPercentMso, double mepMicrovolts) {
        if (done()) {
            throw new IllegalStateException("SAMT is done; no further pulses");
        }
        if (Double.isNaN(mepMicrovolts)) {
            throw new IllegalArgumentException("a MEP amplitude is required, got NaN");
        }
        double y = Math.max(mepMicrovolts, MIN_AMPLITUDE_MICROVOLTS);
        boolean response = criterion.isResponse(y);
        if (lastResponse != null && lastResponse != response) {
            signChanges++;
            a = a * signChanges / (signChanges + 1);
        }
        lastResponse = response;
        x = Math.min(Math.max(x - a * (Math.log10(y) - Math.log10(criterion.microvolts())), 1), maxOutputPercentMso);
        trials++;
    }

    @Override
    public void onJudgement(double intensityPercentMso, boolean response) {
        throw new UnsupportedOperationException("SAMT needs analog MEP amplitudes, not yes/no judgements");
    }

    /** The step size a_i (%MSO per decade) that the last update used. */
    public double stepPercentMsoPerDecade() {
        return a;
    }

    public int signChanges() {
        return signChanges;
    }

    @Override
    public boolean done() {
        return trials >= pulses;
    }

    @Override
    public int trials() {
        return trials;
    }

    @Override
    public Optional<ThresholdEstimate> estimate() {
        return Optional.of(ThresholdEstimate.of(x));
    }
}
