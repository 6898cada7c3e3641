package org.tmshost.session;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tmshost.console.ExitCode;
import org.tmshost.course.Course;
import org.tmshost.course.Courses;
import org.tmshost.course.OutcomeMeasures;
import org.tmshost.record.InterruptedSessions;
import org.tmshost.record.HostLock;
import org.tmshost.record.RecordStore;
import org.tmshost.record.SessionRow;
import org.tmshost.record.TmsHome;
import org.tmshost.testing.TmsHostCli;
import org.tmshost.timing.FireJournal;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Invariant 6: a host killed with {@code kill -9} mid-train loses no fired pulse. A child JVM runs a
 * session on {@code sim:simulator}; once its memory-mapped journal holds more than 12 pulses it is
 * destroyed forcibly (SIGKILL); the next start closes the session INTERRUPTED with exactly the
 * journal's pulses. While it ran, it held the host lock: a second process could not run a session
 * nor close the running one. The session is the first of a treatment course (issue 16): the course
 * holds it, cut short, with the journal's count, and the dose ledger counts the same.
 */
@Tag("unit")
class KillNineRecoveryTest {
    @Test
    void aKilledHostsSessionIsClosedInterruptedWithExactlyTheJournalsPulses(@TempDir Path home) throws Exception {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-D" + TmsHome.PROPERTY + "=" + home,
                KilledHostMain.class.getName(), "--course", "kill-9").redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            String line;
            long sessionId = -1;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("RUNNING ")) {
                    sessionId = Long.parseLong(line.substring("RUNNING ".length()).trim());
                    break;
                }
            }
            assertThat(sessionId).as("child started a session").isPositive();
            Path journalFile = new TmsHome(home).journalFor(sessionId);
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (countOf(journalFile) <= 12 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            // while the host runs, a second process can neither take the host nor close its session
            assertThat(HostLock.tryAcquire(new TmsHome(home))).as("the running host holds the lock").isEmpty();
            try (TmsHostCli cli = new TmsHostCli(home)) {
                assertThat(cli.run("", "sessions", "--json")).isZero();
                assertThat(cli.out()).contains("\"state\" : \"RUNNING\"").doesNotContain("INTERRUPTED");
                assertThat(cli.run("supervisor-pass\n", "users", "add", "sup", "--role", "supervisor")).isZero();
                assertThat(cli.run("supervisor-pass\noperator-pass\n", "users", "add", "op2", "--role", "operator",
                        "--as", "sup")).as(cli.err()).isZero();
                assertThat(cli.run("", "run", "rtms-1hz", "--device", "sim:simulator", "--profile", "simulator",
                        "--rmt", "50", "--mt-method", "emg", "--subject", "s2", "--operator", "op2", "--yes"))
                        .isEqualTo(ExitCode.DEVICE_FAULT);
                assertThat(cli.err()).contains("another tmshost process is running a session");
            }
            try (RecordStore store = RecordStore.open(new TmsHome(home).database())) {
                assertThat(store.unfinishedSessions()).extracting(SessionRow::id).containsExactly(sessionId);
                assertThat(courses(store).course("kill-9").sessions()).as("counted before it fired")
                        .extracting(SessionRow::id).containsExactly(sessionId);
            }

            child.destroyForcibly(); // SIGKILL: no shutdown hooks, no finally blocks
            assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();

            assertThat(HostLock.tryAcquire(new TmsHome(home))).as("the kill released the lock").isPresent()
                    .get().satisfies(lock -> lock.close());
            int journalCount = FireJournal.open(journalFile).count();
            assertThat(journalCount).isGreaterThan(12).isLessThan(600);
            try (RecordStore store = RecordStore.open(new TmsHome(home).database())) {
                assertThat(store.unfinishedSessions()).extracting(SessionRow::id).containsExactly(sessionId);
                List<InterruptedSessions.Recovered> recovered = InterruptedSessions.closeAll(store, Instant.now());
                assertThat(recovered).singleElement().satisfies(r -> {
                    assertThat(r.deliveredPulses()).isEqualTo(journalCount);
                    assertThat(r.reason()).contains("killed");
                });
                SessionRow row = store.session(sessionId).orElseThrow();
                assertThat(row.state()).isEqualTo("INTERRUPTED");
                assertThat(row.deliveredPulses()).isEqualTo(journalCount);
                assertThat(store.pulses(sessionId)).hasSize(journalCount);
                assertThat(store.pulses(sessionId).get(journalCount - 1).index()).isEqualTo(journalCount - 1);
                assertThat(store.unfinishedSessions()).isEmpty();

                Courses courses = courses(store);
                Course course = courses.course("kill-9");
                long interrupted = sessionId;
                assertThat(course.held()).as("the course holds the interrupted session, cut short").singleElement()
                        .satisfies(h -> {
                            assertThat(h.session().id()).isEqualTo(interrupted);
                            assertThat(h.session().state()).isEqualTo("INTERRUPTED");
                            assertThat(h.deliveredPulses()).isEqualTo(journalCount);
                            assertThat(h.done()).isFalse();
                        });
                assertThat(course.standing(courses.today()).done()).isZero();
                assertThat(store.doseTotals("subject-k", Instant.now(), ZoneId.systemDefault()).pulsesToday())
                        .as("the dose ledger").isEqualTo(journalCount);
                assertThat(store.verifyCourse(course.row().id()).fails()).isFalse();
                System.out.println("[kill -9] journal " + journalCount + " pulses, record " + row.deliveredPulses());
            }
        } finally {
            child.destroyForcibly();
        }
    }

    private static Courses courses(RecordStore store) {
        return new Courses(store, OutcomeMeasures.bundled(), InstantSource.system(), ZoneId.systemDefault());
    }

    private static int countOf(Path journal) {
        try {
            return Files.exists(journal) ? FireJournal.open(journal).count() : 0;
        } catch (java.io.IOException e) {
            return 0;
        }
    }
}
