package org.tmshost.session;

import org.tmshost.protocol.MotorThresholds;

import java.time.Instant;
import java.util.Objects;

/** The subject's motor thresholds and when they were measured (arming requires: in this session, today). */
public record MeasuredThresholds(MotorThresholds thresholds, Instant measuredAt) {
    public MeasuredThresholds {
        Objects.requireNonNull(thresholds, "thresholds");
        Objects.requireNonNull(measuredAt, "measuredAt");
    }
}
