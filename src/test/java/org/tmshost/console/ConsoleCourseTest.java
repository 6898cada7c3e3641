package org.tmshost.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tmshost.course.CoursePlanRequest;
import org.tmshost.record.AdverseEventRow;
import org.tmshost.record.CourseOutcomeRow;
import org.tmshost.record.CourseRow;
import org.tmshost.record.RecordStore;
import org.tmshost.record.SessionRow;
import org.tmshost.record.TmsHome;
import org.tmshost.testing.TmsHostCli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's {@code course} (issue 16) in scripted mode against the in-process simulator: a
 * selected course sets the subject and protocol, its sessions count toward it, its plan's findings
 * join the verdict (a second session the same day needs a supervisor; a seizure suspends it and
 * arming is refused with the command that resumes it), and scores are checked before anything is
 * written. The course is planned on the wall clock's today, as the sessions are recorded.
 */
@Tag("unit")
class ConsoleCourseTest {
    private static final Pattern TYPE = Pattern.compile("type: (.+?)(?:  \\(|$)", Pattern.MULTILINE);
    /** 1 Hz, 60 pulses: another protocol than the course's. */
    private static final String OTHER = """
            name: one hertz
            kind: rtms
            frequencyHz: 1
            pulsesPerTrain: 60
            trains: 1
            interTrainIntervalSeconds: 1
            intensity: 80% RMT
            """;
    private static final String SESSION = """
            threshold rmt 50 --evidence emg
            confirm --all
            arm
            start
            wait
            """;

    @TempDir
    Path home;
    private TmsHostCli cli;
    private Path profile;
    private Path protocol;

    @BeforeEach
    void planACourse() throws Exception {
        cli = new TmsHostCli(home);
        cli.addSiteUsers();
        profile = cli.relaxedSimulatorProfile();
        protocol = Files.writeString(home.resolve("five.yaml"), TmsHostCli.FIVE_PULSES_AT_5_HZ);
        StringWriter out = new StringWriter();
        try (SessionHost host = SessionHost.open(new TmsHome(home), new PrintWriter(out), new PrintWriter(out))
                .orElseThrow()) {
            host.courses().plan(new CoursePlanRequest("c1", "s1", protocol.toString(),
                    TmsHostCli.FIVE_PULSES_AT_5_HZ, 3, "daily", Optional.empty(), Optional.empty(), "",
                    "M1 contralateral to pain", List.of("pain-nrs"), "session", 1, true, "sup"));
        }
    }

    @AfterEach
    void restore() {
        cli.close();
    }

    private int script(String stdin, String body) throws Exception {
        Path script = Files.writeString(home.resolve("course.tms"), body.replace("OTHER",
                Files.writeString(home.resolve("other.yaml"), OTHER).toString()));
        return cli.run(stdin, "console", "--script", script.toString(), "--device", "sim:simulator", "--profile",
                profile.toString(), "--operator", "op1");
    }

    private String shown() {
        return cli.out() + "\n" + cli.err();
    }

    private static <T> T inStore(Path home, java.util.function.Function<RecordStore, T> read) {
        try (RecordStore store = RecordStore.open(new TmsHome(home).database())) {
            return read.apply(store);
        }
    }

    private CourseRow course() {
        return inStore(home, s -> s.course("c1").orElseThrow());
    }

    private List<SessionRow> courseSessions() {
        return inStore(home, s -> s.courseSessions(s.course("c1").orElseThrow().id()));
    }

    private long lastSessionId() throws Exception {
        assertThat(cli.run("", "sessions", "--json", "--attempts")).isZero();
        JsonNode list = new ObjectMapper().readTree(cli.out());
        return list.get(list.size() - 1).get("id").asLong();
    }

    @Test
    void aSelectedCourseSetsSubjectAndProtocolAndItsSessionCountsTowardIt() throws Exception {
        int code = script("", "course c1\n" + SESSION + "course\nstatus\n");
        assertThat(code).as(shown()).isZero();
        assertThat(cli.out()).contains("subject s1 (thresholds and confirmations cleared)")
                .contains("course c1's protocol as planned").contains("sessions 0/3 done, 0 missed, next due")
                .contains("today: a session keeps to the plan").contains("thresholds: measure RMT today")
                .contains("counts toward course c1").contains("COMPLETED")
                .contains("sessions 1/3 done, 0 missed").contains("course    c1 (sessions count toward it");
        long session = lastSessionId();
        assertThat(courseSessions()).extracting(SessionRow::id).containsExactly(session);
        assertThat(courseSessions().get(0).deliveredPulses()).isEqualTo(5);
        assertThat(courseSessions().get(0).subjectId()).isEqualTo("s1");
    }

    @Test
    void aSecondSessionTheSameDayNeedsASupervisorsApprovalAndThenCounts() throws Exception {
        assertThat(script("", "course c1\n" + SESSION)).as(shown()).isZero();

        assertThat(script("", "course c1\n" + SESSION)).as(shown()).isEqualTo(ExitCode.SAFETY_REFUSED);
        assertThat(cli.out()).contains("today: NEEDS_OVERRIDE course.same-day");
        // the course's finding, with the approve remedy under it (not only the policy's intersession finding's)
        assertThat(cli.err()).containsPattern("NEEDS_OVERRIDE course\\.same-day not approved by a supervisor: 1 "
                + "session\\(s\\) of course c1 already held today[^\\n]*\\n[^\\n]*what to do[^\\n]*\\n\\s*type: "
                + "approve SUPERVISOR --reason TEXT");
        assertThat(courseSessions()).hasSize(2).filteredOn(s -> s.deliveredPulses() > 0).hasSize(1);

        String approved = SESSION.replace("arm\n", "approve sup --reason \"pain flare, second session agreed\"\narm\n");
        assertThat(script("supervisor-pass\n", "course c1\n" + approved + "course\n")).as(shown()).isZero();
        assertThat(cli.out()).contains("approved by sup").contains("COMPLETED").contains("sessions 2/3 done");
        assertThat(courseSessions()).filteredOn(s -> s.deliveredPulses() > 0).hasSize(2);
    }

