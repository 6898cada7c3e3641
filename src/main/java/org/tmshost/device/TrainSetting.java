package org.tmshost.device;

/**
 * What the device times after each host start, as the device is told it: a train of pulses (or of
 * bursts, MagPro Biphasic Burst: native theta burst) at a fixed interval from one unit, or a pair
 * (unit A, then unit B after the inter-pulse interval). Every group of a plan has the same setting,
 * so it is loaded and read back once, before arming.
 *
 * @param pulses           pulses in each train (2 for a pair)
 * @param intervalNanos    from one trigger (pulse, or burst) to the next, exactly as planned
 * @param pair             pulse 0 on unit A (conditioning) and pulse 1 on unit B (test); else every pulse on unit A
 * @param pulsesPerBurst   1, or the pulses of each burst
 * @param intraBurstNanos  within a burst, from one pulse to the next (0 without bursts)
 */
public record TrainSetting(int pulses, long intervalNanos, boolean pair, int pulsesPerBurst, long intraBurstNanos) {
    public TrainSetting {
        if (pulses < 2 || intervalNanos <= 0 || (pair && pulses != 2) || pulsesPerBurst < 1
                || pulses % pulsesPerBurst != 0 || (pulsesPerBurst > 1 && (pair || intraBurstNanos <= 0
                || (pulsesPerBurst - 1) * intraBurstNanos >= intervalNanos))) {
            throw new IllegalArgumentException("a device-timed train has at least 2 pulses at a positive interval, a pair "
                    + "2, bursts that fit within the interval");
        }
    }

    public static TrainSetting train(int pulses, long intervalNanos) {
        return new TrainSetting(pulses, intervalNanos, false, 1, 0);
    }

    public static TrainSetting pair(long interPulseIntervalNanos) {
        return new TrainSetting(2, interPulseIntervalNanos, true, 1, 0);
    }

    /** A train of {@code bursts} bursts of {@code pulsesPerBurst}, {@code burstIntervalNanos} apart. */
    public static TrainSetting bursts(int bursts, long burstIntervalNanos, int pulsesPerBurst, long intraBurstNanos) {
        return new TrainSetting(bursts * pulsesPerBurst, burstIntervalNanos, false, pulsesPerBurst, intraBurstNanos);
    }

    /** Triggers per train: pulses, or bursts. */
    public int triggers() {
        return pulses / pulsesPerBurst;
    }

    public boolean bursts() {
        return pulsesPerBurst > 1;
    }

    /** When pulse {@code k} of the train comes, from the train's first pulse. */
    public long offsetNanos(int k) {
        return (k / pulsesPerBurst) * intervalNanos + (k % pulsesPerBurst) * intraBurstNanos;
    }

    /** The unit pulse {@code k} of a group fires on. */
    public int unitOf(int k) {
        return pair ? k : 0;
    }

    /** Trigger frequency in tenths of a hertz, when it is a whole number of them ({@code -1} otherwise). */
    public int frequencyTenthsHz() {
        return 10_000_000_000L % intervalNanos == 0 ? (int) (10_000_000_000L / intervalNanos) : -1;
    }

    /** Nominal train duration, triggers x interval (contracts.md §1: pulses / frequency, bursts / burst frequency). */
    public long durationNanos() {
        return triggers() * intervalNanos;
    }
}
