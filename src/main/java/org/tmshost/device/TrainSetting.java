package org.tmshost.device;

/**
 * What the device times after each host start, as the device is told it: a train of pulses at a
 * fixed interval from one unit, or a pair (unit A, then unit B after the inter-pulse interval). Every
 * group of a plan has the same setting, so it is loaded and read back once, before arming.
 *
 * @param pulses        pulses in each train (2 for a pair)
 * @param intervalNanos from one pulse to the next, exactly as planned
 * @param pair          pulse 0 on unit A (conditioning) and pulse 1 on unit B (test); else every pulse on unit A
 */
public record TrainSetting(int pulses, long intervalNanos, boolean pair) {
    public TrainSetting {
        if (pulses < 2 || intervalNanos <= 0 || (pair && pulses != 2)) {
            throw new IllegalArgumentException("a device-timed train has at least 2 pulses at a positive interval, a pair 2");
        }
    }

    public static TrainSetting train(int pulses, long intervalNanos) {
        return new TrainSetting(pulses, intervalNanos, false);
    }

    public static TrainSetting pair(long interPulseIntervalNanos) {
        return new TrainSetting(2, interPulseIntervalNanos, true);
    }

    /** The unit pulse {@code k} of a group fires on. */
    public int unitOf(int k) {
        return pair ? k : 0;
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
