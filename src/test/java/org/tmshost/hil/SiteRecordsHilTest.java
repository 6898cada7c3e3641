package org.tmshost.hil;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tmshost.profile.HardwareProfile;
import org.tmshost.record.HostName;
import org.tmshost.record.RecordsLocation;
import org.tmshost.record.TmsHome;
import org.tmshost.simulator.standalone.StandaloneSimulator;
import org.tmshost.testing.PostgresServer;
import org.tmshost.testing.SocatPtyPair;
import org.tmshost.testing.TmsHostCli;
import org.tmshost.timing.FireJournal;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 18: two hosts of one clinic, each its own home, share one PostgreSQL site database. Host A
 * ({@code tmshost run} in its own process) treats subject S01 on a Magstim Rapid² emulated on a
 * socat pty; meanwhile host B (this JVM) cannot arm S01 too, the site's server is stopped and
 * started again mid-session, and A's session goes on. Afterwards the site's record of A's session
 * equals the device's own log pulse by pulse (none lost, none twice), names A's host and device,
 * and B's {@code check} for S01 finds the intersession interval A's session started.
 */
@Tag("hil")
class SiteRecordsHilTest {
    private static final String TRAINS = """
            name: three 10 Hz trains
            kind: rtms
            frequencyHz: 10
            pulsesPerTrain: 20
            trains: 3
            interTrainIntervalSeconds: 3
            intensity: 80% RMT
            """;
    private static final String PROFILE = "magstim-rapid2";

    @Test
    void aSessionOnHostAGoesOnThroughAServerRestartAndHostBSeesItAndCannotArmTheSameSubject(@TempDir Path dir)
            throws Exception {
        Assumptions.assumeTrue(SocatPtyPair.available(), "needs socat for the pseudo-terminal");
        Path homeB = Files.createDirectories(dir.resolve("host-b"));
        Path protocol = Files.writeString(dir.resolve("trains.yaml"), TRAINS);
        try (Rig rig = new Rig(dir)) {
            Process hostA = hostA(rig.homeA, rig.site, rig.pty, dir);
            StringBuilder outputA = new StringBuilder();
            long sessionId;
            try {
                sessionId = runningSession(hostA, outputA);
                awaitJournaled(new TmsHome(rig.homeA).journalFor(sessionId), 5);

                // host B, the same subject, at the same time: refused before anything is armed
                try (Host b = new Host(homeB, rig.site, "host-b")) {
                    int refused = b.cli.run("", "run", protocol.toString(), "--device", "sim:simulator", "--profile",
                            "simulator", "--rmt", "50", "--amt", "35", "--mt-method", "emg", "--subject", "S01",
                            "--operator", "op2", "--yes");
                    assertThat(refused).as(b.cli.out() + b.cli.err()).isEqualTo(3);
                    assertThat(b.cli.err()).contains("subject s01 is in session " + sessionId + " on host host-a");
                }

                // the site's server goes away mid-session and comes back: the session goes on
                rig.server.stop();
                awaitJournaled(new TmsHome(rig.homeA).journalFor(sessionId), 25); // pulses fired while it was down
                rig.server.start();
                assertThat(hostA.waitFor(60, TimeUnit.SECONDS)).as("host A's session ended").isTrue();
            } finally {
                hostA.destroyForcibly();
            }
            assertThat(hostA.exitValue()).as(outputA.toString()).isZero();
            assertThat(rig.events.awaitQuiet(1_000, 10_000)).as("the device went quiet").isTrue();

            List<DeliveredPulse> device = DeliveredPulse.fromDeviceLog(MatrixCellRun.readLog(rig.log));
            try (Host b = new Host(homeB, rig.site, "host-b")) {
                assertThat(b.cli.run("", "sessions", "show", Long.toString(sessionId), "--json")).as(b.cli.err()).isZero();
                JsonNode session = new ObjectMapper().readTree(b.cli.out());
                assertThat(session.get("state").asText()).isEqualTo("COMPLETED");
                List<DeliveredPulse> record = DeliveredPulse.fromRecord(session);
                System.out.printf("[site] host A: device delivered %d, site record %d%n", device.size(), record.size());
                assertThat(record).as("every pulse reached the site once").hasSize(60).hasSameSizeAs(device);
                RecordVsDeviceLog compare = RecordVsDeviceLog.forLatenessLimit(rig.profile.timing().latenessLimitMicros());
                assertThat(compare.differences(record, device)).as("site record vs device log").isEmpty();
                assertThat(session.path("host").asText()).as("the host it ran on").isEqualTo("host-a");
                assertThat(session.path("device").asText()).as("the device it ran on").startsWith("serial:" + rig.pty);

                // host B's check of the same subject counts host A's session
                int check = b.cli.run("", "check", protocol.toString(), "--profile", "simulator", "--rmt", "50",
                        "--amt", "35", "--subject", "S01", "--json");
                assertThat(b.cli.out()).as("exit " + check + ": " + b.cli.err()).contains("policy.intersession-interval");
            }
        }
    }

