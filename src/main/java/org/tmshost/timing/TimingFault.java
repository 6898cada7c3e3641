package org.tmshost.timing;

/**
 * A pulse that would have fired too late; the scheduler did not fire it and stopped the plan. All
 * times in nanoseconds on the scheduler's clock.
 *
 * @param pulseIndex      the pulse that was not fired (every pulse before it fired)
 * @param latenessNanos   how late it was against its planned time {@code t0 + offset}
 * @param inheritedNanos  the part of the lateness imposed by the no-compression rule (previous pulses
 *                        late); {@code latenessNanos - inheritedNanos} is the scheduler's own lateness
 * @param limitNanos      the limit it exceeded: the lateness limit (the profile's, or 10% of the
 *                        interval before the pulse if smaller) for its own lateness, or
 *                        {@code PulseScheduler.DRIFT_LIMIT_FACTOR} times that for its total lateness
 * @param plannedNanos    its planned time
 * @param detectedAtNanos the clock time when the scheduler found it late
 */
public record TimingFault(int pulseIndex, long latenessNanos, long inheritedNanos, long limitNanos,
                          long plannedNanos, long detectedAtNanos) {
    /** A technician-readable sentence. */
    public String describe() {
        return String.format(java.util.Locale.ROOT,
                "timing fault at pulse %d: %.1f µs late (%.1f µs inherited from earlier pulses), limit %.1f µs;"
                        + " the train was stopped before this pulse. Check host load and real-time setup (docs/timing.md).",
                pulseIndex, latenessNanos / 1e3, inheritedNanos / 1e3, limitNanos / 1e3);
    }
}
