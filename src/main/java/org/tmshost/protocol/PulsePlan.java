package org.tmshost.protocol;

import java.util.Arrays;

/**
 * The expanded, immutable timeline of a protocol: for every pulse its planned offset from t0 in
 * integer nanoseconds, its output in %MSO and its channel (0 for single-coil protocols; the
 * conditioning/test unit of a paired pulse; the unit of a quadripulse burst), plus train boundaries
 * and each train's nominal duration (contracts.md §1 timing definitions).
 *
 * <p>Primitive arrays so that the pulse thread can walk a plan without allocating. Accessors
 * never expose the arrays themselves.
 */
public final class PulsePlan {
    private final long[] offsetsNanos;
    private final int[] outputsPercentMso;
    private final byte[] channels;
    private final int[] trainFirstPulse;
    private final long[] trainDurationsNanos;
    private final long durationNanos;
    private final long shortestIntervalNanos;
    private final int maxOutputPercentMso;
    private final boolean[] startsGroup;

    PulsePlan(long[] offsetsNanos, int[] outputsPercentMso, byte[] channels, int[] trainFirstPulse,
              long[] trainDurationsNanos) {
        if (offsetsNanos.length == 0) {
            throw new IllegalArgumentException("a plan has at least one pulse");
        }
        if (outputsPercentMso.length != offsetsNanos.length || channels.length != offsetsNanos.length
                || trainFirstPulse.length != trainDurationsNanos.length || trainFirstPulse.length == 0
                || trainFirstPulse[0] != 0) {
            throw new IllegalArgumentException("inconsistent plan arrays");
        }
        long shortest = Long.MAX_VALUE;
        for (int i = 1; i < offsetsNanos.length; i++) {
            long interval = offsetsNanos[i] - offsetsNanos[i - 1];
            if (interval <= 0) {
                throw new IllegalArgumentException("pulse " + i + " is not after pulse " + (i - 1));
            }
            shortest = Math.min(shortest, interval);
        }
        this.offsetsNanos = offsetsNanos;
        this.outputsPercentMso = outputsPercentMso;
        this.channels = channels;
        this.trainFirstPulse = trainFirstPulse;
        this.trainDurationsNanos = trainDurationsNanos;
        int lastTrain = trainFirstPulse.length - 1;
        this.durationNanos = offsetsNanos[trainFirstPulse[lastTrain]] + trainDurationsNanos[lastTrain];
        this.shortestIntervalNanos = shortest;
        this.maxOutputPercentMso = Arrays.stream(outputsPercentMso).max().orElse(0);
        this.startsGroup = groupStarts();
    }

    /**
     * One pulse at offset 0: a threshold hunt's next pulse, whose output the hunt chose after the last
     * reading. A hunt's plan grows by one of these at a time.
     */
    public static PulsePlan singlePulse(int outputPercentMso, int channel) {
        return new PulsePlan(new long[] {0}, new int[] {outputPercentMso}, new byte[] {(byte) channel}, new int[] {0},
                new long[] {0});
    }

    /**
     * True for a pulse that begins a train, a burst or a pair: the interval before it is at least
     * twice the one after it (or the one before the previous pulse), so it is a gap, not a
     * pulse-to-pulse interval.
     */
    public boolean startsGroup(int pulse) {
        return startsGroup[pulse];
    }

    /**
     * The first pulse at or after {@code pulse} where delivery can begin again without splitting a
     * group whose meaning is its timing: any pulse of a train whose pulses are evenly spaced (rTMS),
     * otherwise the next burst or pair. {@link #pulseCount()} when none is left.
     */
    public int resumePointAtOrAfter(int pulse) {
        int n = offsetsNanos.length;
        for (int p = Math.max(0, pulse); p < n; p++) {
            if (startsGroup[p] || !hasGroupsInside(trainOf(p))) {
                return p;
            }
        }
        return n;
    }

