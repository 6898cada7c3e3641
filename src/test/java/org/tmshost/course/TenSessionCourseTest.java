package org.tmshost.course;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tmshost.record.CourseChangeRow;
import org.tmshost.record.CourseOutcomeRow;
import org.tmshost.record.SessionRow;
import org.tmshost.session.SessionOutcome;
import org.tmshost.session.SessionState;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Issue 16's "done when", on a clock moved by hand: a 10-session weekdays course of a shortened
 * m1-10hz-pain on the simulator, sessions Monday to Thursday, Friday missed, sessions 5 to 10 on the
 * next weekdays, pain NRS from 7 to 3. Every session is a real one, run to COMPLETED, counted toward
 * the course before it could fire.
 */
@Tag("unit")
class TenSessionCourseTest {
    static final LocalDate PLANNED = LocalDate.of(2026, 12, 4); // a Friday
    static final LocalDate MONDAY = LocalDate.of(2026, 12, 7);
    static final LocalDate MISSED_FRIDAY = LocalDate.of(2026, 12, 11);
    /** Before and after each session: the baseline 7 is the first before, the latest 3 the last after. */
    static final int[][] NRS = {{7, 6}, {7, 6}, {6, 5}, {6, 5}, {5, 4}, {5, 4}, {4, 4}, {4, 3}, {4, 3}, {4, 3}};

    @Test
    void tenWeekdaySessionsWithAMissedFridayAreDoneWithOneMissedAndAFiftySevenPercentResponder(@TempDir Path dir)
            throws Exception {
        assertThat(PLANNED.getDayOfWeek()).isEqualTo(DayOfWeek.FRIDAY);
        assertThat(MONDAY.getDayOfWeek()).isEqualTo(DayOfWeek.MONDAY);
        try (CourseRig rig = new CourseRig(dir, PLANNED)) {
            rig.plan(CourseRig.request("pain-1", 10, "weekdays", Optional.of(MONDAY)));
            var days = new ArrayList<LocalDate>();
            for (LocalDate day = MONDAY; days.size() < 10; day = day.plusDays(1)) {
                if (day.getDayOfWeek().getValue() <= 5 && !day.equals(MISSED_FRIDAY)) {
                    days.add(day);
                }
            }
            assertThat(days.get(3)).isEqualTo(MISSED_FRIDAY.minusDays(1));
            assertThat(days.get(4)).isEqualTo(MISSED_FRIDAY.plusDays(3));
            Map<Long, Integer> pulsesTheLedgerCounted = new HashMap<>();
            for (int i = 0; i < days.size(); i++) {
                rig.moveTo(days.get(i));
                SessionOutcome outcome = rig.runSession("pain-1");
                assertThat(outcome.state()).as("session %d: %s", i + 1, outcome.reason())
                        .isEqualTo(SessionState.COMPLETED);
                rig.scores("pain-1", NRS[i][0], NRS[i][1]);
                pulsesTheLedgerCounted.put(outcome.sessionId(), rig.store.doseTotals(CourseRig.SUBJECT,
                        rig.wall.instant(), CourseRig.ZONE).pulsesToday());
            }

            Course course = rig.courses.course("pain-1");
            LocalDate today = rig.today();
            assertThat(today).isEqualTo(days.get(9));
            CourseStanding standing = course.standing(today);
            assertThat(standing.done()).isEqualTo(10);
            assertThat(standing.planned()).isEqualTo(10);
            assertThat(standing.missedDays()).containsExactly(MISSED_FRIDAY);
            assertThat(standing.complete()).isTrue();
            assertThat(standing.nextDue()).isEmpty();
            assertThat(course.standing(today.plusDays(30)).missedDays()).as("a month later").containsExactly(MISSED_FRIDAY);

            OutcomeSummary nrs = course.summary(course.primaryMeasure());
            assertThat(nrs.measure().name()).isEqualTo("pain-nrs");
            assertThat(nrs.baseline()).contains(7.0);
            assertThat(nrs.latest()).contains(3.0);
            assertThat(nrs.improvementPercent()).hasValueSatisfying(p -> assertThat(p).isCloseTo(57.1, within(0.05)));
            assertThat(nrs.responder30()).isTrue();
            assertThat(nrs.responder50()).isTrue();

            // the course, the dose ledger, the sessions table and the pulses table agree, session by session
            List<CourseSession> held = course.held();
            assertThat(held).extracting(CourseSession::number).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
            assertThat(held).extracting(CourseSession::day).containsExactlyElementsOf(days);
            for (CourseSession s : held) {
                SessionRow row = rig.store.session(s.session().id()).orElseThrow();
                assertThat(s.done()).isTrue();
                assertThat(s.deliveredPulses()).as("session %d", s.number())
                        .isEqualTo(CourseRig.SHORT_PAIN_PULSES)
                        .isEqualTo(row.deliveredPulses())
                        .isEqualTo(pulsesTheLedgerCounted.get(row.id()))
                        .isEqualTo(rig.store.pulses(row.id()).size());
                assertThat(course.outcomes().stream().filter(o -> course.sessionOf(o).orElseThrow().number()
                        == s.number())).extracting(o -> (int) o.value()).containsExactly(NRS[s.number() - 1][0],
                        NRS[s.number() - 1][1]);
            }

            // every change audited with its user: the plan, then each session as it was counted
            assertThat(course.changes()).extracting(CourseChangeRow::action).containsExactly("plan", "session",
                    "session", "session", "session", "session", "session", "session", "session", "session", "session");
            assertThat(course.changes()).extracting(CourseChangeRow::userId).containsOnly(CourseRig.OPERATOR);
            for (int i = 0; i < held.size(); i++) {
                assertThat(course.changes().get(i + 1).detail()).startsWith("session " + held.get(i).session().id()
                        + " on " + days.get(i));
            }
            assertThat(course.outcomes()).hasSize(20).extracting(CourseOutcomeRow::enteredBy)
                    .containsOnly(CourseRig.OPERATOR);

            long id = course.row().id();
            assertThat(rig.store.verifyCourse(id).fails()).as(rig.store.verifyCourse(id).said()).isFalse();
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("records.db"));
                 Statement st = c.createStatement()) {
                assertThat(st.executeUpdate("UPDATE course_outcomes SET value = 2 WHERE phase = 'after' AND day = '"
                        + days.get(9) + "'")).isEqualTo(1);
            }
            assertThat(rig.store.verifyCourse(id).fails()).as("a latest score edited from 3 to 2").isTrue();
        }
    }
}