    /**
     * Host A is killed ({@code kill -9}) mid-train while the site's server is down: its pulses are only
     * in its fire journal. Its next start cannot reach the server and says so (nothing is lost); once
     * the server is back, the next start closes the session INTERRUPTED with every journaled pulse,
     * and the site's record equals the device's log as far as the host can know it.
     */
    @Test
    void aHostKilledWhileTheServerIsDownLosesNothing(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(SocatPtyPair.available(), "needs socat for the pseudo-terminal");
        try (Rig rig = new Rig(dir)) {
            Process hostA = hostA(rig.homeA, rig.site, rig.pty, dir);
            long sessionId;
            try {
                sessionId = runningSession(hostA, new StringBuilder());
                Path journal = new TmsHome(rig.homeA).journalFor(sessionId);
                awaitJournaled(journal, 3);
                rig.server.stop();
                awaitJournaled(journal, 12); // fired while the server is down: only in the journal
                hostA.destroyForcibly(); // SIGKILL mid-train
                assertThat(hostA.waitFor(10, TimeUnit.SECONDS)).isTrue();
            } finally {
                hostA.destroyForcibly();
            }
            assertThat(rig.events.awaitQuiet(1_500, 10_000)).as("the device went quiet").isTrue();
            assertThat(rig.events.awaitDisarmed(3_000)).as("its lease disarmed it").isTrue();
            List<DeliveredPulse> device = DeliveredPulse.fromDeviceLog(MatrixCellRun.readLog(rig.log));

            try (Host a = new Host(rig.homeA, rig.site, "host-a")) {
                int down = a.cli.run("", "sessions");
                assertThat(down).as(a.cli.err()).isEqualTo(4);
                assertThat(a.cli.err()).contains("out of reach");
                rig.server.start();
                assertThat(a.cli.run("", "sessions")).as(a.cli.err()).isZero(); // the next start recovers it
                assertThat(a.cli.run("", "sessions", "show", Long.toString(sessionId), "--json")).isZero();
                JsonNode session = new ObjectMapper().readTree(a.cli.out());
                assertThat(session.get("state").asText()).isEqualTo("INTERRUPTED");
                List<DeliveredPulse> record = DeliveredPulse.fromRecord(session);
                java.util.regex.Matcher said = java.util.regex.Pattern.compile("may have delivered up to (\\d+) more")
                        .matcher(session.path("reason").asText());
                int mayHave = said.find() ? Integer.parseInt(said.group(1)) : 0;
                System.out.printf("[site kill -9] device delivered %d, site record %d, may have %d more%n",
                        device.size(), record.size(), mayHave);
                assertThat(record.size()).as("every journaled pulse reached the site").isGreaterThanOrEqualTo(12);
                assertThat(device.size() - record.size()).as(session.path("reason").asText()).isBetween(0, mayHave);
                RecordVsDeviceLog compare = RecordVsDeviceLog.forLatenessLimit(rig.profile.timing().latenessLimitMicros());
                assertThat(compare.differences(record, device.subList(0, record.size()))).as("record vs device log")
                        .isEmpty();
            }
        }
    }

