package org.tmshost.hil;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import org.tmshost.profile.HardwareProfile;
import org.tmshost.record.TmsHome;
import org.tmshost.simulator.standalone.StandaloneSimulator;
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
 * Issue 11: {@code tmshost run} killed with {@code kill -9} in the middle of a device-timed train on a
 * serial device. The device goes on alone: a Magstim until its keep-alive lease runs out (then it
 * disarms), a MagPro (no lease) to the end of its loaded train. The next start closes the session
 * INTERRUPTED with the device's count, and the record equals the device's log pulse by pulse
 * as far as the host can know it (a Magstim's lease runs from the last command it got, which the host
 * knows only up to the last acknowledged one): the rest, at most one keep-alive period, is said.
 */
@Tag("hil")
class KilledRunHilTest {
    private static final String TRAINS = """
            name: two 10 Hz trains
            kind: rtms
            frequencyHz: 10
            pulsesPerTrain: 30
            trains: 2
            interTrainIntervalSeconds: 5
            intensity: 80% RMT
            """;
    private static final int KILL_AFTER = 5;

    @ParameterizedTest
    @ValueSource(strings = {"magstim-rapid2", "magventure-x100"})
    void theNextStartRecordsWhatTheDeviceDeliveredAloneAfterTheHostWasKilled(String profileName, @TempDir Path dir)
            throws Exception {
        Assumptions.assumeTrue(SocatPtyPair.available(), "needs socat for the pseudo-terminal");
        HardwareProfile profile = MatrixProfiles.shipped(profileName);
        Path home = Files.createDirectories(dir.resolve("home"));
        Path protocol = Files.writeString(dir.resolve("trains.yaml"), TRAINS);
        Path log = dir.resolve("device-events.jsonl");
        long sessionId;
        try (DeviceEventTee events = new DeviceEventTee(log);
             StandaloneSimulator simulator = new StandaloneSimulator(profile, Optional.empty(), events)) {
            Path pty = simulator.servePty(dir.resolve("ttyTMS"));
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), "-D" + TmsHome.PROPERTY + "=" + home,
                    "org.tmshost.cli.TmsHostCommand", "run", protocol.toString(), "--device",
                    "serial:" + pty + "?profile=" + profileName, "--profile", MatrixProfiles.argument(profileName, dir),
                    "--rmt", "50", "--amt", "35", "--mt-method", "emg", "--subject", "S01", "--operator", "op1", "--yes")
                    .redirectErrorStream(true).start();
            try {
                sessionId = runningSession(child);
                Path journal = new TmsHome(home).journalFor(sessionId);
                long deadline = System.nanoTime() + 30_000_000_000L;
                while (countOf(journal) < KILL_AFTER && System.nanoTime() < deadline) {
                    Thread.sleep(5);
                }
                assertThat(countOf(journal)).as("pulses journaled before the kill").isGreaterThanOrEqualTo(KILL_AFTER);
                child.destroyForcibly(); // SIGKILL mid-train
                assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
            } finally {
                child.destroyForcibly();
            }
            // the device goes on alone until its lease disarms it, or its loaded train ends
            assertThat(events.awaitQuiet(1_500, 10_000)).as("the device went quiet").isTrue();
            if (profile.capabilities().keepAliveLease()) {
                assertThat(events.awaitDisarmed(3_000)).as("its lease disarmed it").isTrue();
            }
            List<DeliveredPulse> device = DeliveredPulse.fromDeviceLog(MatrixCellRun.readLog(log));
            JsonNode session;
            try (TmsHostCli cli = new TmsHostCli(home)) {
                assertThat(cli.run("", "sessions")).isZero(); // the next start
                assertThat(cli.run("", "sessions", "show", Long.toString(sessionId), "--json")).isZero();
                session = new ObjectMapper().readTree(cli.out());
            }
            assertThat(session.get("state").asText()).isEqualTo("INTERRUPTED");
            List<DeliveredPulse> record = DeliveredPulse.fromRecord(session);
            String reason = session.path("reason").asText();
            java.util.regex.Matcher said = java.util.regex.Pattern.compile("may have delivered up to (\\d+) more").matcher(reason);
            int mayHave = said.find() ? Integer.parseInt(said.group(1)) : 0;
            System.out.printf("[kill -9] %s: journal %d at the kill, device delivered %d, record %d, may have %d more%n",
                    profileName, KILL_AFTER, device.size(), record.size(), mayHave);
            assertThat(device.size()).as("the device ran on after the kill").isGreaterThan(KILL_AFTER + 1);
            // the record is what the device is known to have delivered (a reply said armed after it); what it may
            // have delivered beyond, before its lease ran out, is said
            assertThat(device.size() - record.size()).as(reason).isBetween(0, mayHave);
            RecordVsDeviceLog compare = RecordVsDeviceLog.forLatenessLimit(profile.timing().latenessLimitMicros());
            assertThat(compare.differences(record, device.subList(0, record.size()))).as("record vs device log").isEmpty();
            if (!profile.capabilities().keepAliveLease()) {
                assertThat(record).as("a train run to its end is known exactly").hasSameSizeAs(device);
            }

