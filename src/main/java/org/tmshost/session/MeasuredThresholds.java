package org.tmshost.session;

import org.tmshost.protocol.MotorThresholds;

import java.time.Instant;
import java.util.Objects;

/**
 * The subject's motor thresholds and when they were measured. Arming requires them measured today,
 * or within {@code validForDays} days counting today where a treatment course re-measures them
 * weekly (7): a threshold of last Monday still doses this Friday's session, one of 8 days ago does not.
 */
public record MeasuredThresholds(MotorThresholds thresholds, Instant measuredAt, int validForDays) {
    /** The longest a threshold may dose sessions: a course that re-measures every week. */
    public static final int WEEK_DAYS = 7;

    public MeasuredThresholds {
        Objects.requireNonNull(thresholds, "thresholds");
        Objects.requireNonNull(measuredAt, "measuredAt");
        if (validForDays < 1 || validForDays > WEEK_DAYS) {
            throw new IllegalArgumentException("a threshold doses sessions for 1 to " + WEEK_DAYS + " days, not "
                    + validForDays);
        }
    }

    /** Thresholds measured for this session: valid today only. */
    public MeasuredThresholds(MotorThresholds thresholds, Instant measuredAt) {
        this(thresholds, measuredAt, 1);
    }
}
