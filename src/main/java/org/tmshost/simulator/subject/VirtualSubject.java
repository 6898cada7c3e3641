package org.tmshost.simulator.subject;

import org.tmshost.stats.StandardNormal;

import java.util.Random;

/**
 * A virtual subject for motor-threshold hunting: the peak-to-peak MEP in µV that a single pulse at
 * a given %MSO evokes, drawn afresh for every pulse (docs/motor-threshold.md, "Virtual subject").
 *
 * <p>Model, per pulse i at intensity x (%MSO):
 * <ul>
 *   <li>the recruitment curve is a logistic S(x) = Mmax / (1 + exp(−(x − θ_i)/k));</li>
 *   <li>its position jitters from pulse to pulse: θ_i = θ + σ·z, z ~ N(0,1), σ = jitter fraction × RMT;</li>
 *   <li>the background EMG in the window has peak-to-peak b = noise · exp(σ_b·w), w ~ N(0,1);</li>
 *   <li>the measured MEP is max(S, b) (a simplification of adding the two traces).</li>
 * </ul>
 * θ is set so that P(MEP ≥ 50 µV) is exactly 0.5 at the true RMT, noise included:
 * P(MEP ≥ C | x) = 1 − (1 − Φ((x − θ − d_C)/σ)) · P(b &lt; C), with d_C = k·ln(C/(Mmax − C)).
 * Draws come from {@link Random} (its Gaussian algorithm is specified, so a seed gives the same MEPs
 * on every JVM); two normal draws per pulse, whatever the intensity.
 *
 * <p>A paired trial ({@link #mepMicrovolts(double, double, double)}) multiplies the test pulse's
 * signal S by the subject's {@link PairedPulseModel}: m(isi, c)·V, V log-normal with mean 1, and
 * reads max(S·m·V, b); three normal draws per trial, whatever the inputs.
 */
public final class VirtualSubject {
    public static final double RMT_CRITERION_MICROVOLTS = 50;

    private final SubjectParameters parameters;
    private final double sigma;
    private final double theta;
    private final Random random;
    private int pulses;

    public VirtualSubject(SubjectParameters parameters, long seed) {
        this.parameters = parameters;
        this.sigma = parameters.thresholdJitterFraction() * parameters.restingThresholdPercentMso();
        this.theta = parameters.restingThresholdPercentMso() - offset(RMT_CRITERION_MICROVOLTS);
        this.random = new Random(seed);
    }

    public SubjectParameters parameters() {
        return parameters;
    }

    /** The true RMT, %MSO. */
    public double restingThresholdPercentMso() {
        return parameters.restingThresholdPercentMso();
    }

    /** The MEP (µV peak-to-peak) of the next pulse at {@code intensityPercentMso}. */
    public double mepMicrovolts(double intensityPercentMso) {
        double position = theta + sigma * random.nextGaussian();
        double background = parameters.backgroundNoiseMicrovolts()
                * Math.exp(parameters.backgroundNoiseLogSd() * random.nextGaussian());
        pulses++;
        double mep = parameters.maxAmplitudeMicrovolts()
                / (1 + Math.exp(-(intensityPercentMso - position) / parameters.slopePercentMso()));
        return Math.max(mep, background);
    }

    /**
     * The test MEP (µV peak-to-peak) of the next trial: the test pulse at {@code testPercentMso},
     * conditioned by a pulse at {@code conditioningPercentMso} {@code isiMs} earlier (0: the test pulse
     * alone). Three normal draws whatever the inputs (θ_i, the background, the modulation's
     * variability), so a trial order gives the same stream of MEPs on every run.
     */
    public double mepMicrovolts(double testPercentMso, double conditioningPercentMso, double isiMs) {
        double position = theta + sigma * random.nextGaussian();
        double background = parameters.backgroundNoiseMicrovolts()
                * Math.exp(parameters.backgroundNoiseLogSd() * random.nextGaussian());
        double u = random.nextGaussian();
        pulses++;
        double signal = curve(testPercentMso, position);
        if (conditioningPercentMso > 0) {
            PairedPulseModel model = parameters.pairedPulse();
            signal *= model.modulation(percentRmt(conditioningPercentMso), isiMs) * model.variability(u);
        }
        return Math.max(signal, background);
    }

    /**
     * The true conditioned/test ratio for a conditioning pulse at {@code conditioningPercentMso}
     * {@code isiMs} before the test pulse: m(isi, c) of the subject's model, the exact ratio of the
     * expected MEP signals at any test intensity. The measured MEP is max(signal, background), so the
     * ratio of expected MEPs equals m only where the background floor is negligible, as at a test pulse
     * of 120% RMT (see {@link #meanConditionedMepMicrovolts} and docs/excitability.md).
     */
    public double trueRatio(double conditioningPercentMso, double isiMs) {
        return parameters.pairedPulse().modulation(percentRmt(conditioningPercentMso), isiMs);
    }

    /**
     * E[MEP] at an intensity, background floor included: the mean recruitment curve a Boltzmann fit of
     * single-pulse MEPs estimates. Not the logistic itself: θ jitters per pulse, so the mean is the
     * logistic averaged over θ_i ~ N(θ, σ²), which is flatter. By quadrature over θ_i; the background's
     * part is in closed form.
     */
    public double meanMepMicrovolts(double intensityPercentMso) {
        return meanConditionedMepMicrovolts(intensityPercentMso, 0, 0);
    }

