package org.tmshost.threshold;

import java.util.Optional;

/**
 * Rossini–Rothwell relative-frequency method, IFCN variant as in the reference code
 * ({@code IFCNmethod.m}, Wang, Peterchev &amp; Goetz 2023): starting at a suprathreshold (hotspot)
 * intensity, step down by {@code stepPercentMso}; at each level give up to {@code trialsPerLevel}
 * pulses, leave the level early once half of them are responses (go one step lower), and stop as
 * soon as more than half are non-responses. The threshold is the last level that reached
 * half (5 of 10). If the starting level itself fails, the intensity goes up in
 * {@code ascendingStepPercentMso} steps until a level passes (the "increase in 5% steps" phase of
 * the classic description), then descends from there.
 */
public final class RelativeFrequencyHunt extends BinaryHunt {
    private final int stepPercentMso;
    private final int trialsPerLevel;
    private final int ascendingStepPercentMso;
    private final int maxOutputPercentMso;
    private int level;
    private int positives;
    private int negatives;
    private int lastPassed = -1;
    private boolean done;

    /**
     * @param startPercentMso         the hotspot intensity, expected to be suprathreshold
     * @param stepPercentMso          1 (IFCN) or 2
     * @param trialsPerLevel          10 (5/10) or 20 (10/20); must be even
     * @param ascendingStepPercentMso step up while no level has passed yet (5)
     * @param maxOutputPercentMso     the stimulator's maximum (100)
     */
    public RelativeFrequencyHunt(MepCriterion criterion, int startPercentMso, int stepPercentMso, int trialsPerLevel,
                                 int ascendingStepPercentMso, int maxOutputPercentMso) {
        super(criterion);
        requireIntensity("the start intensity", startPercentMso, maxOutputPercentMso);
        if (stepPercentMso < 1 || ascendingStepPercentMso < 1 || trialsPerLevel < 2 || trialsPerLevel % 2 != 0) {
            throw new IllegalArgumentException("steps must be >= 1 %MSO and trials per level even and >= 2");
        }
        this.level = startPercentMso;
        this.stepPercentMso = stepPercentMso;
        this.trialsPerLevel = trialsPerLevel;
        this.ascendingStepPercentMso = ascendingStepPercentMso;
        this.maxOutputPercentMso = maxOutputPercentMso;
    }

    /** 5/10, 1 %MSO steps, 5 %MSO up-steps, 100 %MSO maximum. */
    public static RelativeFrequencyHunt ifcn(MepCriterion criterion, int startPercentMso) {
        return new RelativeFrequencyHunt(criterion, startPercentMso, 1, 10, 5, 100);
    }

    @Override
    public HuntMethod method() {
        return HuntMethod.RELATIVE_FREQUENCY;
    }

    @Override
    public double nextIntensityPercentMso() {
        requireNotDone();
        return level;
    }

    @Override
    void record(double intensityPercentMso, boolean response) {
        if (response) {
            positives++;
        } else {
            negatives++;
        }
        if (positives >= trialsPerLevel / 2) {
            lastPassed = level;
            if (level - stepPercentMso < 1) {
                done = true;                // cannot go lower: the threshold is at most this level
            } else {
                moveTo(level - stepPercentMso);
            }
        } else if (negatives > trialsPerLevel / 2) {
            if (lastPassed >= 0) {
                done = true;
            } else if (level >= maxOutputPercentMso) {
                done = true;                // no level up to the maximum reached half: out of range
            } else {
                moveTo(Math.min(level + ascendingStepPercentMso, maxOutputPercentMso));
            }
        }
    }

    private void moveTo(int next) {
        level = next;
        positives = 0;
        negatives = 0;
    }

    @Override
    public boolean done() {
        return done;
    }

    @Override
    public Optional<ThresholdEstimate> estimate() {
        return done && lastPassed >= 0 ? Optional.of(ThresholdEstimate.of(lastPassed)) : Optional.empty();
    }
}
