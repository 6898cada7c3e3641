package org.tmshost.delivery;

/**
 * One device-timed train as the device is told it: a number of pulses at a fixed interval. Every
 * train of a device-timed plan has the same setting, so it is loaded and read back once, before arming.
 *
 * @param pulses        pulses in each train
 * @param intervalNanos from one pulse of the train to the next, exactly as planned
 */
public record TrainSetting(int pulses, long intervalNanos) {
    public TrainSetting {
        if (pulses < 2 || intervalNanos <= 0) {
            throw new IllegalArgumentException("a device-timed train has at least 2 pulses at a positive interval");
        }
    }

    /** Train frequency in tenths of a hertz, when it is a whole number of them ({@code -1} otherwise). */
    public int frequencyTenthsHz() {
        return 10_000_000_000L % intervalNanos == 0 ? (int) (10_000_000_000L / intervalNanos) : -1;
    }

    /** Nominal train duration, pulses x interval (contracts.md §1: pulses / frequency). */
    public long durationNanos() {
        return pulses * intervalNanos;
    }
}
