package org.tmshost.record;

/** One planned train of a session: its first pulse, pulse count and planned start from t0. */
public record TrainRow(int index, int firstPulse, int pulseCount, long plannedStartNanos) {
}
