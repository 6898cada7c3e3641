package org.tmshost.course;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tmshost.protocol.ProtocolLibrary;
import org.tmshost.record.OverrideRow;
import org.tmshost.safety.Finding;
import org.tmshost.safety.Severity;
import org.tmshost.session.ArmingReport;
import org.tmshost.session.AuthenticatedUser;
import org.tmshost.session.Confirmations;
import org.tmshost.session.OverrideRefused;
import org.tmshost.session.Role;
import org.tmshost.session.SessionState;
import org.tmshost.session.SiteUsers;
import org.tmshost.session.UserAudit;
import org.tmshost.yaml.ContentDigest;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A course refuses a session that breaks its plan (issue 16): its findings join the session's
 * verdict, a NEEDS_OVERRIDE one is approved by a supervisor and recorded with the session, a BLOCKED
 * one (a seizure suspended the course) holds until a supervisor resumes the course.
 */
@Tag("unit")
class CourseAdmissionTest {
    static final LocalDate MONDAY = LocalDate.of(2026, 12, 7);
    static final LocalDate SATURDAY = MONDAY.plusDays(5);

    private static CourseAdmission admit(CourseRig rig, String course) throws CourseInputRefused {
        return rig.courses.admit(course, CourseRig.SUBJECT, CourseRig.PAIN, CourseRig.shortPain());
    }

    private static SiteUsers users(Path dir, CourseRig rig) throws Exception {
        SiteUsers users = SiteUsers.load(dir.resolve("users.yaml"), 1_000, UserAudit.into(rig.store));
        users.changes().add("sup", Role.SUPERVISOR, "correct horse".toCharArray(), Optional.empty());
        AuthenticatedUser sup = users.authenticate("sup", "correct horse".toCharArray()).orElseThrow();
        users.changes().add("op2", Role.OPERATOR, "battery staple".toCharArray(), Optional.of(sup));
        return SiteUsers.load(dir.resolve("users.yaml"), 1_000, UserAudit.into(rig.store));
    }

    @Test
    void aSessionOnAScheduledDayOnTheCoursesProtocolIsAdmittedWithoutFindings(@TempDir Path dir) throws Exception {
        try (CourseRig rig = new CourseRig(dir, MONDAY)) {
            rig.plan(CourseRig.request("c", 10, "weekdays", Optional.empty()));
            assertThat(admit(rig, "c").findings()).isEmpty();
        }
    }

    @Test
    void aSecondSessionTheSameDayNeedsAnOverrideUnlessThePlanAllowsTwoADay(@TempDir Path dir) throws Exception {
        try (CourseRig rig = new CourseRig(dir, MONDAY)) {
            rig.plan(CourseRig.request("once", 10, "weekdays", Optional.empty()));
            assertThat(rig.runSession("once").state()).isEqualTo(SessionState.COMPLETED);
            assertThat(admit(rig, "once").findings()).singleElement().satisfies(f -> {
                assertThat(f.ruleId()).isEqualTo(CourseAdmission.SAME_DAY);
                assertThat(f.severity()).isEqualTo(Severity.NEEDS_OVERRIDE);
                assertThat(f.message()).contains("1 session(s)", "allows 1 a day");
            });

            rig.plan(CourseRig.knownSubject(CourseRig.request("twice", 10, "weekdays", Optional.empty(), 2,
                    Optional.empty())));
            rig.later(2);
            assertThat(rig.runSession("twice").state()).isEqualTo(SessionState.COMPLETED);
            assertThat(admit(rig, "twice").findings()).as("one of two today").isEmpty();
        }
    }

