package org.tmshost.timing;

/**
 * A pulse that would have fired later than its lateness limit; the scheduler did not fire it and
 * stopped the plan. All times in nanoseconds on the scheduler's clock.
 *
 * @param pulseIndex      the pulse that was not fired (every pulse before it fired)
 * @param latenessNanos   how late it was against its planned time {@code t0 + offset}
 * @param limitNanos      the limit it exceeded: the profile's limit, or 10% of the interval before
 *                        the pulse if that is smaller
 * @param plannedNanos    its planned time
 * @param detectedAtNanos the clock time when the scheduler found it late
 */
public record TimingFault(int pulseIndex, long latenessNanos, long limitNanos, long plannedNanos,
                          long detectedAtNanos) {
    /** A technician-readable sentence. */
    public String describe() {
        return String.format(java.util.Locale.ROOT,
                "timing fault at pulse %d: %.1f µs late, limit %.1f µs; the train was stopped before this pulse",
                pulseIndex, latenessNanos / 1e3, limitNanos / 1e3);
    }
}
