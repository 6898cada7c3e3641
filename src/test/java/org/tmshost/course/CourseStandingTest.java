package org.tmshost.course;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tmshost.session.SessionOutcome;
import org.tmshost.session.SessionState;

import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where a course stands (issue 16): scheduled days without a session are missed, never skipped; a
 * session cut short is held but not done; maintenance sessions fall due an interval apart; the
 * next due day skips days the schedule has none on; a suspended course has none due.
 */
@Tag("unit")
class CourseStandingTest {
    static final LocalDate MONDAY = LocalDate.of(2026, 12, 7);

    @Test
    void aDailyCourseCountsADayWithoutASessionAsMissed(@TempDir Path dir) throws Exception {
        try (CourseRig rig = new CourseRig(dir, MONDAY)) {
            rig.plan(CourseRig.request("c", 5, "daily", Optional.empty()));
            rig.runSession("c");
            rig.moveTo(MONDAY.plusDays(2));
            rig.runSession("c");
            CourseStanding wednesday = rig.courses.course("c").standing(MONDAY.plusDays(2));
            assertThat(wednesday.missedDays()).containsExactly(MONDAY.plusDays(1));
            assertThat(wednesday.done()).isEqualTo(2);
            assertThat(wednesday.nextDue()).contains(MONDAY.plusDays(3));
            CourseStanding saturday = rig.courses.course("c").standing(MONDAY.plusDays(5));
            assertThat(saturday.missedDays()).as("daily: the weekend counts too")
                    .containsExactly(MONDAY.plusDays(1), MONDAY.plusDays(3), MONDAY.plusDays(4));
            assertThat(saturday.nextDue()).as("overdue days are not skipped: today is due").contains(MONDAY.plusDays(5));
        }
    }

    @Test
    void aWeekdaysCourseMissesNoWeekendAndItsNextDueDaySkipsIt(@TempDir Path dir) throws Exception {
        LocalDate friday = MONDAY.plusDays(4);
        try (CourseRig rig = new CourseRig(dir, friday)) {
            rig.plan(CourseRig.request("c", 5, "weekdays", Optional.empty()));
            rig.runSession("c");
            Course course = rig.courses.course("c");
            assertThat(course.standing(friday).nextDue()).as("done on Friday").contains(friday.plusDays(3));
            assertThat(course.standing(friday.plusDays(1)).nextDue()).as("on Saturday").contains(friday.plusDays(3));
            assertThat(course.standing(friday.plusDays(3)).missedDays()).isEmpty();
            assertThat(course.standing(friday.plusDays(5)).missedDays()).as("on Wednesday, Monday and Tuesday passed")
                    .containsExactly(friday.plusDays(3), friday.plusDays(4));
        }
    }

    @Test
    void aDatesCourseMissesOnlyItsListedDates(@TempDir Path dir) throws Exception {
        LocalDate wednesday = MONDAY.plusDays(2);
        LocalDate friday = MONDAY.plusDays(4);
        try (CourseRig rig = new CourseRig(dir, MONDAY)) {
            rig.plan(CourseRig.request("c", 3, MONDAY + "," + wednesday + "," + friday, Optional.empty()));
            rig.runSession("c");
            Course course = rig.courses.course("c");
            assertThat(course.standing(MONDAY.plusDays(1)).nextDue()).contains(wednesday);
            assertThat(course.standing(MONDAY.plusDays(1)).missedDays()).isEmpty();
            CourseStanding onFriday = course.standing(friday);
            assertThat(onFriday.missedDays()).containsExactly(wednesday);
            assertThat(onFriday.nextDue()).contains(friday);
            assertThat(course.standing(friday.plusDays(1)).nextDue()).as("the listed dates used up").isEmpty();
        }
    }

    @Test
    void aSessionCutShortIsHeldButNotDoneAndItsDayIsNotMissed(@TempDir Path dir) throws Exception {
        try (CourseRig rig = new CourseRig(dir, MONDAY)) {
            rig.plan(CourseRig.request("c", 5, "daily", Optional.empty()));
            CourseRig.RigSession s = rig.prepare("c");
            CourseRig.armAndStart(s);
            CourseRig.stepUntil(s, () -> s.session().firedCount() >= 10);
            s.session().stop(CourseRig.OPERATOR);
            SessionOutcome outcome = CourseRig.stepToEnd(s);
            assertThat(outcome.state()).isEqualTo(SessionState.ABORTED);
            int delivered = rig.store.session(s.session().id()).orElseThrow().deliveredPulses();
            assertThat(delivered).isBetween(10, CourseRig.SHORT_PAIN_PULSES - 1);

            // a session refused before its first pulse is not held: its day is missed
            rig.moveTo(MONDAY.plusDays(1));
            CourseRig.RigSession cancelled = rig.prepare("c");
            cancelled.session().cancel("the subject felt unwell", CourseRig.OPERATOR);

            Course course = rig.courses.course("c");
            assertThat(course.sessions()).hasSize(2);
            assertThat(course.held()).singleElement().satisfies(h -> {
                assertThat(h.number()).isEqualTo(1);
                assertThat(h.done()).isFalse();
                assertThat(h.deliveredPulses()).isEqualTo(delivered);
                assertThat(h.day()).isEqualTo(MONDAY);
            });
            CourseStanding wednesday = course.standing(MONDAY.plusDays(2));
            assertThat(wednesday.done()).isZero();
            assertThat(wednesday.missedDays()).containsExactly(MONDAY.plusDays(1));
            assertThat(course.standing(MONDAY).nextDue()).as("cut short: today is still due").contains(MONDAY);
        }
    }

