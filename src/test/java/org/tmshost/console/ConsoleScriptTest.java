package org.tmshost.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tmshost.testing.TmsHostCli;

import java.nio.file.Files;
import java.io.IOException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code console --script FILE} against the in-process simulator: echo, exit codes (contracts.md §2), nothing left armed. */
@Tag("unit")
class ConsoleScriptTest {
    private static final String SHORT = TmsHostCli.FIVE_PULSES_AT_5_HZ;
    /** 1 Hz, 60 pulses: long enough to stop. */
    private static final String LONG = """
            name: one hertz
            kind: rtms
            frequencyHz: 1
            pulsesPerTrain: 60
            trains: 1
            interTrainIntervalSeconds: 1
            intensity: 80% RMT
            """;

    @TempDir
    Path home;
    private TmsHostCli cli;

    @BeforeEach
    void useTempHome() {
        cli = new TmsHostCli(home);
        cli.addSiteUsers();
    }

    @AfterEach
    void restore() {
        cli.close();
    }

    private int tmshost(String stdin, String... args) {
        return cli.run(stdin, args);
    }

    private Path relaxedSimulatorProfile() throws IOException {
        return cli.relaxedSimulatorProfile();
    }

    private int script(String stdin, String protocolText, String body) throws Exception {
        Path protocol = Files.writeString(home.resolve("protocol.yaml"), protocolText);
        Path script = Files.writeString(home.resolve("session.tms"), body.replace("PROTOCOL", protocol.toString()));
        return tmshost(stdin, "console", "--script", script.toString(), "--device", "sim:simulator", "--profile",
                relaxedSimulatorProfile().toString(), "--operator", "op1");
    }

    private JsonNode lastSession() throws Exception {
        assertThat(tmshost("", "sessions", "--json")).isZero();
        JsonNode list = new ObjectMapper().readTree(cli.out());
        return list.get(list.size() - 1);
    }

    @Test
    void aCompleteScriptEchoesEachCommandRunsTheSessionAndExitsZero() throws Exception {
        int code = script("", SHORT, """
                # five pulses
                subject s1
                threshold rmt 50 --method emg
                load PROTOCOL
                check
                confirm --all
                arm
                start
                wait
                """);
        assertThat(code).as(cli.out() + "\n" + cli.err()).isZero();
        assertThat(cli.out()).contains("> subject s1", "> load ", "> arm", "> start", "> wait")
                .contains("verdict: PASS").contains("ARMED: all 9 arming checks passed").contains("COMPLETED")
                .contains("SIMULATION").doesNotContain("# five pulses");
        JsonNode s = lastSession();
        assertThat(s.get("state").asText()).isEqualTo("COMPLETED");
        assertThat(s.get("deliveredPulses").asInt()).isEqualTo(5);
        assertThat(s.get("operator").asText()).isEqualTo("op1");
    }

    @Test
    void anUnknownCommandOrBadValueStopsTheScriptWithExitTwo() throws Exception {
        assertThat(script("", SHORT, "subject s1\nfrobnicate\nload PROTOCOL\n")).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(cli.out()).contains("> frobnicate").doesNotContain("> load");
        assertThat(cli.err()).contains("script stopped at session.tms line 2 (exit 2)");

        assertThat(script("", SHORT, "threshold rmt 150 --method emg\n")).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(cli.err()).contains("at most 100");
        assertThat(script("", SHORT, "arm\n")).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(cli.err()).contains("set first: subject ID, load PROTOCOL");
    }

    @Test
    void armingRefusedListsEveryFailedCheckAndExitsThreeLeavingNothingArmed() throws Exception {
        int code = script("", SHORT, "subject s1\nload PROTOCOL\narm\nstart\n");
        assertThat(code).isEqualTo(ExitCode.SAFETY_REFUSED);
        assertThat(cli.err()).contains("[thresholds]").contains("[hearing-protection]").contains("[screening]")
                .contains("what to do:");
        assertThat(cli.out()).doesNotContain("> start");
        JsonNode s = lastSession();
        assertThat(s.get("state").asText()).isEqualTo("ABORTED");
        assertThat(s.get("deliveredPulses").asInt()).isZero();
    }

    @Test
    void aStopInTheScriptAbortsTheSessionAndTheScriptExitsFive() throws Exception {
        int code = script("", LONG, """
                subject s1
                threshold rmt 50 --method emg
                load PROTOCOL
                confirm --all
                arm
                start
                status
                stop
                wait
                """);
        assertThat(code).as(cli.out() + "\n" + cli.err()).isEqualTo(ExitCode.INTERLOCK_ABORT);
        assertThat(cli.out()).contains("STOPPED by op1");
        JsonNode s = lastSession();
        assertThat(s.get("state").asText()).isEqualTo("ABORTED");
        assertThat(s.get("cause").asText()).isEqualTo("CONSOLE_STOP");
        assertThat(s.get("deliveredPulses").asInt()).isLessThan(60);
    }

    @Test
    void aScriptThatEndsArmedDisarmsAndRecordsTheSessionAborted() throws Exception {
        int code = script("", SHORT, "subject s1\nthreshold rmt 50 --method emg\nload PROTOCOL\nconfirm --all\narm\n");
        assertThat(code).isZero();
        assertThat(cli.out()).contains("disarmed: session");
        JsonNode s = lastSession();
        assertThat(s.get("state").asText()).isEqualTo("ABORTED");
        assertThat(s.get("reason").asText()).contains("disarmed at quit");
    }

    @Test
    void aNeedsOverrideProtocolArmsOnlyAfterASupervisorApprovesWithAReason() throws Exception {
        String body = "subject s1\nthreshold amt 40 --method emg\nload itbs\nAPPROVE\nconfirm --all\narm\nquit\n";
        assertThat(script("", SHORT, body.replace("APPROVE\n", "check\n"))).isEqualTo(ExitCode.SAFETY_REFUSED);
        assertThat(cli.out()).contains("NEEDS_OVERRIDE").contains("Not yet approved");

        assertThat(script("operator-pass\n", SHORT, body.replace("APPROVE", "approve op1 --reason pilot")))
                .isEqualTo(ExitCode.SAFETY_REFUSED);
        assertThat(cli.err()).contains("operators cannot approve overrides");

        assertThat(script("supervisor-pass\n", SHORT, body.replace("APPROVE", "approve sup --reason \"RMT not "
                + "measurable, ethics amendment 4\""))).as(cli.out() + "\n" + cli.err()).isZero();
        assertThat(cli.out()).contains("approved by sup").contains("ARMED").contains("disarmed: session");
    }

    @Test
    void anOperatorWhoIsNotASiteUserIsRefused() throws Exception {
        Path script = Files.writeString(home.resolve("s.tms"), "status\n");
        assertThat(tmshost("", "console", "--script", script.toString(), "--operator", "mallory"))
                .isEqualTo(ExitCode.BAD_INPUT);
        assertThat(cli.err()).contains("'mallory' is not a site user");
    }
}
