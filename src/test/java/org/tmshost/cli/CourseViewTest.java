package org.tmshost.cli;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.tmshost.course.Course;
import org.tmshost.course.Maintenance;
import org.tmshost.course.OutcomeMeasures;
import org.tmshost.course.Schedule;
import org.tmshost.record.CourseChangeRow;
import org.tmshost.record.CourseRow;
import org.tmshost.record.SessionRow;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** What {@code course list} says is next, on a fixed day: a date, today, overdue, suspended, closed, complete. */
@Tag("unit")
class CourseViewTest {
    private static final LocalDate MONDAY = LocalDate.of(2026, 5, 4);

    /** A daily course of {@code induction} sessions from MONDAY, with {@code maintenance}, held on {@code days}. */
    private static Course course(int induction, Maintenance maintenance, List<LocalDate> days, String... states) {
        CourseRow row = new CourseRow(1, "c1", "s1", "p", "0".repeat(64), "text", "M1", "M1 contralateral to pain",
                induction, "daily", MONDAY, 1, maintenance.sessions(), maintenance.everyDays(), "80% RMT", "session",
                "pain-nrs", "UTC", "op1", MONDAY.atStartOfDay().toInstant(ZoneOffset.UTC));
        var sessions = new ArrayList<SessionRow>();
        for (LocalDate day : days) {
            Instant at = day.atTime(9, 0).toInstant(ZoneOffset.UTC);
            sessions.add(new SessionRow(sessions.size() + 1, "s1", "op1", "p", "simulator", "x", "y", "sim:simulator",
                    true, "PASS", "COMPLETED", Optional.of("COMPLETED"), Optional.empty(), 10, 10, Optional.of(10),
                    Optional.empty(), at, Optional.of(at), Optional.of(at.plusSeconds(60)), Optional.of(0L),
                    Optional.empty(), Optional.empty(), Optional.of(50.0), Optional.empty(), Optional.of("emg"),
                    Optional.empty(), Optional.empty()));
        }
        var changes = new ArrayList<CourseChangeRow>();
        for (String state : states) {
            changes.add(new CourseChangeRow(changes.size() + 1, 1, row.plannedAt(), "sup", "change", Optional.of(state),
                    "test"));
        }
        return new Course(row, new Schedule.Daily(), maintenance,
                List.of(OutcomeMeasures.bundled().named("pain-nrs").orElseThrow()), sessions, List.of(), List.of(),
                changes);
    }

    private static String next(Course course, LocalDate today) {
        return CourseView.of(course, today, Optional.empty()).nextSaid();
    }

    @Test
    void saysWhenTheNextSessionIsDueInWords() {
        assertThat(next(course(3, Maintenance.NONE, List.of()), MONDAY)).isEqualTo("today");
        assertThat(next(course(3, Maintenance.NONE, List.of(MONDAY)), MONDAY)).isEqualTo(MONDAY.plusDays(1).toString());
        assertThat(next(course(1, Maintenance.NONE, List.of(MONDAY)), MONDAY.plusDays(3))).isEqualTo("complete");
        // maintenance one every 7 days after the last induction session (Monday): due the next Monday, overdue after
        Course maintained = course(1, new Maintenance(2, 7), List.of(MONDAY));
        assertThat(next(maintained, MONDAY.plusDays(3))).isEqualTo(MONDAY.plusDays(7).toString());
        assertThat(next(maintained, MONDAY.plusDays(9))).isEqualTo("overdue since " + MONDAY.plusDays(7));
        assertThat(next(course(3, Maintenance.NONE, List.of(), "SUSPENDED"), MONDAY)).isEqualTo("suspended");
        assertThat(next(course(3, Maintenance.NONE, List.of(), "SUSPENDED", "ACTIVE"), MONDAY)).isEqualTo("today");
        assertThat(next(course(3, Maintenance.NONE, List.of(), "CLOSED"), MONDAY)).isEqualTo("closed");
    }

    @Test
    void aClosedOrCompleteCourseIsNotActiveASuspendedOneIs() {
        assertThat(CourseView.of(course(3, Maintenance.NONE, List.of(), "SUSPENDED"), MONDAY, Optional.empty())
                .active()).isTrue();
        assertThat(CourseView.of(course(3, Maintenance.NONE, List.of(), "CLOSED"), MONDAY, Optional.empty())
                .active()).isFalse();
        assertThat(CourseView.of(course(1, Maintenance.NONE, List.of(MONDAY)), MONDAY, Optional.empty()).active())
                .isFalse();
    }
}
