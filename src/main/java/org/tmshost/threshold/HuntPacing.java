package org.tmshost.threshold;

import java.util.SplittableRandom;

/**
 * Spacing of hunt pulses: each interval is {@code minIntervalNanos} plus a uniform random jitter
 * in [0, {@code maxJitterNanos}] so that the subject cannot anticipate the pulse. The minimum may
 * not be below 4 s: threshold hunting runs at 0.25 Hz or slower (safety-and-protocols.md §5).
 */
public record HuntPacing(long minIntervalNanos, long maxJitterNanos) {
    public static final long FASTEST_INTERVAL_NANOS = 4_000_000_000L;

    public HuntPacing {
        if (minIntervalNanos < FASTEST_INTERVAL_NANOS) {
            throw new IllegalArgumentException("threshold hunting pulses must be at least 4 s apart (0.25 Hz), was "
                    + minIntervalNanos / 1e9 + " s");
        }
        if (maxJitterNanos < 0 || maxJitterNanos > 60_000_000_000L) {
            throw new IllegalArgumentException("jitter must be in 0..60 s");
        }
    }

    /** 4 to 6 s between pulses. */
    public static HuntPacing standard() {
        return new HuntPacing(FASTEST_INTERVAL_NANOS, 2_000_000_000L);
    }

    long nextIntervalNanos(SplittableRandom random) {
        return minIntervalNanos + (maxJitterNanos == 0 ? 0 : random.nextLong(maxJitterNanos + 1));
    }
}
