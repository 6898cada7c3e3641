package org.tmshost.record;

/** One delivered pulse: planned and actual nanoseconds from the session's t0. */
public record PulseRow(int index, long plannedNanos, long actualNanos, int outputPercentMso, int channel) {
}