    @Test
    void aSeizureSuspendsTheCourseArmingIsRefusedWithTheRemedyAndTheRemedyResumesIt() throws Exception {
        int code = script("", """
                course c1
                threshold rmt 50 --evidence emg
                confirm --all
                check
                course event --kind seizure --severity severe --note "focal, 20 s, resolved"
                arm
                """);
        assertThat(code).as(shown()).isEqualTo(ExitCode.SAFETY_REFUSED);
        assertThat(cli.out()).contains("course c1 SUSPENDED").contains("cancelled before arming");
        assertThat(cli.err()).contains("BLOCKED by course.suspended")
                .contains("tmshost course resume c1 --as SUPERVISOR --reason TEXT");
        Matcher typed = TYPE.matcher(cli.err());
        assertThat(typed.find()).as(cli.err()).isTrue();
        String remedy = typed.group(1).strip();
        assertThat(remedy).isEqualTo("course resume --as SUPERVISOR --reason TEXT");
        assertThat(courseSessions()).allMatch(s -> s.deliveredPulses() == 0);

        // a wrong password resumes nothing
        assertThat(script("wrong\n", "course c1\ncourse resume --as sup --reason reviewed\n"))
                .isEqualTo(ExitCode.BAD_INPUT);
        assertThat(script("", "course c1\n" + SESSION)).isEqualTo(ExitCode.SAFETY_REFUSED);

        String resume = ConsoleTeachingTest.filled(remedy).replace("--reason pilot",
                "--reason \"reviewed by the neurologist\"");
        assertThat(script("supervisor-pass\n", "course c1\n" + resume + "\n" + SESSION)).as(shown()).isZero();
        assertThat(cli.out()).contains("course c1 resumed by sup").contains("COMPLETED");
    }

    @Test
    void anOutOfRangeScoreIsRefusedAndNothingIsWritten() throws Exception {
        int code = script("", "course c1\ncourse outcome --measure pain-nrs --before 7 --after 11\n");
        assertThat(code).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(cli.err()).contains("pain-nrs is scored from 0 to 10 points, not 11").contains("nothing recorded");
        assertThat(script("", "course c1\ncourse outcome --measure pain-nrs --before seven\n"))
                .isEqualTo(ExitCode.BAD_INPUT);
        assertThat(cli.err()).contains("--before 'seven' is not a number");
        assertThat(script("", "course c1\ncourse outcome --measure pain-xyz --before 7\n")).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(script("", "course c1\ncourse event --kind nausea --severity mild\n")).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(cli.err()).contains("--kind must be one of");
        long courseId = course().id();
        List<CourseOutcomeRow> none = inStore(home, s -> s.courseOutcomes(courseId));
        List<AdverseEventRow> noEvents = inStore(home, s -> s.adverseEvents(courseId));
        assertThat(none).isEmpty();
        assertThat(noEvents).isEmpty();

        assertThat(script("", "course c1\ncourse outcome --measure pain-nrs --before 7 --after 5\ncourse\n"))
                .as(shown()).isZero();
        assertThat(cli.out()).contains("recorded for course c1 by op1: pain-nrs before 7 after 5")
                .contains("pain-nrs: baseline 7, latest 5 points");
        List<CourseOutcomeRow> scores = inStore(home, s -> s.courseOutcomes(courseId));
        assertThat(scores).extracting(CourseOutcomeRow::enteredBy).containsExactly("op1", "op1");
    }

    @Test
    void anotherProtocolKeepsTheCourseAndNeedsApprovalAnotherSubjectLeavesIt() throws Exception {
        int code = script("", "course c1\nload OTHER\nthreshold rmt 50 --evidence emg\ncheck\n");
        assertThat(code).as(shown()).isEqualTo(ExitCode.SAFETY_REFUSED);
        assertThat(cli.out()).contains("course c1 stays selected").contains("counts toward course c1")
                .contains("course.protocol");

        assertThat(script("", "course c1\nsubject s2\nthreshold rmt 50 --evidence emg\ncheck\n")).as(shown()).isZero();
        assertThat(cli.out()).contains("course c1 left: it is subject s1's").doesNotContain("counts toward course");

        assertThat(script("", "course c1\ncourse none\nthreshold rmt 50 --evidence emg\ncheck\n")).isZero();
        assertThat(cli.out()).contains("course c1 left").doesNotContain("counts toward course");
    }

    @Test
    void courseAloneListsTheSubjectsActiveCoursesOrSaysWhatToType() throws Exception {
        assertThat(script("", "course\n")).isZero();
        assertThat(cli.out()).contains("no course selected: course ID selects one").contains("active courses: c1");
        assertThat(script("", "subject s1\ncourse\n")).isZero();
        assertThat(cli.out()).contains("subject s1: 1 active course(s)").contains("c1").contains("0/3 done");
        assertThat(script("", "course c9\n")).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(cli.err()).contains("no course 'c9' on this host; the courses are: c1");
    }
}