    /** A site's server of its own, the Rapid² emulator on a pty with its event log, and host A's home. */
    private static final class Rig implements AutoCloseable {
        final HardwareProfile profile = MatrixProfiles.shipped(PROFILE);
        final Path homeA;
        final Path log;
        final PostgresServer server;
        final DeviceEventTee events;
        final StandaloneSimulator simulator;
        final String site;
        final Path pty;

        Rig(Path dir) throws Exception {
            homeA = Files.createDirectories(dir.resolve("home")); // where MatrixProfiles installs the relaxed profile
            log = dir.resolve("device-events.jsonl");
            server = PostgresServer.startNew();
            try {
                events = new DeviceEventTee(log);
                simulator = new StandaloneSimulator(profile, Optional.empty(), events);
                site = server.url(server.createDatabase("site"));
                pty = simulator.servePty(dir.resolve("ttyTMS"));
            } catch (Exception e) {
                server.close(); // the rest is the JVM's to reclaim: a failed rig fails its test
                throw e;
            }
        }

        @Override
        public void close() throws Exception {
            try (server; events; simulator) {
                // closed in reverse order: the emulator, its log, the server
            }
        }
    }

    /** Host A: {@code tmshost run} of {@link #TRAINS} for S01 in its own process, on the device at {@code pty}. */
    private static Process hostA(Path home, String site, Path pty, Path dir) throws Exception {
        Path protocol = Files.writeString(dir.resolve("trains.yaml"), TRAINS);
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-D" + TmsHome.PROPERTY + "=" + home,
                "-D" + HostName.PROPERTY + "=host-a", "org.tmshost.cli.TmsHostCommand", "run", protocol.toString(),
                "--records", site, "--device", "serial:" + pty + "?profile=" + PROFILE,
                "--profile", MatrixProfiles.argument(PROFILE, dir), "--rmt", "50", "--amt", "35", "--mt-method", "emg",
                "--subject", "S01", "--operator", "op1", "--yes")
                .redirectErrorStream(true).start();
    }

    /** A host in this JVM: its own home and host name, the site database. */
    private static final class Host implements AutoCloseable {
        final TmsHostCli cli;

        Host(Path home, String site, String name) {
            this.cli = new TmsHostCli(home);
            System.setProperty(RecordsLocation.PROPERTY, site);
            System.setProperty(HostName.PROPERTY, name);
        }

        @Override
        public void close() {
            System.clearProperty(RecordsLocation.PROPERTY);
            System.clearProperty(HostName.PROPERTY);
            cli.close();
        }
    }

    private static long runningSession(Process child, StringBuilder seen) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null) {
            seen.append(line).append('\n');
            if (line.startsWith("RUNNING session ")) {
                Thread drain = new Thread(() -> {
                    try {
                        String more;
                        while ((more = out.readLine()) != null) {
                            synchronized (seen) {
                                seen.append(more).append('\n');
                            }
                        }
                    } catch (java.io.IOException ignored) {
                        // the child ended
                    }
                }, "host-a-output");
                drain.setDaemon(true);
                drain.start();
                return Long.parseLong(line.substring("RUNNING session ".length(), line.indexOf(':')).trim());
            }
        }
        throw new AssertionError("host A's run never started:\n" + seen);
    }

    /** Waits (real time: a real device on a real link) until the journal holds {@code pulses}. */
    private static void awaitJournaled(Path journal, int pulses) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (countOf(journal) < pulses && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(countOf(journal)).as("pulses journaled").isGreaterThanOrEqualTo(pulses);
    }

    private static int countOf(Path journal) {
        try {
            return Files.exists(journal) ? FireJournal.open(journal).count() : 0;
        } catch (java.io.IOException e) {
            return 0;
        }
    }
}
