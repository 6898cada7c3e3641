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

    /** Pulses this subject has answered. */
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
