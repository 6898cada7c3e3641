package org.tmshost.console;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tmshost.course.CoursePlanRequest;
import org.tmshost.record.SessionRow;
import org.tmshost.record.TmsHome;
import org.tmshost.safety.SafetyEnvelope;
import org.tmshost.testing.TmsHostCli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's course mode when the course changes outside the console between {@code check} and
 * {@code arm} (another host, or {@code tmshost course event}): the prepared session was judged before,
 * so it is cancelled and prepared anew with what the course says now.
 */
@Tag("unit")
class ConsoleCourseDeskTest {
    @TempDir
    Path home;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private TmsHostCli cli;
    private SessionHost host;
    private ConsoleDesk desk;

    private final class Io implements ConsoleIo {
        final PrintWriter o = new PrintWriter(out, true);
        final PrintWriter e = new PrintWriter(err, true);

        @Override
        public PrintWriter out() {
            return o;
        }

        @Override
        public PrintWriter err() {
            return e;
        }

        @Override
        public boolean interactive() {
            return false;
        }

        @Override
        public String ask(String prompt) {
            return null;
        }

        @Override
        public char[] askSecret(String prompt) {
            return new char[0];
        }

        @Override
        public void follow(StatusProbe probe, String operator) {
        }

        @Override
        public String waitUnlessStopped(long nanos, BooleanSupplier stopRequested) {
            return "stop";
        }
    }

    @BeforeEach
    void open() throws Exception {
        cli = new TmsHostCli(home);
        Path profile = cli.relaxedSimulatorProfile();
        Path protocol = Files.writeString(home.resolve("five.yaml"), TmsHostCli.FIVE_PULSES_AT_5_HZ);
        host = SessionHost.open(new TmsHome(home), new PrintWriter(out, true), new PrintWriter(err, true)).orElseThrow();
        host.courses().plan(new CoursePlanRequest("c1", "s1", protocol.toString(), TmsHostCli.FIVE_PULSES_AT_5_HZ, 3,
                "daily", Optional.empty(), Optional.empty(), "", "M1 contralateral to pain", List.of("pain-nrs"),
                "session", 1, true, "sup"));
        desk = new ConsoleDesk(host, SafetyEnvelope.bundled(), new Io());
        for (String line : List.of("device sim:simulator", "profile " + profile, "operator op1", "course c1",
                "threshold rmt 50 --evidence emg", "confirm --all")) {
            assertThat(run(line.split(" "))).as(line + "\n" + out + err).isZero();
        }
    }

    @AfterEach
    void close() throws Exception {
        desk.close();
        host.close();
        cli.close();
    }

    private int run(String... words) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        return desk.execute(List.of(words));
    }

    @Test
    void aSeizureRecordedElsewhereAfterCheckCancelsThePreparedSessionAndArmingIsRefused() throws Exception {
        assertThat(run("check")).as(out + "\n" + err).isZero();
        long checked = desk.session().orElseThrow().id();

        host.courses().recordEvent("c1", "seizure", "severe", "at the front desk", Optional.empty(), Optional.empty(),
                "op2");

        assertThat(run("arm")).as(out + "\n" + err).isEqualTo(ExitCode.SAFETY_REFUSED);
        assertThat(out.toString()).contains("session " + checked + " cancelled before arming (course c1 changed: "
                + "course.suspended)");
        assertThat(err.toString()).contains("BLOCKED by course.suspended").contains("type: course resume --as SUPERVISOR");
        SessionRow cancelled = host.store().session(checked).orElseThrow();
        assertThat(cancelled.state()).isEqualTo("ABORTED");
        assertThat(desk.session().orElseThrow().id()).isNotEqualTo(checked);
        assertThat(desk.session().orElseThrow().state()).isEqualTo(org.tmshost.session.SessionState.PREPARED);
    }

    @Test
    void aPreparedSessionTheCourseStillAdmitsIsKept() {
        assertThat(run("check")).isZero();
        long checked = desk.session().orElseThrow().id();
        assertThat(run("check")).isZero();
        assertThat(desk.session().orElseThrow().id()).isEqualTo(checked);
        assertThat(out.toString()).doesNotContain("cancelled");
        assertThat(desk.promptContext()).startsWith("course c1 ").endsWith("PREPARED");
        assertThat(run("course", "none")).isZero();
        assertThat(desk.promptContext()).doesNotContain("course");
    }
}