    /**
     * E[MEP] of a (conditioned) trial, background floor included, by quadrature over θ_i and the
     * modulation's variability. Divided by {@link #meanMepMicrovolts} at the same test intensity, it
     * gives the ratio a measurement's means converge to.
     */
    public double meanConditionedMepMicrovolts(double testPercentMso, double conditioningPercentMso, double isiMs) {
        boolean conditioned = conditioningPercentMso > 0;
        PairedPulseModel model = parameters.pairedPulse();
        double m = conditioned ? trueRatio(conditioningPercentMso, isiMs) : 1;
        boolean varies = conditioned && model.conditionedVariabilityLogSd() > 0;
        double sum = 0;
        for (int i = 0; i < QUADRATURE_NODES.length; i++) {
            double signal = curve(testPercentMso, theta + sigma * QUADRATURE_NODES[i]) * m;
            double inner;
            if (varies) {
                inner = 0;
                for (int j = 0; j < QUADRATURE_NODES.length; j++) {
                    inner += QUADRATURE_WEIGHTS[j] * meanAboveBackground(signal * model.variability(QUADRATURE_NODES[j]));
                }
            } else {
                inner = meanAboveBackground(signal);
            }
            sum += QUADRATURE_WEIGHTS[i] * inner;
        }
        return sum;
    }

    /** Trapezoid nodes on [−10, 10] with φ weights: spectrally accurate for these smooth integrands. */
    private static final double[] QUADRATURE_NODES;
    private static final double[] QUADRATURE_WEIGHTS;

    static {
        int n = 401;
        double h = 20.0 / (n - 1);
        QUADRATURE_NODES = new double[n];
        QUADRATURE_WEIGHTS = new double[n];
        for (int i = 0; i < n; i++) {
            double z = -10 + i * h;
            QUADRATURE_NODES[i] = z;
            QUADRATURE_WEIGHTS[i] = h * Math.exp(-z * z / 2) / Math.sqrt(2 * Math.PI);
        }
    }

    /** E[max(s, b)] for the log-normal background b: s·P(b &lt; s) + E[b; b ≥ s]. */
    private double meanAboveBackground(double signal) {
        double median = parameters.backgroundNoiseMicrovolts();
        double logSd = parameters.backgroundNoiseLogSd();
        if (logSd == 0 || signal <= 0) {
            return signal <= 0 ? median * Math.exp(logSd * logSd / 2) : Math.max(signal, median);
        }
        double a = Math.log(signal / median) / logSd;
        return signal * StandardNormal.cdf(a) + median * Math.exp(logSd * logSd / 2) * StandardNormal.cdf(logSd - a);
    }

    private double curve(double intensityPercentMso, double position) {
        return parameters.maxAmplitudeMicrovolts()
                / (1 + Math.exp(-(intensityPercentMso - position) / parameters.slopePercentMso()));
    }

    private double percentRmt(double percentMso) {
        return 100 * percentMso / parameters.restingThresholdPercentMso();
    }

    /** Pulses (trials: a pair's test MEP counts once) this subject has answered. */
    public int pulses() {
        return pulses;
    }

    /** P(MEP ≥ criterion) for a pulse at {@code intensityPercentMso}, exactly, from the model. */
    public double probabilityOfMep(double intensityPercentMso, double criterionMicrovolts) {
        double curve = StandardNormal.cdf((intensityPercentMso - theta - curveOffset(criterionMicrovolts)) / sigma);
        return 1 - (1 - curve) * backgroundBelow(criterionMicrovolts);
    }

    /**
     * The true threshold for a criterion: the intensity where P(MEP ≥ criterion) = 0.5. For 50 µV this
     * is the RMT.
     *
     * @throws IllegalArgumentException if the criterion is above the plateau or the background alone
     *                                  meets it half the time
     */
    public double thresholdPercentMso(double criterionMicrovolts) {
        return theta + offset(criterionMicrovolts);
    }

    /** The median MEP at an intensity, ignoring the background: S(x) with θ_i = θ. */
    public double medianCurveMicrovolts(double intensityPercentMso) {
        return parameters.maxAmplitudeMicrovolts()
                / (1 + Math.exp(-(intensityPercentMso - theta) / parameters.slopePercentMso()));
    }

    /** x − θ where P(MEP ≥ C | x) = 0.5. */
    private double offset(double criterionMicrovolts) {
        double below = backgroundBelow(criterionMicrovolts);
        if (below <= 0.5) {
            throw new IllegalArgumentException("the background EMG alone reaches " + criterionMicrovolts
                    + " µV in half the pulses or more; no threshold");
        }
        return curveOffset(criterionMicrovolts) + sigma * StandardNormal.inverseCdf(1 - 0.5 / below);
    }

    /** d_C: S(x) ≥ C exactly when x ≥ θ_i + d_C. */
    private double curveOffset(double criterionMicrovolts) {
        double max = parameters.maxAmplitudeMicrovolts();
        if (!(criterionMicrovolts > 0 && criterionMicrovolts < max)) {
            throw new IllegalArgumentException("the criterion must be in (0, " + max + ") µV, was " + criterionMicrovolts);
        }
        return parameters.slopePercentMso() * Math.log(criterionMicrovolts / (max - criterionMicrovolts));
    }

    /** P(b &lt; C) for the log-normal background. */
    private double backgroundBelow(double criterionMicrovolts) {
        double logRatio = Math.log(criterionMicrovolts / parameters.backgroundNoiseMicrovolts());
        if (parameters.backgroundNoiseLogSd() == 0) {
            return logRatio > 0 ? 1 : 0;
        }
        return StandardNormal.cdf(logRatio / parameters.backgroundNoiseLogSd());
    }
}
