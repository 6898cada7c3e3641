package org.tmshost.excitability;

import org.tmshost.protocol.Intensity;
import org.tmshost.protocol.PairedPulse;
import org.tmshost.protocol.Protocol;
import org.tmshost.protocol.PulseSequence;
import org.tmshost.protocol.ThresholdKind;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * A measurement's trials: every condition {@code trialsPerCondition} times, in balanced blocks (each
 * block gives every condition once, in an order shuffled by the seeded generator, so that neither
 * the subject nor a drift in excitability meets one condition more often early or late), each
 * trial {@code interTrialSeconds} plus a uniform jitter of up to {@code jitterSeconds} after the last,
 * so that the subject cannot anticipate it. The same seed gives the same trials on every JVM
 * ({@link Random} is specified).
 *
 * @param rmtPercentMso          the subject's resting motor threshold, which the intensities are relative to
 * @param conditioningPercentRmt a paired trial's conditioning pulse
 * @param testPercentRmt         the test pulse of a paired-pulse measurement (a recruitment condition has its own)
 */
public record MeasurementPlan(MeasurementKind kind, List<Condition> conditions, int trialsPerCondition,
                              BigDecimal rmtPercentMso, BigDecimal conditioningPercentRmt, BigDecimal testPercentRmt,
                              BigDecimal interTrialSeconds, BigDecimal jitterSeconds, long seed) {
    public static final int MAX_TRIALS_PER_CONDITION = 100;
    /** Paired and single pulses for MEPs at 0.25 Hz or slower, as a hunt's (safety-and-protocols.md §5). */
    public static final BigDecimal SHORTEST_INTER_TRIAL_SECONDS = new BigDecimal("4");
    public static final int DEFAULT_TRIALS = 15;
    public static final BigDecimal DEFAULT_CONDITIONING_PERCENT_RMT = new BigDecimal("80");
    public static final BigDecimal DEFAULT_TEST_PERCENT_RMT = new BigDecimal("120");
    public static final BigDecimal DEFAULT_INTER_TRIAL_SECONDS = new BigDecimal("5");
    public static final BigDecimal DEFAULT_JITTER_SECONDS = new BigDecimal("1.5");

    public MeasurementPlan {
        conditions = List.copyOf(conditions);
        if (conditions.isEmpty()) {
            throw new IllegalArgumentException("a measurement needs a condition");
        }
        boolean recruitment = kind == MeasurementKind.RECRUITMENT;
        for (Condition c : conditions) {
            if (recruitment != c.intensityPercentRmt().isPresent()) {
                throw new IllegalArgumentException("condition " + c.name() + " does not belong to a " + kind.label()
                        + " measurement");
            }
        }
        if (!recruitment && !conditions.get(0).testAloneCondition()) {
            throw new IllegalArgumentException("a paired-pulse measurement measures the test pulse alone first");
        }
        if (trialsPerCondition < 1 || trialsPerCondition > MAX_TRIALS_PER_CONDITION) {
            throw new IllegalArgumentException("trials per condition must be in 1.." + MAX_TRIALS_PER_CONDITION
                    + ", was " + trialsPerCondition);
        }
        if (rmtPercentMso.signum() <= 0 || rmtPercentMso.compareTo(BigDecimal.valueOf(100)) > 0) {
            throw new IllegalArgumentException("the RMT must be in (0, 100] %MSO, was " + rmtPercentMso.toPlainString());
        }
        if (interTrialSeconds.compareTo(SHORTEST_INTER_TRIAL_SECONDS) < 0) {
            throw new IllegalArgumentException("trials must be at least " + SHORTEST_INTER_TRIAL_SECONDS
                    + " s apart (0.25 Hz), was " + interTrialSeconds.toPlainString() + " s");
        }
        if (jitterSeconds.signum() < 0 || jitterSeconds.compareTo(BigDecimal.valueOf(60)) > 0) {
            throw new IllegalArgumentException("the jitter must be in 0..60 s, was " + jitterSeconds.toPlainString());
        }
        for (Condition c : conditions) {
            testOutput(c, rmtPercentMso, testPercentRmt);
            if (c.isiMs().isPresent()) {
                output("the conditioning pulse (" + conditioningPercentRmt.toPlainString() + "% RMT)", rmtPercentMso,
                        conditioningPercentRmt);
            }
        }
    }

    /** The default paired-pulse measurement: test alone, SICI 2 and 3 ms, ICF 10 and 12 ms. */
    public static MeasurementPlan pairedPulse(List<Condition> conditions, int trials, BigDecimal rmtPercentMso,
                                              BigDecimal conditioningPercentRmt, BigDecimal testPercentRmt, long seed) {
        return new MeasurementPlan(MeasurementKind.PAIRED_PULSE, conditions, trials, rmtPercentMso,
                conditioningPercentRmt, testPercentRmt, DEFAULT_INTER_TRIAL_SECONDS, DEFAULT_JITTER_SECONDS, seed);
    }

    public static MeasurementPlan recruitment(List<Condition> intensities, int trials, BigDecimal rmtPercentMso, long seed) {
        return new MeasurementPlan(MeasurementKind.RECRUITMENT, intensities, trials, rmtPercentMso,
                DEFAULT_CONDITIONING_PERCENT_RMT, DEFAULT_TEST_PERCENT_RMT, DEFAULT_INTER_TRIAL_SECONDS,
                DEFAULT_JITTER_SECONDS, seed);
    }

    public int trialCount() {
        return conditions.size() * trialsPerCondition;
    }

    public int pulseCount() {
        return trials().stream().mapToInt(t -> t.pulses().pulseCount()).sum();
    }

    /** What condition {@code c} gives: its outputs in whole %MSO, rounded half up. */
    public TrialPulses pulses(int c) {
        Condition condition = conditions.get(c);
        int test = testOutput(condition, rmtPercentMso, testPercentRmt);
        if (condition.isiMs().isEmpty()) {
            return TrialPulses.testAlone(test);
        }
        long isiNanos = condition.isiMs().get().movePointRight(6).longValueExact();
        return TrialPulses.paired(output("the conditioning pulse", rmtPercentMso, conditioningPercentRmt), test, isiNanos);
    }

    /** The trials in the order given: balanced blocks, each shuffled, with the jittered intervals. */
    public List<Trial> trials() {
        Random order = new Random(seed);
        Random jitter = new Random(~seed);
        long base = interTrialSeconds.movePointRight(9).longValue();
        long spread = jitterSeconds.movePointRight(9).longValue();
        List<Trial> trials = new ArrayList<>(trialCount());
        List<Integer> block = new ArrayList<>();
        for (int b = 0; b < trialsPerCondition; b++) {
            block.clear();
            for (int c = 0; c < conditions.size(); c++) {
                block.add(c);
            }
            Collections.shuffle(block, order);
            for (int c : block) {
                long interval = base + (spread == 0 ? 0 : (long) (jitter.nextDouble() * spread));
                trials.add(new Trial(trials.size(), b, c, pulses(c), interval));
            }
        }
        return List.copyOf(trials);
    }

    /**
     * The measurement as one protocol the safety envelope can judge, no milder than any trial: every
     * trial a pair at the shortest interval and the highest outputs, the trials at the shortest
     * inter-trial interval. A recruitment curve is single pulses at its highest intensity, as an
     * explicit sequence: single pulses 4 s or more apart are not rTMS, whose rules (Rossi 2009's
     * train table, the site's rTMS intensity cap) do not apply to them, as they do not to a hunt's.
     */
    public Protocol boundingProtocol() {
        BigDecimal highest = conditions.stream().map(c -> c.intensityPercentRmt().orElse(testPercentRmt))
                .max(BigDecimal::compareTo).orElseThrow();
        Intensity test = new Intensity.Relative(highest, ThresholdKind.RMT);
        String name = "excitability " + kind.label() + " (bound)";
        String citation = "tmshost measurement: " + conditions.size() + " conditions x " + trialsPerCondition + " trials";
        if (kind == MeasurementKind.RECRUITMENT || conditions.stream().allMatch(c -> c.isiMs().isEmpty())) {
            List<PulseSequence.SequencePulse> pulses = new ArrayList<>(trialCount());
            for (int t = 0; t < trialCount(); t++) {
                pulses.add(new PulseSequence.SequencePulse(interTrialSeconds.multiply(BigDecimal.valueOf(t)), test));
            }
            return new PulseSequence(name, citation, pulses);
        }
        BigDecimal shortest = conditions.stream().flatMap(c -> c.isiMs().stream()).min(BigDecimal::compareTo).orElseThrow();
        return new PairedPulse(name, citation, shortest, new Intensity.Relative(conditioningPercentRmt, ThresholdKind.RMT),
                test, trialCount(), interTrialSeconds);
    }

    private static int testOutput(Condition condition, BigDecimal rmt, BigDecimal testPercentRmt) {
        BigDecimal percent = condition.intensityPercentRmt().orElse(testPercentRmt);
        return output("the " + (condition.intensityPercentRmt().isPresent() ? condition.name() + " pulse"
                : "test pulse (" + percent.toPlainString() + "% RMT)"), rmt, percent);
    }

    private static int output(String what, BigDecimal rmt, BigDecimal percentRmt) {
        int mso = rmt.multiply(percentRmt).movePointLeft(2).setScale(0, RoundingMode.HALF_UP).intValueExact();
        if (mso < 1 || mso > 100) {
            throw new IllegalArgumentException(what + " at RMT " + rmt.toPlainString() + "% MSO is " + mso
                    + "% MSO, outside 1..100");
        }
        return mso;
    }
}
