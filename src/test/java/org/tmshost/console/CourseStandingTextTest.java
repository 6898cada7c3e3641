package org.tmshost.console;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tmshost.course.Course;
import org.tmshost.course.CourseAdmission;
import org.tmshost.course.CoursePlanRequest;
import org.tmshost.course.Courses;
import org.tmshost.course.OutcomeMeasures;
import org.tmshost.record.RecordStore;
import org.tmshost.safety.Finding;
import org.tmshost.safety.Severity;
import org.tmshost.testing.TmsHostCli;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** How the console shows a course's standing, on fixed days (a course planned on a Monday, read later). */
@Tag("unit")
class CourseStandingTextTest {
    private static final LocalDate MONDAY = LocalDate.of(2026, 11, 2);

    @TempDir
    Path home;

    private static Courses on(RecordStore store, LocalDate day) {
        return new Courses(store, OutcomeMeasures.bundled(), InstantSource.fixed(day.atTime(9, 0)
                .toInstant(ZoneOffset.UTC)), ZoneOffset.UTC);
    }

    private static Course planned(RecordStore store) throws Exception {
        return on(store, MONDAY).plan(new CoursePlanRequest("c1", "s1", "five.yaml", TmsHostCli.FIVE_PULSES_AT_5_HZ,
                10, "weekdays", Optional.empty(), Optional.empty(), "", "M1 contralateral to pain",
                List.of("pain-nrs"), "session", 1, true, "sup"));
    }

    @Test
    void showsDoneOfPlannedTheMissedDaysTheNextDueAndThatNoScoreIsThereYet() throws Exception {
        try (RecordStore store = RecordStore.open(home.resolve("records.db"))) {
            planned(store);
            LocalDate wednesday = MONDAY.plusDays(2);
            Course course = on(store, wednesday).course("c1");
            assertThat(CourseStandingText.standing(course, wednesday)).containsExactly(
                    "course c1: subject s1, protocol five.yaml, M1 contralateral to pain; ACTIVE, induction",
                    "  sessions 0/10 done, 2 missed (2026-11-02, 2026-11-03), next due 2026-11-04 (today)",
                    "  pain-nrs: no score yet (course outcome --measure pain-nrs --before X [--after Y])");
            assertThat(CourseStandingText.listed(course, wednesday))
                    .isEqualTo("  c1  five.yaml  0/10 done, 2 missed, next due 2026-11-04");
        }
    }

    @Test
    void showsTheLatestPrimaryScoreWithTheChangeAndResponderStatus() throws Exception {
        try (RecordStore store = RecordStore.open(home.resolve("records.db"))) {
            planned(store);
            Courses courses = on(store, MONDAY);
            courses.recordOutcome("c1", "pain-nrs", Optional.of(new BigDecimal("7")), Optional.of(new BigDecimal("3")),
                    Optional.empty(), Optional.empty(), "op1");
            Course course = courses.course("c1");
            assertThat(CourseStandingText.standing(course, MONDAY).get(2)).isEqualTo("  pain-nrs: baseline 7, latest 3 "
                    + "points on 2026-11-02, 57% better; responder >=30% yes, >=50% yes");
        }
    }

    @Test
    void saysWhatTodaysFindingsNeed() {
        assertThat(CourseStandingText.today(List.of())).containsExactly("  today: a session keeps to the plan");
        assertThat(CourseStandingText.today(List.of(new Finding(CourseAdmission.SAME_DAY, Severity.NEEDS_OVERRIDE,
                "1 session(s) already held today", "plan")))).containsExactly(
                "  today: NEEDS_OVERRIDE course.same-day: 1 session(s) already held today",
                "      a supervisor approves it at check: approve SUPERVISOR --reason TEXT");
        assertThat(CourseStandingText.today(List.of(new Finding(CourseAdmission.SUSPENDED, Severity.BLOCKED,
                "course c1 is suspended", "plan")))).last().asString().contains("course resume --as SUPERVISOR --reason TEXT");
    }
}
