package org.tmshost.timing;

import org.HdrHistogram.Histogram;

import java.util.Locale;
import java.util.concurrent.locks.LockSupport;

/**
 * Measures how late {@link LockSupport#parkNanos(long)} wakes on this machine and chooses the
 * {@link HybridWaiter} spin window from it, instead of guessing. Run it before a session (off the
 * pulse thread's hot path: it allocates a histogram), on the machine and JVM that will run the
 * session, ideally with the session's background threads already running.
 *
 * <p>Rule: the spin window must absorb nearly every park overshoot, because an overshoot larger than
 * the window makes the pulse late by the difference. The window is the measured p99.9 overshoot
 * times {@link #SAFETY_FACTOR}, rounded up to 50 µs, and clamped to
 * [{@link #MIN_SPIN_WINDOW_NANOS}, {@link #MAX_SPIN_WINDOW_NANOS}]. The cost is CPU: the pulse thread
 * spins for the window once per interval ({@code window / interval} of a core; 0.2% at 1 Hz and 3%
 * at 20 Hz for a 1.5 ms window). Overshoots beyond the upper clamp are preemption of the whole
 * thread, which spinning cannot fix either (real-time priority can; docs/timing.md).
 *
 * @param samples             parks measured
 * @param parkNanos           requested park length per sample
 * @param p50OvershootNanos   median of (actual park - requested)
 * @param p99OvershootNanos   99th percentile
 * @param p999OvershootNanos  99.9th percentile (= the maximum when samples < 1000)
 * @param maxOvershootNanos   maximum
 * @param spinWindowNanos     the chosen window
 */
public record SpinWindowCalibration(int samples, long parkNanos, long p50OvershootNanos, long p99OvershootNanos,
                                    long p999OvershootNanos, long maxOvershootNanos, long spinWindowNanos) {
    public static final long MIN_SPIN_WINDOW_NANOS = 200_000L;
    public static final long MAX_SPIN_WINDOW_NANOS = 2_000_000L;
    public static final double SAFETY_FACTOR = 1.5;
    private static final long ROUNDING_NANOS = 50_000L;

    /** Default measurement: 400 parks of 1 ms (about half a second). */
    public static SpinWindowCalibration measure() {
        return measure(400, 1_000_000L);
    }

    /** Parks {@code samples} times for {@code parkNanos} on the calling thread and measures overshoot. */
    public static SpinWindowCalibration measure(int samples, long parkNanos) {
        if (samples < 1 || parkNanos < 1) {
            throw new IllegalArgumentException("samples and parkNanos must be >= 1");
        }
        Histogram overshoots = new Histogram(1, 10_000_000_000L, 3);
        for (int i = 0; i < samples; i++) {
            long start = System.nanoTime();
            long deadline = start + parkNanos;
            LockSupport.parkNanos(parkNanos);
            long overshoot = System.nanoTime() - deadline;
            overshoots.recordValue(Math.max(0, Math.min(overshoot, 10_000_000_000L)));
        }
        long p999 = overshoots.getValueAtPercentile(99.9);
        return new SpinWindowCalibration(samples, parkNanos, overshoots.getValueAtPercentile(50),
                overshoots.getValueAtPercentile(99), p999, overshoots.getMaxValue(), chooseSpinWindowNanos(p999));
    }

    /** The rule above, as a pure function of the p99.9 park overshoot. */
    public static long chooseSpinWindowNanos(long p999OvershootNanos) {
        long wanted = (long) Math.ceil(p999OvershootNanos * SAFETY_FACTOR);
        long rounded = ((wanted + ROUNDING_NANOS - 1) / ROUNDING_NANOS) * ROUNDING_NANOS;
        return Math.max(MIN_SPIN_WINDOW_NANOS, Math.min(MAX_SPIN_WINDOW_NANOS, rounded));
    }

    /** A waiter on the system clock with the chosen window. */
    public HybridWaiter waiter() {
        return new HybridWaiter(SystemClock.INSTANCE, spinWindowNanos);
    }

    public String describe() {
        return String.format(Locale.ROOT,
                "parkNanos(%d µs) x %d: overshoot p50 %.1f µs, p99 %.1f µs, p99.9 %.1f µs, max %.1f µs -> spin window %.0f µs",
                parkNanos / 1000, samples, p50OvershootNanos / 1e3, p99OvershootNanos / 1e3, p999OvershootNanos / 1e3,
                maxOvershootNanos / 1e3, spinWindowNanos / 1e3);
    }
}
