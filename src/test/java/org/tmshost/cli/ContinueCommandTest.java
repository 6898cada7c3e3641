package org.tmshost.cli;

import org.tmshost.testing.TestStores;
import org.tmshost.console.ExitCode;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tmshost.profile.HardwareProfile;
import org.tmshost.profile.HardwareProfiles;
import org.tmshost.record.NewSession;
import org.tmshost.record.PulseRow;
import org.tmshost.record.RecordStore;
import org.tmshost.record.TmsHome;
import org.tmshost.safety.SafetyEnvelope;
import org.tmshost.testing.TmsHostCli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12: {@code continue} in the console and {@code tmshost continue} on the command line deliver
 * the remaining pulses of a session the host's own fault ended, and refuse any other.
 */
@Tag("unit")
class ContinueCommandTest {
    @TempDir
    Path home;
    private TmsHostCli cli;
    private Path profile;

    @BeforeEach
    void useTempHome() throws Exception {
        cli = new TmsHostCli(home);
        cli.addSiteUsers();
        profile = cli.relaxedSimulatorProfile();
    }

    @AfterEach
    void restore() {
        cli.close();
    }

    /** A 5-pulse session on record that ended with {@code cause} after its first 2 pulses. */
    private long endedAfterTwoPulses(String state, String cause) throws Exception {
        HardwareProfile hardware = HardwareProfiles.load(profile.toString());
        try (RecordStore store = TestStores.open(new TmsHome(home).database())) {
            long id = store.createSession(new NewSession("s1", "op1", "five", TmsHostCli.FIVE_PULSES_AT_5_HZ,
                    hardware.name(), hardware.sha256(), SafetyEnvelope.bundled().sha256(), "sim:simulator", true,
                    "PASS", 5, Optional.of(50.0), Optional.empty(), "EMG"), Instant.now());
            store.appendPulses(id, List.of(new PulseRow(0, 250_000_000L, 250_100_000L, 40, 0),
                    new PulseRow(1, 450_000_000L, 450_100_000L, 40, 0)));
            store.endSession(id, "RUNNING", state, cause, "ended for the test", null, Instant.now(), Optional.empty());
            return id;
        }
    }

    @Test
    void theConsoleContinuesATimingFaultWithTheRemainingPulsesAsTheSameTreatment() throws Exception {
        long faulted = endedAfterTwoPulses("FAULTED", "TIMING_FAULT");
        Path script = Files.writeString(home.resolve("continue.tms"), """
                continue %d
                confirm --all
                arm
                start
                wait
                """.formatted(faulted));
        int code = cli.run("", "console", "--script", script.toString(), "--device", "sim:simulator", "--profile",
                profile.toString(), "--operator", "op1");
        assertThat(code).as(cli.out() + cli.err()).isZero();
        assertThat(cli.out()).contains("continues session " + faulted, "3 pulses left, from pulse 3 of the treatment");

        assertThat(cli.run("", "sessions", "--json")).isZero();
        JsonNode list = new ObjectMapper().readTree(cli.out());
        JsonNode last = list.get(list.size() - 1);
        assertThat(last.get("state").asText()).isEqualTo("COMPLETED");
        assertThat(last.get("deliveredPulses").asInt()).isEqualTo(3);
        assertThat(last.get("subject").asText()).isEqualTo("s1");
        assertThat(cli.run("", "sessions", "show", last.get("id").asText(), "--json")).isZero();
        JsonNode shown = new ObjectMapper().readTree(cli.out());
        assertThat(shown.at("/treatment/continues").asLong()).isEqualTo(faulted);
        assertThat(shown.at("/treatment/firstPulse").asInt()).isEqualTo(2);
        assertThat(shown.path("verdict").asText()).as("no intersession interval within the treatment").isEqualTo("PASS");
    }

    @Test
    void aSessionSomeoneStoppedIsNotContinuedFromTheCommandLine() throws Exception {
        long stopped = endedAfterTwoPulses("ABORTED", "CONSOLE_STOP");
        int code = cli.run("", "continue", Long.toString(stopped), "--device", "sim:simulator", "--profile",
                profile.toString(), "--operator", "op1", "--yes");
        assertThat(code).isEqualTo(ExitCode.SAFETY_REFUSED);
        assertThat(cli.err()).contains("cannot continue session " + stopped, "CONSOLE_STOP", "start a new session");
    }

    @Test
    void theCommandLineContinuesALostLink() throws Exception {
        long lost = endedAfterTwoPulses("FAULTED", "LINK_LOSS");
        int code = cli.run("", "continue", Long.toString(lost), "--device", "sim:simulator", "--profile",
                profile.toString(), "--operator", "op1", "--yes");
        assertThat(code).as(cli.out() + cli.err()).isZero();
        assertThat(cli.out()).contains("continuing session " + lost, "continues session " + lost,
                "completed: all 3 pulses fired");
    }
}
