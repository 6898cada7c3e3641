package org.tmshost.record;

import java.util.Optional;

/**
 * One recorded pulse: planned and actual (when it left the host) nanoseconds from the session's t0,
 * and the device's word on it: confirmed, not confirmed, or empty where the device cannot confirm.
 */
public record PulseRow(int index, long plannedNanos, long actualNanos, int outputPercentMso, int channel,
                       Optional<Boolean> confirmed) {
    /** A pulse as the host journaled it, before the device's word. */
    public PulseRow(int index, long plannedNanos, long actualNanos, int outputPercentMso, int channel) {
        this(index, plannedNanos, actualNanos, outputPercentMso, channel, Optional.empty());
    }
}
