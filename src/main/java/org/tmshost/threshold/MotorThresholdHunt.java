package org.tmshost.threshold;

import java.util.Optional;

/**
 * One motor-threshold hunt as a pure state machine: it proposes the next intensity, is told what
 * came back, and says when it is done. It fires nothing and waits for nothing, so a console, a
 * bench and a session can all drive it ({@link HuntRunner} is the usual driver).
 *
 * <p>Protocol: while {@link #done()} is false, call {@link #nextIntensityPercentMso()}, deliver a
 * pulse at that intensity (rounded to what the device can do), then report it with exactly one of
 * {@link #onResponse} (an amplitude) or {@link #onJudgement} (a yes/no). Not thread-safe.
 */
public interface MotorThresholdHunt {
    HuntMethod method();

    MepCriterion criterion();

    /**
     * The intensity for the next pulse, in %MSO; methods that step in whole %MSO return integers.
     *
     * @throws IllegalStateException when the hunt is done
     */
    double nextIntensityPercentMso();

    /**
     * The pulse at {@code intensityPercentMso} (the intensity actually delivered, as read back) gave
     * a MEP of {@code mepMicrovolts} peak-to-peak.
     */
    void onResponse(double intensityPercentMso, double mepMicrovolts);

    /**
     * The pulse gave a MEP meeting the criterion ({@code response}) or not, as judged by an operator
     * who sees no amplitude.
     *
     * @throws UnsupportedOperationException if the method needs amplitudes ({@link #needsAmplitudes()})
     */
    void onJudgement(double intensityPercentMso, boolean response);

    /** True for methods that use the analog amplitude (SAMT); they cannot run on yes/no input. */
    default boolean needsAmplitudes() {
        return false;
    }

    boolean done();

    /** Pulses reported so far. */
    int trials();

    /**
     * The current estimate: always present for ML-PEST and SAMT; for 5/10 and the two-threshold
     * method only once done; empty when the threshold is not within the stimulator's range.
     */
    Optional<ThresholdEstimate> estimate();
}
