package org.tmshost.course;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Where a course stands on {@code today}: sessions done of planned (induction and maintenance),
 * scheduled days that passed without a session, and the day the next session is due.
 *
 * @param missedDays scheduled days (induction) or due days (maintenance) that passed without a session
 * @param nextDue    the next session's day; may be before today (overdue); empty when none is due
 *                   (course done, suspended or closed, or listed dates used up)
 * @param phase      {@code induction}, {@code maintenance} or {@code complete}
 */
public record CourseStanding(LocalDate today, int done, int planned, int inductionDone, int maintenanceDone,
                             List<LocalDate> missedDays, Optional<LocalDate> nextDue, String phase, String state) {
    public CourseStanding {
        missedDays = List.copyOf(missedDays);
    }

    public int missed() {
        return missedDays.size();
    }

    public boolean complete() {
        return phase.equals("complete");
    }
}
