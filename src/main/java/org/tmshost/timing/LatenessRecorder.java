package org.tmshost.timing;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;

/**
 * Lateness of fired pulses (actual minus planned, nanoseconds) in an HdrHistogram
 * {@link SingleWriterRecorder}: the pulse thread records wait-free and allocation-free; any other
 * thread takes interval histograms without blocking it.
 *
 * <pre>{@code
 * Histogram recycled = null;
 * recycled = scheduler.lateness().intervalHistogram(recycled); // on the recorder/console thread
 * long p99Nanos = recycled.getValueAtPercentile(99);
 * }</pre>
 */
public final class LatenessRecorder {
    /** Values are clamped to this (10 s); anything near it is a fault long before. */
    public static final long HIGHEST_TRACKABLE_NANOS = 10_000_000_000L;
    public static final int SIGNIFICANT_DIGITS = 3;

    private final SingleWriterRecorder recorder = new SingleWriterRecorder(1, HIGHEST_TRACKABLE_NANOS, SIGNIFICANT_DIGITS);

    /** Pulse thread only. Negative values (never produced by the scheduler) count as 0. */
    public void record(long latenessNanos) {
        long value = latenessNanos < 0 ? 0 : Math.min(latenessNanos, HIGHEST_TRACKABLE_NANOS);
        recorder.recordValue(value);
    }

    /** Lateness recorded since the previous call; a fresh histogram. Any thread but the pulse thread. */
    public Histogram intervalHistogram() {
        return recorder.getIntervalHistogram();
    }

    /**
     * Like {@link #intervalHistogram()}, reusing {@code recycled} (from an earlier call, or null) to
     * avoid allocating.
     */
    public Histogram intervalHistogram(Histogram recycled) {
        return recorder.getIntervalHistogram(recycled);
    }
}