            // the operator continues the treatment on the same device: its remaining pulses, none twice
            int planned = session.path("plannedPulses").asInt(60);
            int skipped = record.size() + mayHave; // what the device delivered or may have: never again
            JsonNode continuation;
            try (TmsHostCli cli = new TmsHostCli(home)) {
                int exit = cli.run("", "continue", Long.toString(sessionId), "--device",
                        "serial:" + pty + "?profile=" + profileName, "--profile", MatrixProfiles.argument(profileName, dir),
                        "--operator", "op2", "--yes");
                assertThat(exit).as(cli.out() + cli.err()).isZero();
                assertThat(cli.out()).contains("continues session " + sessionId);
                long next = Long.parseLong(cli.out().replaceAll("(?s).*session (\\d+) continues session.*", "$1"));
                assertThat(cli.run("", "sessions", "show", Long.toString(next), "--json")).isZero();
                continuation = new ObjectMapper().readTree(cli.out());
            }
            assertThat(continuation.get("state").asText()).isEqualTo("COMPLETED");
            assertThat(events.awaitQuiet(1_500, 10_000)).as("the device went quiet").isTrue();
            List<DeliveredPulse> all = DeliveredPulse.fromDeviceLog(MatrixCellRun.readLog(log));
            List<DeliveredPulse> rest = DeliveredPulse.fromRecord(continuation);
            int firstPulse = continuation.at("/treatment/firstPulse").asInt();
            System.out.printf("[continue] %s: continuation delivered %d from pulse %d, device %d in all, plan %d, "
                    + "recorded or may have %d%n", profileName, rest.size(), firstPulse, all.size(), planned, skipped);
            assertThat(firstPulse).as("past every pulse the device delivered or may have").isGreaterThanOrEqualTo(skipped);
            assertThat(rest).as("the rest of the plan from where the continuation began").hasSize(planned - firstPulse);
            List<DeliveredPulse> deviceRest = new java.util.ArrayList<>();
            for (DeliveredPulse p : all.subList(device.size(), all.size())) {
                deviceRest.add(new DeliveredPulse(deviceRest.size(), p.atNanos(), p.outputPercentMso(), p.channel()));
            }
            assertThat(compare.differences(rest, deviceRest)).as("continuation record vs device log").isEmpty();
            assertThat(all.size()).as("the device delivered at most the plan").isLessThanOrEqualTo(planned);
        }
    }

    private static long runningSession(Process child) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        String line;
        while ((line = out.readLine()) != null) {
            seen.append(line).append('\n');
            if (line.startsWith("RUNNING session ")) {
                Thread drain = new Thread(() -> {
                    try {
                        while (out.readLine() != null) {
                            // keep the child's pipe from filling
                        }
                    } catch (java.io.IOException ignored) {
                        // the child was killed
                    }
                }, "child-output");
                drain.setDaemon(true);
                drain.start();
                return Long.parseLong(line.substring("RUNNING session ".length(), line.indexOf(':')).trim());
            }
        }
        throw new AssertionError("the run never started:\n" + seen);
    }

    private static int countOf(Path journal) {
        try {
            return Files.exists(journal) ? FireJournal.open(journal).count() : 0;
        } catch (java.io.IOException e) {
            return 0;
        }
    }
}
