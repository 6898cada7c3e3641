package org.tmshost.course;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tmshost.protocol.MotorThresholds;
import org.tmshost.protocol.ThresholdMethod;
import org.tmshost.session.ArmingReport;
import org.tmshost.session.Confirmations;
import org.tmshost.session.MeasuredThresholds;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A course's threshold cadence (issue 16, "threshold re-measured per session or per week"): a weekly
 * course doses a session by the subject's stored threshold for 7 days counting the day it was
 * measured, then arming refuses it; a per-session course needs the threshold measured today.
 */
@Tag("unit")
class ThresholdCadenceTest {
    private static final LocalDate MONDAY = LocalDate.of(2026, 12, 7);

    private static CoursePlanRequest plan(String name, String every) {
        CoursePlanRequest r = CourseRig.request(name, 10, "daily", Optional.of(MONDAY));
        return new CoursePlanRequest(r.name(), r.subjectId(), r.protocolName(), r.protocolText(), r.sessions(),
                r.schedule(), r.start(), r.maintenance(), r.target(), r.targetSite(), r.outcomes(), every,
                r.sessionsPerDay(), true, r.user());
    }

    @Test
    void aWeeklyCourseDosesBySeveralDaysOldThresholdUntilItsWeekIsOver(@TempDir Path dir) throws Exception {
        try (CourseRig rig = new CourseRig(dir, MONDAY)) {
            rig.plan(plan("weekly", "week"));
            CourseRig.RigSession first = rig.prepareGiven("weekly", MotorThresholds.of(52.0, null, ThresholdMethod.EMG));
            CourseRig.armAndStart(first);
            CourseRig.stepToEnd(first);

            rig.moveTo(MONDAY.plusDays(6)); // Sunday: the 7th day counting Monday
            CourseRig.RigSession sunday = rig.prepareGiven("weekly", MotorThresholds.NONE);
            MeasuredThresholds used = sunday.session().request().thresholds();
            assertThat(used.thresholds().rmtPercentMso()).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("52"));
            assertThat(used.thresholds().method()).isEqualTo(ThresholdMethod.EMG);
            assertThat(used.measuredAt().truncatedTo(ChronoUnit.DAYS))
                    .isEqualTo(CourseRig.nineOClock(MONDAY).truncatedTo(ChronoUnit.DAYS));
            assertThat(sunday.session().arm(Confirmations.BOTH, CourseRig.OPERATOR).canArm()).isTrue();
            CourseRig.stepToEnd(startArmed(sunday));

            rig.moveTo(MONDAY.plusDays(7)); // the next Monday: 8 days counting the first
            CourseRig.RigSession late = rig.prepareGiven("weekly", MotorThresholds.NONE);
            ArmingReport refused = late.session().arm(Confirmations.BOTH, CourseRig.OPERATOR);
            assertThat(refused.canArm()).isFalse();
            assertThat(String.join("\n", refused.lines())).contains("measured on " + MONDAY)
                    .contains("more than 7 days ago").contains("measure again");
        }
    }

    @Test
    void aPerSessionCourseNeedsTheThresholdMeasuredToday(@TempDir Path dir) throws Exception {
        try (CourseRig rig = new CourseRig(dir, MONDAY)) {
            rig.plan(plan("each", "session"));
            CourseRig.RigSession first = rig.prepareGiven("each", MotorThresholds.of(52.0, null, ThresholdMethod.EMG));
            CourseRig.armAndStart(first);
            CourseRig.stepToEnd(first);

            rig.moveTo(MONDAY.plusDays(1));
            CourseRig.RigSession tuesday = rig.prepareGiven("each", MotorThresholds.NONE);
            assertThat(tuesday.session().request().thresholds().validForDays()).isEqualTo(1);
            ArmingReport refused = tuesday.session().arm(Confirmations.BOTH, CourseRig.OPERATOR);
            assertThat(refused.canArm()).isFalse();
            assertThat(String.join("\n", refused.lines())).contains("no RMT was measured in this session");
        }
    }

    @Test
    void aThresholdASimulatedHuntFoundNeverDosesAWeeklyCourse(@TempDir Path dir) throws Exception {
        try (CourseRig rig = new CourseRig(dir, MONDAY)) {
            rig.plan(plan("weekly", "week"));
            rig.store.recordThreshold(CourseRig.SUBJECT, "RMT", 47.0, "EMG; hunt ML-PEST; criterion 50 uV; 30 pulses; "
                    + "virtual subject; SIMULATION", rig.wall.instant(), "simulator", null);
            CourseRig.RigSession s = rig.prepareGiven("weekly", MotorThresholds.NONE);
            assertThat(s.session().request().thresholds().thresholds().rmtPercentMso()).isEmpty();
            assertThat(s.session().arm(Confirmations.BOTH, CourseRig.OPERATOR).canArm()).isFalse();
        }
    }

    @Test
    void aStoredMethodReadsAsItsEvidence() {
        assertThat(List.of(Courses.evidence("EMG"), Courses.evidence("VISUAL"),
                Courses.evidence("EMG; hunt ML-PEST; criterion 50 uV"), Courses.evidence("UNSTATED"),
                Courses.evidence("visual; hunt 5/10")))
                .containsExactly(ThresholdMethod.EMG, ThresholdMethod.VISUAL, ThresholdMethod.EMG,
                        ThresholdMethod.UNSTATED, ThresholdMethod.VISUAL);
    }

    private static CourseRig.RigSession startArmed(CourseRig.RigSession s) throws Exception {
        s.session().start(CourseRig.OPERATOR);
        return s;
    }
}