    /**
     * The rest of this plan from {@code first} on, its pulse {@code first} at offset 0; the train it
     * falls in keeps its remaining pulses and the rest of its nominal duration. Intervals, outputs and
     * channels are this plan's.
     */
    public PulsePlan from(int first) {
        if (first <= 0) {
            return this;
        }
        if (first >= offsetsNanos.length) {
            throw new IllegalArgumentException("pulse " + first + " is past the plan's " + offsetsNanos.length);
        }
        int n = offsetsNanos.length - first;
        long shift = offsetsNanos[first];
        long[] offsets = new long[n];
        for (int i = 0; i < n; i++) {
            offsets[i] = offsetsNanos[first + i] - shift;
        }
        int firstTrain = trainOf(first);
        int trains = trainFirstPulse.length - firstTrain;
        int[] firstPulses = new int[trains];
        long[] durations = new long[trains];
        for (int t = 0; t < trains; t++) {
            firstPulses[t] = t == 0 ? 0 : trainFirstPulse[firstTrain + t] - first;
            durations[t] = trainDurationsNanos[firstTrain + t];
        }
        durations[0] -= shift - offsetsNanos[trainFirstPulse[firstTrain]];
        return new PulsePlan(offsets, Arrays.copyOfRange(outputsPercentMso, first, offsetsNanos.length),
                Arrays.copyOfRange(channels, first, offsetsNanos.length), firstPulses, durations);
    }

    private boolean hasGroupsInside(int train) {
        int end = trainFirstPulse[train] + trainPulseCount(train);
        for (int p = trainFirstPulse[train] + 1; p < end; p++) {
            if (startsGroup[p]) {
                return true;
            }
        }
        return false;
    }

    private boolean[] groupStarts() {
        int n = offsetsNanos.length;
        boolean[] starts = new boolean[n];
        for (int first : trainFirstPulse) {
            starts[first] = true;
        }
        for (int pulse = 1; pulse < n; pulse++) {
            long before = intervalBeforeNanos(pulse);
            long within = pulse + 1 < n ? intervalBeforeNanos(pulse + 1)
                    : pulse >= 2 ? intervalBeforeNanos(pulse - 1) : before;
            if (before >= 2 * within) {
                starts[pulse] = true;
            }
        }
        return starts;
    }

    public int pulseCount() {
        return offsetsNanos.length;
    }

    public long offsetNanos(int pulse) {
        return offsetsNanos[pulse];
    }

    public int outputPercentMso(int pulse) {
        return outputsPercentMso[pulse];
    }

    public int channel(int pulse) {
        return channels[pulse];
    }

    /** Planned interval from the previous pulse (any channel); 0 for the first pulse. */
    public long intervalBeforeNanos(int pulse) {
        return pulse == 0 ? 0 : offsetsNanos[pulse] - offsetsNanos[pulse - 1];
    }

    public int trainCount() {
        return trainFirstPulse.length;
    }

    public int trainFirstPulse(int train) {
        return trainFirstPulse[train];
    }

    public int trainPulseCount(int train) {
        int end = train + 1 < trainFirstPulse.length ? trainFirstPulse[train + 1] : offsetsNanos.length;
        return end - trainFirstPulse[train];
    }

    public long trainStartNanos(int train) {
        return offsetsNanos[trainFirstPulse[train]];
    }

    /** Nominal on-time of a train: e.g. pulsesPerTrain / frequencyHz for rTMS. */
    public long trainDurationNanos(int train) {
        return trainDurationsNanos[train];
    }

    /** Off-time after a train: from its nominal end to the next train's first pulse; -1 after the last train. */
    public long waitAfterTrainNanos(int train) {
        if (train + 1 >= trainFirstPulse.length) {
            return -1;
        }
        return trainStartNanos(train + 1) - trainStartNanos(train) - trainDurationsNanos[train];
    }

    /** Index of the train a pulse belongs to. */
    public int trainOf(int pulse) {
        int found = Arrays.binarySearch(trainFirstPulse, pulse);
        return found >= 0 ? found : -found - 2;
    }

    /** From the first pulse to the nominal end of the last train. */
    public long durationNanos() {
        return durationNanos;
    }

    public double durationSeconds() {
        return durationNanos / 1e9;
    }

    /** Shortest interval between consecutive pulses; {@code Long.MAX_VALUE} for a single pulse. */
    public long shortestIntervalNanos() {
        return shortestIntervalNanos;
    }

    /** Highest instantaneous rate of the plan (1 / shortest interval); 0 for a single pulse. */
    public double peakFrequencyHz() {
        return offsetsNanos.length < 2 ? 0 : 1e9 / shortestIntervalNanos;
    }

    public int maxOutputPercentMso() {
        return maxOutputPercentMso;
    }

    @Override
    public String toString() {
        return "PulsePlan[" + pulseCount() + " pulses, " + trainCount() + " trains, " + durationSeconds() + " s]";
    }
}
