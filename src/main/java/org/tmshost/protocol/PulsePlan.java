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