    @Test
    void maintenanceSessionsFallDueAnIntervalApartAndAWholeIntervalWithoutOneIsMissed(@TempDir Path dir)
            throws Exception {
        LocalDate tuesday = MONDAY.plusDays(1);
        try (CourseRig rig = new CourseRig(dir, MONDAY)) {
            rig.plan(CourseRig.request("c", 2, "daily", Optional.empty(), 1, Optional.of("2/7")));
            rig.runSession("c");
            rig.moveTo(tuesday);
            rig.runSession("c");
            Course inducted = rig.courses.course("c");
            CourseStanding afterInduction = inducted.standing(tuesday);
            assertThat(afterInduction.planned()).isEqualTo(4);
            assertThat(afterInduction.inductionDone()).isEqualTo(2);
            assertThat(afterInduction.phase()).isEqualTo("maintenance");
            assertThat(afterInduction.nextDue()).contains(tuesday.plusDays(7));
            assertThat(inducted.standing(tuesday.plusDays(3)).missedDays()).as("days between are not missed").isEmpty();

            rig.moveTo(tuesday.plusDays(3));
            assertThat(rig.courses.admit("c", CourseRig.SUBJECT, CourseRig.PAIN, CourseRig.shortPain()).findings())
                    .as("before its due day").extracting(f -> f.ruleId()).containsExactly(CourseAdmission.OFF_SCHEDULE);

            rig.moveTo(tuesday.plusDays(7));
            rig.runSession("c");
            Course first = rig.courses.course("c");
            assertThat(first.standing(tuesday.plusDays(7)).maintenanceDone()).isEqualTo(1);
            assertThat(first.standing(tuesday.plusDays(7)).nextDue()).contains(tuesday.plusDays(14));
            CourseStanding overdue = first.standing(tuesday.plusDays(20));
            assertThat(overdue.missedDays()).isEmpty();
            assertThat(overdue.nextDue()).contains(tuesday.plusDays(14));
            CourseStanding intervalPassed = first.standing(tuesday.plusDays(21));
            assertThat(intervalPassed.missedDays()).containsExactly(tuesday.plusDays(14));
            assertThat(intervalPassed.nextDue()).contains(tuesday.plusDays(21));

            rig.moveTo(tuesday.plusDays(21));
            rig.runSession("c");
            CourseStanding done = rig.courses.course("c").standing(tuesday.plusDays(21));
            assertThat(done.complete()).isTrue();
            assertThat(done.done()).isEqualTo(4);
            assertThat(done.missedDays()).containsExactly(tuesday.plusDays(14));
            assertThat(done.nextDue()).isEmpty();
        }
    }

    @Test
    void aMaintenanceSessionCutShortIsHeldAndItsIntervalIsNotMissed(@TempDir Path dir) throws Exception {
        LocalDate due = MONDAY.plusDays(7);
        try (CourseRig rig = new CourseRig(dir, MONDAY)) {
            rig.plan(CourseRig.request("c", 1, "daily", Optional.empty(), 1, Optional.of("1/7")));
            rig.runSession("c");
            rig.moveTo(due);
            CourseRig.RigSession s = rig.prepare("c");
            CourseRig.armAndStart(s);
            CourseRig.stepUntil(s, () -> s.session().firedCount() >= 10);
            s.session().stop(CourseRig.OPERATOR);
            assertThat(CourseRig.stepToEnd(s).state()).isEqualTo(SessionState.ABORTED);

            Course course = rig.courses.course("c");
            assertThat(course.held()).extracting(CourseSession::done).containsExactly(true, false);
            CourseStanding aWeekLater = course.standing(due.plusDays(7));
            assertThat(aWeekLater.maintenanceDone()).isZero();
            assertThat(aWeekLater.missedDays()).as("a session was held on " + due).isEmpty();
            assertThat(aWeekLater.nextDue()).contains(due.plusDays(7));
            assertThat(course.standing(due.plusDays(14)).missedDays()).as("the next interval passed without one")
                    .containsExactly(due.plusDays(7));
        }
    }

    @Test
    void aSuspendedCourseHasNoNextDueDay(@TempDir Path dir) throws Exception {
        try (CourseRig rig = new CourseRig(dir, MONDAY)) {
            rig.plan(CourseRig.request("c", 5, "weekdays", Optional.empty()));
            rig.runSession("c");
            assertThat(rig.courses.course("c").standing(MONDAY).nextDue()).contains(MONDAY.plusDays(1));
            rig.courses.recordEvent("c", "seizure", "severe", "", Optional.empty(), Optional.empty(), "op1");
            CourseStanding suspended = rig.courses.course("c").standing(MONDAY);
            assertThat(suspended.state()).isEqualTo(Course.SUSPENDED);
            assertThat(suspended.nextDue()).isEmpty();
            assertThat(MONDAY.getDayOfWeek()).isEqualTo(DayOfWeek.MONDAY);
        }
    }
}