    @Test
    void aWeekendDayOnAWeekdaysCourseIsOffSchedule(@TempDir Path dir) throws Exception {
        try (CourseRig rig = new CourseRig(dir, MONDAY)) {
            rig.plan(CourseRig.request("c", 10, "weekdays", Optional.empty()));
            rig.moveTo(SATURDAY);
            assertThat(admit(rig, "c").findings()).extracting(Finding::ruleId, Finding::severity)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(CourseAdmission.OFF_SCHEDULE,
                            Severity.NEEDS_OVERRIDE));
            rig.moveTo(SATURDAY.plusDays(2));
            assertThat(admit(rig, "c").findings()).as("the Monday after").isEmpty();
        }
    }

    @Test
    void anotherProtocolNeedsAnOverrideNamingBothHashes(@TempDir Path dir) throws Exception {
        try (CourseRig rig = new CourseRig(dir, MONDAY)) {
            rig.plan(CourseRig.request("c", 10, "weekdays", Optional.empty()));
            String other = ProtocolLibrary.builtIn("rtms-1hz").orElseThrow().text();
            CourseAdmission admission = rig.courses.admit("c", CourseRig.SUBJECT, "rtms-1hz", other);
            assertThat(admission.findings()).singleElement().satisfies(f -> {
                assertThat(f.ruleId()).isEqualTo(CourseAdmission.PROTOCOL);
                assertThat(f.severity()).isEqualTo(Severity.NEEDS_OVERRIDE);
                assertThat(f.message()).contains(ContentDigest.sha256(other), ContentDigest.sha256(CourseRig.shortPain()));
            });
        }
    }

    @Test
    void theCoursesProtocolChangedSinceItWasPlannedIsRefusedWithBothHashes(@TempDir Path dir) throws Exception {
        try (CourseRig rig = new CourseRig(dir, MONDAY)) {
            rig.plan(CourseRig.request("c", 10, "weekdays", Optional.empty()));
            String changed = CourseRig.shortPain().replace("trains: 2", "trains: 3");
            assertThatThrownBy(() -> rig.courses.admit("c", CourseRig.SUBJECT, CourseRig.PAIN, changed))
                    .isInstanceOf(CourseInputRefused.class)
                    .hasMessageContaining(ContentDigest.sha256(changed))
                    .hasMessageContaining(ContentDigest.sha256(CourseRig.shortPain()));
        }
    }

    @Test
    void anotherSubjectsSessionIsRefused(@TempDir Path dir) throws Exception {
        try (CourseRig rig = new CourseRig(dir, MONDAY)) {
            rig.plan(CourseRig.request("c", 10, "weekdays", Optional.empty()));
            assertThatThrownBy(() -> rig.courses.admit("c", "subject-2", CourseRig.PAIN, CourseRig.shortPain()))
                    .isInstanceOf(CourseInputRefused.class).hasMessageContaining("subject-1's, not subject-2's");
        }
    }

    @Test
    void aSessionAfterEveryPlannedSessionIsDoneNeedsAnOverride(@TempDir Path dir) throws Exception {
        try (CourseRig rig = new CourseRig(dir, MONDAY)) {
            rig.plan(CourseRig.request("c", 1, "daily", Optional.empty()));
            assertThat(rig.runSession("c").state()).isEqualTo(SessionState.COMPLETED);
            rig.moveTo(MONDAY.plusDays(1));
            assertThat(admit(rig, "c").findings()).extracting(Finding::ruleId).containsExactly(CourseAdmission.COMPLETE);
        }
    }

    @Test
    void aSeizureSuspendsTheCourseUntilASupervisorNotAnOperatorResumesIt(@TempDir Path dir) throws Exception {
        try (CourseRig rig = new CourseRig(dir, MONDAY)) {
            SiteUsers users = users(dir, rig);
            rig.plan(CourseRig.request("c", 10, "weekdays", Optional.empty()));
            assertThat(rig.runSession("c").state()).isEqualTo(SessionState.COMPLETED);
            rig.courses.recordEvent("c", "seizure", "moderate", "", Optional.of(1), Optional.empty(), "op1");
            rig.moveTo(MONDAY.plusDays(1));
            assertThat(rig.courses.course("c").state()).isEqualTo(Course.SUSPENDED);
            assertThat(admit(rig, "c").findings()).singleElement().satisfies(f -> {
                assertThat(f.ruleId()).isEqualTo(CourseAdmission.SUSPENDED);
                assertThat(f.severity()).isEqualTo(Severity.BLOCKED);
            });
            // a suspended course's session cannot be approved nor armed
            CourseRig.RigSession blocked = rig.prepare("c");
            AuthenticatedUser sup = users.authenticate("sup", "correct horse".toCharArray()).orElseThrow();
            assertThatThrownBy(() -> blocked.session().approveOverrides(sup, "go on")).isInstanceOf(OverrideRefused.class);
            ArmingReport report = blocked.session().arm(Confirmations.BOTH, CourseRig.OPERATOR);
            assertThat(report.canArm()).isFalse();
            assertThat(report.lines()).anySatisfy(l -> assertThat(l).contains("BLOCKED by course.suspended"));
            blocked.session().cancel("suspended course", CourseRig.OPERATOR);

            AuthenticatedUser op2 = users.authenticate("op2", "battery staple".toCharArray()).orElseThrow();
            assertThatThrownBy(() -> rig.courses.resume("c", op2, "seen by the neurologist"))
                    .isInstanceOf(CourseInputRefused.class).hasMessageContaining("not a supervisor");
            assertThat(rig.courses.course("c").state()).isEqualTo(Course.SUSPENDED);
            assertThatThrownBy(() -> rig.courses.resume("c", sup, " ")).isInstanceOf(CourseInputRefused.class);

            rig.courses.resume("c", sup, "seen by the neurologist, cleared to continue");
            Course resumed = rig.courses.course("c");
            assertThat(resumed.state()).isEqualTo(Course.ACTIVE);
            assertThat(resumed.changes()).last().satisfies(c -> {
                assertThat(c.userId()).isEqualTo("sup");
                assertThat(c.detail()).contains("cleared to continue");
            });
            assertThat(admit(rig, "c").findings()).isEmpty();
        }
    }

    @Test
    void aClosedCourseBlocksItsSessionsAndHasNoNextDueDay(@TempDir Path dir) throws Exception {
        try (CourseRig rig = new CourseRig(dir, MONDAY)) {
            rig.plan(CourseRig.request("c", 10, "weekdays", Optional.empty()));
            assertThatThrownBy(() -> rig.courses.close("c", "sup", " ")).isInstanceOf(CourseInputRefused.class);
            rig.courses.close("c", "sup", "the patient moved away");
            Course closed = rig.courses.course("c");
            assertThat(closed.state()).isEqualTo(Course.CLOSED);
            assertThat(closed.standing(MONDAY).nextDue()).isEmpty();
            assertThat(admit(rig, "c").findings()).extracting(Finding::ruleId, Finding::severity)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(CourseAdmission.CLOSED, Severity.BLOCKED));
            assertThatThrownBy(() -> rig.courses.close("c", "sup", "again")).isInstanceOf(CourseInputRefused.class)
                    .hasMessageContaining("already closed");
        }
    }

    @Test
    void aCourseFindingNeedingAnOverrideKeepsTheSessionFromArmingUntilASupervisorApprovesIt(@TempDir Path dir)
            throws Exception {
        try (CourseRig rig = new CourseRig(dir, MONDAY)) {
            SiteUsers users = users(dir, rig);
            rig.plan(CourseRig.request("c", 10, "weekdays", Optional.empty()));
            rig.moveTo(SATURDAY);
            CourseRig.RigSession s = rig.prepare("c");
            assertThat(s.session().verdict().needingOverride()).extracting(Finding::ruleId)
                    .containsExactly(CourseAdmission.OFF_SCHEDULE);
            ArmingReport refused = s.session().armingChecks(Confirmations.BOTH);
            assertThat(refused.canArm()).isFalse();
            assertThat(refused.lines()).anySatisfy(l -> assertThat(l).contains("NEEDS_OVERRIDE course.off-schedule"));

            AuthenticatedUser op2 = users.authenticate("op2", "battery staple".toCharArray()).orElseThrow();
            assertThatThrownBy(() -> s.session().approveOverrides(op2, "patient travels")).isInstanceOf(OverrideRefused.class);
            AuthenticatedUser sup = users.authenticate("sup", "correct horse".toCharArray()).orElseThrow();
            assertThat(s.session().approveOverrides(sup, "patient travels on Monday")).isEqualTo(1);
            assertThat(rig.store.overrides(s.session().id())).extracting(OverrideRow::ruleId, OverrideRow::approvedBy)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(CourseAdmission.OFF_SCHEDULE, "sup"));

            CourseRig.armAndStart(s);
            assertThat(CourseRig.stepToEnd(s).state()).isEqualTo(SessionState.COMPLETED);
            assertThat(rig.courses.course("c").held()).singleElement().satisfies(h -> {
                assertThat(h.day()).isEqualTo(SATURDAY);
                assertThat(h.done()).isTrue();
            });
        }
    }
}
