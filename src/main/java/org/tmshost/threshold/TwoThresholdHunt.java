package org.tmshost.threshold;

import java.util.Optional;

/**
 * Mills–Nithi two-threshold method, hotspot-start variant of the reference code
 * ({@code MillsNithiMethod.m} version 3): from the suprathreshold start, step down 10 %MSO per
 * pulse until a pulse gives no response; then step up by {@code stepPercentMso}, staying at a level
 * until it gives {@code trialsPerLevel} consecutive responses (the upper threshold) and moving up
 * at the first non-response; then, from one step below the lowest level that ever gave a response,
 * step down, staying until {@code trialsPerLevel} consecutive non-responses (the lower threshold)
 * and moving down at the first response. The threshold is the mean of the two.
 *
 * <p>Consecutive means within the current visit to a level (the definition: "in 10 consecutive
 * stimuli"); the reference code instead accumulates counts over all visits to a level.
 */
public final class TwoThresholdHunt extends BinaryHunt {
    private enum Phase { SEARCH_DOWN, UPPER, LOWER, DONE }

    private static final int SEARCH_STEP = 10;
    private final int stepPercentMso;
    private final int trialsPerLevel;
    private final int maxOutputPercentMso;
    private Phase phase = Phase.SEARCH_DOWN;
    private int level;
    private int run;
    private int lowestResponse = Integer.MAX_VALUE;
    private int upper = -1;
    private int lower = -1;

    public TwoThresholdHunt(MepCriterion criterion, int startPercentMso, int stepPercentMso, int trialsPerLevel,
                            int maxOutputPercentMso) {
        super(criterion);
        requireIntensity("the start intensity", startPercentMso, maxOutputPercentMso);
        if (stepPercentMso < 1 || trialsPerLevel < 1) {
            throw new IllegalArgumentException("the step must be >= 1 %MSO and trials per level >= 1");
        }
        this.level = startPercentMso;
        this.stepPercentMso = stepPercentMso;
        this.trialsPerLevel = trialsPerLevel;
        this.maxOutputPercentMso = maxOutputPercentMso;
    }

    /** 10 consecutive stimuli, 1 %MSO steps, 100 %MSO maximum. */
    public static TwoThresholdHunt millsNithi(MepCriterion criterion, int startPercentMso) {
        return new TwoThresholdHunt(criterion, startPercentMso, 1, 10, 100);
    }

    @Override
    public HuntMethod method() {
        return HuntMethod.TWO_THRESHOLD;
    }

    @Override
    public double nextIntensityPercentMso() {
        requireNotDone();
        return level;
    }

    @Override
    void record(double intensityPercentMso, boolean response) {
        if (response) {
            lowestResponse = Math.min(lowestResponse, level);
        }
        switch (phase) {
            case SEARCH_DOWN:
                if (response) {
                    if (level == 1) {
                        phase = Phase.DONE;     // responses even at 1 %MSO: nothing to measure
                    } else {
                        moveTo(Math.max(level - SEARCH_STEP, 1));
                    }
                } else {
                    phase = Phase.UPPER;
                    stepUpOrGiveUp();
                }
                break;
            case UPPER:
                if (response) {
                    if (++run >= trialsPerLevel) {
                        upper = level;
                        phase = Phase.LOWER;
                        moveTo(Math.max(lowestResponse - stepPercentMso, 1));
                    }
                } else {
                    stepUpOrGiveUp();
                }
                break;
            case LOWER:
                if (!response) {
                    if (++run >= trialsPerLevel) {
                        lower = level;
                        phase = Phase.DONE;
                    }
                } else if (level - stepPercentMso < 1) {
                    lower = 0;                  // responses down to the lowest output
                    phase = Phase.DONE;
                } else {
                    moveTo(level - stepPercentMso);
                }
                break;
            default:
                throw new IllegalStateException("done");
        }
    }

    private void stepUpOrGiveUp() {
        if (level + stepPercentMso > maxOutputPercentMso) {
            phase = Phase.DONE;                 // no 10/10 level up to the maximum: out of range
        } else {
            moveTo(level + stepPercentMso);
        }
    }

    private void moveTo(int next) {
        level = next;
        run = 0;
    }

    @Override
    public boolean done() {
        return phase == Phase.DONE;
    }

    /** The upper threshold (lowest level with all responses), once found. */
    public Optional<Integer> upperThresholdPercentMso() {
        return upper < 0 ? Optional.empty() : Optional.of(upper);
    }

    /** The lower threshold (highest level with no response), once found. */
    public Optional<Integer> lowerThresholdPercentMso() {
        return lower < 0 ? Optional.empty() : Optional.of(lower);
    }

    @Override
    public Optional<ThresholdEstimate> estimate() {
        if (upper < 0 || lower < 0) {
            return Optional.empty();
        }
        return Optional.of(new ThresholdEstimate((upper + lower) / 2.0, Optional.of(new ThresholdEstimate.Interval(
                lower, upper, "lower (0/" + trialsPerLevel + ") and upper (" + trialsPerLevel + "/" + trialsPerLevel
                + ") thresholds"))));
    }
}
