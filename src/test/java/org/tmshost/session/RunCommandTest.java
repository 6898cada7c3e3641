package org.tmshost.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tmshost.record.TmsHome;
import org.tmshost.testing.TmsHostCli;

import java.nio.file.Files;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code run}, {@code sessions} and {@code users} through the command line, exit codes included (contracts.md §2). */
@Tag("unit")
class RunCommandTest {
    private static final String SHORT = TmsHostCli.FIVE_PULSES_AT_5_HZ;

    @TempDir
    Path home;
    private TmsHostCli cli;

    @BeforeEach
    void useTempHome() {
        cli = new TmsHostCli(home);
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

    @Test
    void aCompletedRunExitsZeroAndIsListedExportedAndReported() throws Exception {
        Path protocol = Files.writeString(home.resolve("short.yaml"), SHORT);
        int code = tmshost("", "run", protocol.toString(), "--device", "sim:simulator", "--profile",
                relaxedSimulatorProfile().toString(), "--rmt", "50", "--mt-method", "emg", "--subject", "s1",
                "--operator", "op1", "--yes");
        assertThat(code).as(cli.out() + "\n" + cli.err()).isZero();
        assertThat(cli.out()).contains("SIMULATION").contains("COMPLETED")
                .contains("RUNNING session 1: 0 / 5 pulses · ").contains("delivered 5 / 5 pulses"); // issue 15

        assertThat(tmshost("", "sessions", "--json")).isZero();
        JsonNode list = new ObjectMapper().readTree(cli.out());
        assertThat(list).hasSize(1);
        JsonNode s = list.get(0);
        for (String field : new String[]{"id", "subject", "operator", "protocol", "state", "cause", "deliveredPulses",
                "plannedPulses", "startedAt", "endedAt", "simulation"}) {
            assertThat(s.has(field)).as(field).isTrue();
        }
        assertThat(s.get("state").asText()).isEqualTo("COMPLETED");
        assertThat(s.get("deliveredPulses").asInt()).isEqualTo(5);
        assertThat(s.get("simulation").asBoolean()).isTrue();

        long id = s.get("id").asLong();
        assertThat(tmshost("", "sessions", "export", Long.toString(id), "--format", "csv")).isZero();
        assertThat(cli.out().lines()).hasSize(6).first().asString().startsWith("session,pulse_index");
        assertThat(tmshost("", "sessions", "show", Long.toString(id))).isZero();
        assertThat(cli.out()).contains("PREPARED -> ARMED").contains("[op1]");
        Path report = home.resolve("report.html");
        assertThat(tmshost("", "sessions", "report", Long.toString(id), "--output", report.toString())).isZero();
        assertThat(Files.readString(report)).contains("<svg").contains("Lateness").contains("SIMULATION");
        assertThat(tmshost("", "sessions", "show", "999")).isEqualTo(2);
    }

    /** Once a site has users, its operator is one of them (issue 14): a non-user runs nothing, run or continue. */
    @Test
    void aNonUserCannotOperateOnASiteWithUsers() throws Exception {
        Path protocol = Files.writeString(home.resolve("short.yaml"), SHORT);
        cli.addSiteUsers();
        int code = tmshost("", "run", protocol.toString(), "--device", "sim:simulator", "--profile",
                relaxedSimulatorProfile().toString(), "--rmt", "50", "--mt-method", "emg", "--subject", "s1",
                "--operator", "walk-in", "--yes");
        assertThat(code).isEqualTo(2);
        assertThat(cli.err()).contains("'walk-in' is not a site user");
        assertThat(tmshost("", "continue", "1", "--device", "sim:simulator", "--operator", "walk-in")).isEqualTo(2);
        assertThat(cli.err()).contains("'walk-in' is not a site user");
        assertThat(tmshost("", "sessions", "--json")).isZero();
        assertThat(new ObjectMapper().readTree(cli.out())).isEmpty();
    }

    /**
     * The records are the owner's alone (issue 14): after a session the home and its journal
     * directory are 0700 and tmshost's files in them 0600, in a home an older tmshost left 0755 with
     * a 0644 database; a file of someone else's in the home keeps its mode.
     */
    @Test
    void theHomeAndTmshostsFilesInItAreTheOwnersAlone() throws Exception {
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path protocol = Files.writeString(home.resolve("short.yaml"), SHORT);
        Files.setPosixFilePermissions(protocol, PosixFilePermissions.fromString("rw-r--r--"));
        cli.addSiteUsers(); // creates records.db (the users' audit): left 0644 as an older tmshost would
        Files.setPosixFilePermissions(home.resolve("records.db"), PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(tmshost("", "run", protocol.toString(), "--device", "sim:simulator", "--profile",
                relaxedSimulatorProfile().toString(), "--rmt", "50", "--mt-method", "emg", "--subject", "s1",
                "--operator", "op1", "--yes")).as(cli.err()).isZero();

        assertThat(mode(home)).as("the home").isEqualTo("rwx------");
        assertThat(mode(home.resolve("journals"))).as("journals").isEqualTo("rwx------");
        for (String file : new String[]{"records.db", "records.db.identity", "users.yaml", "host.lock",
                "journals/session-1.journal"}) {
            assertThat(mode(home.resolve(file))).as(file).isEqualTo("rw-------");
        }
        assertThat(mode(protocol)).as("not tmshost's").isEqualTo("rw-r--r--");
    }

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    @Test
    void needsOverrideWithoutASupervisorExitsThreeAndNeverArms() throws Exception {
        Path protocol = Files.writeString(home.resolve("long.yaml"), SessionRig.NEEDS_OVERRIDE);
        assertThat(tmshost("supervisor-pass\n", "users", "add", "sup", "--role", "supervisor")).isZero();
        assertThat(tmshost("supervisor-pass\noperator-pass\n", "users", "add", "op1", "--role", "operator", "--as", "sup"))
                .isZero();
        String[] run = {"run", protocol.toString(), "--device", "sim:simulator", "--profile", "simulator", "--rmt",
                "50", "--mt-method", "emg", "--subject", "s1", "--operator", "op1", "--yes"};

        assertThat(tmshost("", run)).isEqualTo(3);
        assertThat(cli.err()).contains("--approve-as");

        String[] asOperator = concat(run, "--approve-as", "op1", "--reason", "looks fine");
        assertThat(tmshost("operator-pass\n", asOperator)).isEqualTo(3);
        assertThat(cli.err()).contains("operators cannot approve");

        String[] wrongPassword = concat(run, "--approve-as", "sup", "--reason", "ethics approval 12");
        assertThat(tmshost("nope-nope\n", wrongPassword)).isEqualTo(3);
        assertThat(cli.err()).contains("wrong password");

        assertThat(tmshost("", "sessions", "--json")).isZero();
        JsonNode list = new ObjectMapper().readTree(cli.out());
        assertThat(list).hasSize(3).allSatisfy(s -> {
            assertThat(s.get("state").asText()).isEqualTo("ABORTED");
            assertThat(s.get("deliveredPulses").asInt()).isZero();
            assertThat(s.get("attempt").asBoolean()).isTrue(); // issue 15: delivered nothing
        });
        // issue 15: the text lists treatments; the three refusals are attempts, counted and shown on request
        assertThat(tmshost("", "sessions")).isZero();
        assertThat(cli.out()).contains("3 attempts that delivered no pulse").contains("--attempts")
                .doesNotContain("ABORTED");
        assertThat(tmshost("", "sessions", "--attempts")).isZero();
        assertThat(cli.out().lines().filter(l -> l.contains("ABORTED"))).hasSize(3)
                .allSatisfy(l -> assertThat(l).contains("override not approved").doesNotContainPattern("T\\d\\d:"));
        assertThat(Files.readString(new TmsHome(home).usersFile())).doesNotContain("supervisor-pass");
    }

    @Test
    void aBlockedProtocolExitsThreeAndAnUnknownDeviceSchemeExitsTwo() throws Exception {
        Path protocol = Files.writeString(home.resolve("blocked.yaml"), SessionRig.BLOCKED);
        assertThat(tmshost("", "run", protocol.toString(), "--device", "sim:simulator", "--profile", "simulator",
                "--rmt", "90", "--mt-method", "emg", "--subject", "s1", "--operator", "op1", "--yes")).isEqualTo(3);
        assertThat(tmshost("", "run", protocol.toString(), "--device", "usb:thing", "--profile", "simulator",
                "--rmt", "90", "--subject", "s1", "--operator", "op1", "--yes")).isEqualTo(2);
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
