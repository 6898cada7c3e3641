package org.tmshost.course;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Bad input to a course (issue 16): every score, date and plan is checked before anything is
 * written, so a refusal leaves every table of the record as it was; and the IMMPACT responder
 * boundaries count exactly (a fall from 10 to 7 is 30%).
 */
@Tag("unit")
class CourseInputTest {
    static final LocalDate MONDAY = LocalDate.of(2026, 12, 7);

    /** Rows of every table of the record, by table. */
    static TreeMap<String, Long> rows(Path dir) throws Exception {
        var rows = new TreeMap<String, Long>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("records.db"));
             Statement st = c.createStatement()) {
            var tables = new ArrayList<String>();
            try (ResultSet rs = st.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String table : tables) {
                try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM \"" + table + "\"")) {
                    rs.next();
                    rows.put(table, rs.getLong(1));
                }
            }
        }
        return rows;
    }

    interface Refused {
        void run() throws Exception;
    }

    /** {@code input} is refused as a CourseInputRefused containing {@code said}, and nothing was written. */
    static void refusedWritingNothing(Path dir, Refused input, String said) throws Exception {
        TreeMap<String, Long> before = rows(dir);
        assertThatThrownBy(input::run).isInstanceOf(CourseInputRefused.class).hasMessageContaining(said);
        assertThat(rows(dir)).as("rows after refusing: " + said).isEqualTo(before);
    }

    private static Optional<BigDecimal> score(String text) {
        return Optional.of(new BigDecimal(text));
    }

    private static CourseRig planned(Path dir) throws Exception {
        CourseRig rig = new CourseRig(dir, MONDAY);
        rig.plan(CourseRig.request("c", 10, "weekdays", Optional.empty()));
        return rig;
    }

    @Test
    void outOfRangeScoresAreRefusedAndNothingIsWritten(@TempDir Path dir) throws Exception {
        try (CourseRig rig = planned(dir)) {
            Courses courses = rig.courses;
            refusedWritingNothing(dir, () -> courses.recordOutcome("c", "pain-nrs", score("11"), Optional.empty(),
                    Optional.empty(), Optional.empty(), "op1"), "pain-nrs is scored from 0 to 10 points, not 11");
            refusedWritingNothing(dir, () -> courses.recordOutcome("c", "pain-nrs", score("-1"), Optional.empty(),
                    Optional.empty(), Optional.empty(), "op1"), "not -1");
            refusedWritingNothing(dir, () -> courses.recordOutcome("c", "pain-nrs", score("5"), score("10.5"),
                    Optional.empty(), Optional.empty(), "op1"), "not 10.5");
            assertThat(rig.courses.course("c").outcomes()).isEmpty();
            courses.recordOutcome("c", "pain-nrs", score("10"), score("0"), Optional.empty(), Optional.empty(), "op1");
            assertThat(rig.courses.course("c").outcomes()).extracting(o -> o.value()).containsExactly(10.0, 0.0);
        }
    }

    @Test
    void aScoreWithMoreDecimalsThanItsMeasureHasIsRefused(@TempDir Path dir) throws Exception {
        try (CourseRig rig = planned(dir)) {
            refusedWritingNothing(dir, () -> rig.courses.recordOutcome("c", "pain-nrs", score("6.5"), Optional.empty(),
                    Optional.empty(), Optional.empty(), "op1"), "pain-nrs is scored in steps of 1 points, not 6.5");
            rig.courses.recordOutcome("c", "pain-nrs", score("6.0"), Optional.empty(), Optional.empty(),
                    Optional.empty(), "op1");
            assertThat(rig.courses.course("c").outcomes()).extracting(o -> o.value()).containsExactly(6.0);
        }
    }

    @Test
    void anUnknownMeasureAndOneTheCourseDoesNotRecordAreRefused(@TempDir Path dir) throws Exception {
        try (CourseRig rig = planned(dir)) {
            refusedWritingNothing(dir, () -> rig.courses.recordOutcome("c", "pain-xyz", score("5"), Optional.empty(),
                    Optional.empty(), Optional.empty(), "op1"), "pain-xyz");
            refusedWritingNothing(dir, () -> rig.courses.recordOutcome("c", "pain-vas", score("50"), Optional.empty(),
                    Optional.empty(), Optional.empty(), "op1"), "course c does not record pain-vas; it records pain-nrs");
        }
    }

    @Test
    void aScoreDatedInTheFutureIsRefused(@TempDir Path dir) throws Exception {
        try (CourseRig rig = planned(dir)) {
            refusedWritingNothing(dir, () -> rig.courses.recordOutcome("c", "pain-nrs", Optional.empty(), score("5"),
                    Optional.empty(), Optional.of(MONDAY.plusDays(1)), "op1"), "--at 2026-12-08 is in the future");
            refusedWritingNothing(dir, () -> rig.courses.recordEvent("c", "headache", "mild", "", Optional.empty(),
                    Optional.of(MONDAY.plusDays(1)), "op1"), "in the future");
        }
    }

    @Test
    void aFollowUpWithoutASessionTakesNoBeforeScore(@TempDir Path dir) throws Exception {
        try (CourseRig rig = planned(dir)) {
            rig.moveTo(MONDAY.plusDays(30));
            refusedWritingNothing(dir, () -> rig.courses.recordOutcome("c", "pain-nrs", score("5"), score("4"),
                    Optional.empty(), Optional.of(MONDAY.plusDays(29)), "op1"), "a follow-up without a session has one score");
            rig.courses.recordOutcome("c", "pain-nrs", Optional.empty(), score("4"), Optional.empty(),
                    Optional.of(MONDAY.plusDays(29)), "op1");
            assertThat(rig.courses.course("c").outcomes()).singleElement()
                    .satisfies(o -> assertThat(o.phase()).isEqualTo("follow-up"));
        }
    }

    @Test
    void aFallFromTenToSevenIsExactlyThirtyPercentAndARespondersAtThirty(@TempDir Path dir) throws Exception {
        try (CourseRig rig = planned(dir)) {
            rig.courses.recordOutcome("c", "pain-nrs", score("10"), Optional.empty(), Optional.empty(),
                    Optional.empty(), "op1");
            rig.moveTo(MONDAY.plusDays(14));
            rig.courses.recordOutcome("c", "pain-nrs", Optional.empty(), score("7"), Optional.empty(),
                    Optional.of(MONDAY.plusDays(14)), "op1");
            Course course = rig.courses.course("c");
            OutcomeSummary summary = course.summary(course.primaryMeasure());
            assertThat(summary.baseline()).contains(10.0);
            assertThat(summary.latest()).contains(7.0);
            assertThat(summary.improvementPercent()).contains(30.0);
            assertThat(summary.responder30()).isTrue();
            assertThat(summary.responder50()).isFalse();
            assertThat(summary.mcidReached()).as("3 points, the NRS's MCID is 2").isTrue();

            rig.courses.recordOutcome("c", "pain-nrs", Optional.empty(), score("8"), Optional.empty(),
                    Optional.of(MONDAY.plusDays(14)), "op1");
            OutcomeSummary twenty = rig.courses.course("c").summary(course.primaryMeasure());
            assertThat(twenty.improvementPercent()).contains(20.0);
            assertThat(twenty.responder30()).isFalse();
        }
    }

    @Test
    void aFallOfHalfIsASubstantialResponse(@TempDir Path dir) throws Exception {
        try (CourseRig rig = planned(dir)) {
            rig.courses.recordOutcome("c", "pain-nrs", score("8"), score("4"), Optional.empty(), Optional.empty(),
                    "op1");
            Course course = rig.courses.course("c");
            OutcomeSummary half = course.summary(course.primaryMeasure());
            assertThat(half.improvementPercent()).contains(50.0);
            assertThat(half.responder50()).isTrue();
        }
    }

    @Test
    void aPlanForAnUnknownSubjectIsRefusedUnlessItIsNew(@TempDir Path dir) throws Exception {
        try (CourseRig rig = new CourseRig(dir, MONDAY)) {
            refusedWritingNothing(dir, () -> rig.plan(CourseRig.knownSubject(CourseRig.request("c", 10, "weekdays",
                    Optional.empty()))), "subject subject-1 has no record on this host");
            assertThat(rig.plan(CourseRig.request("c", 10, "weekdays", Optional.empty())).subjectId())
                    .isEqualTo("subject-1");
            assertThat(rig.store.subjectOnRecord("subject-1")).isTrue();
        }
    }

    @Test
    void plansOutsideTheRulesAreRefusedAndNothingIsWritten(@TempDir Path dir) throws Exception {
        try (CourseRig rig = new CourseRig(dir, MONDAY)) {
            refusedWritingNothing(dir, () -> rig.plan(CourseRig.request("c", 10, "weekdays",
                    Optional.of(MONDAY.minusDays(1)))), "--start 2026-12-06 is in the past (today is 2026-12-07)");
            refusedWritingNothing(dir, () -> rig.plan(CourseRig.request("c", 10, "weekdays",
                    Optional.of(MONDAY.plusDays(366)))), "is more than 365 days ahead");
            refusedWritingNothing(dir, () -> rig.plan(CourseRig.request("c", 5, MONDAY + "," + MONDAY.plusDays(2),
                    Optional.empty())), "--schedule lists 2 date(s) for 5 sessions");
            refusedWritingNothing(dir, () -> rig.plan(CourseRig.request("c", 2, MONDAY.minusDays(1) + "," + MONDAY,
                    Optional.empty())), "in the past");
            refusedWritingNothing(dir, () -> rig.plan(CourseRig.request("Bad Id!", 10, "weekdays", Optional.empty())),
                    "course id 'Bad Id!' must be");
            refusedWritingNothing(dir, () -> rig.plan(CourseRig.request("c", 0, "weekdays", Optional.empty())),
                    "--sessions must be 1 to 100, not 0");
            CoursePlanRequest ok = CourseRig.request("c", 10, "weekdays", Optional.empty());
            CoursePlanRequest badSite = new CoursePlanRequest(ok.name(), ok.subjectId(), ok.protocolName(),
                    ok.protocolText(), ok.sessions(), ok.schedule(), ok.start(), ok.maintenance(), ok.target(),
                    "the left big toe", ok.outcomes(), ok.thresholdsEvery(), ok.sessionsPerDay(), ok.newSubject(),
                    ok.user());
            refusedWritingNothing(dir, () -> rig.plan(badSite), "unknown target site 'the left big toe'");
            CoursePlanRequest badMeasure = new CoursePlanRequest(ok.name(), ok.subjectId(), ok.protocolName(),
                    ok.protocolText(), ok.sessions(), ok.schedule(), ok.start(), ok.maintenance(), ok.target(),
                    ok.targetSite(), List.of("pain-nrs", "pain-xyz"), ok.thresholdsEvery(), ok.sessionsPerDay(),
                    ok.newSubject(), ok.user());
            refusedWritingNothing(dir, () -> rig.plan(badMeasure), "pain-xyz");
            refusedWritingNothing(dir, () -> rig.plan(CourseRig.request("c", 10, "weekdays", Optional.empty(), 1,
                    Optional.of("4/0"))), "--maintenance must be N/EVERY");

            assertThat(rig.plan(ok).row().startDate()).isEqualTo(MONDAY);
            refusedWritingNothing(dir, () -> rig.plan(CourseRig.knownSubject(ok)), "course c already exists");
            assertThat(rig.plan(CourseRig.knownSubject(CourseRig.request("c2", 10, "weekdays",
                    Optional.of(MONDAY.plusDays(365))))).row().startDate()).as("365 days ahead is allowed")
                    .isEqualTo(MONDAY.plusDays(365));
        }
    }
}
