package org.tmshost.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tmshost.console.ExitCode;
import org.tmshost.console.SessionHost;
import org.tmshost.testing.TmsHostCli;
import org.tmshost.timing.FireJournal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tamper-evident records through the command line (issue 14): {@code records verify} finds a row
 * edited with an SQLite tool and {@code sessions show} says the record fails; a deleted database is
 * noticed at start and before a session, never with exit 0, and ids go on above the lost ones.
 */
@Tag("unit")
class TamperEvidentRecordsTest {
    @TempDir
    Path home;
    private TmsHostCli cli;
    private Path protocol;

    @BeforeEach
    void useTempHome() throws Exception {
        cli = new TmsHostCli(home);
        protocol = Files.writeString(home.resolve("short.yaml"), TmsHostCli.FIVE_PULSES_AT_5_HZ);
    }

    @AfterEach
    void restore() {
        cli.close();
    }

    private int run() throws Exception {
        return cli.run("", "run", protocol.toString(), "--device", "sim:simulator", "--profile",
                cli.relaxedSimulatorProfile().toString(), "--rmt", "50", "--mt-method", "emg", "--subject", "s1",
                "--operator", "op1", "--yes");
    }

    private void sql(String statement) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + home.resolve("records.db"));
             Statement st = c.createStatement()) {
            st.executeUpdate(statement);
        }
    }

    private JsonNode shownRecord() throws Exception {
        assertThat(cli.run("", "sessions", "show", "1", "--json")).isZero();
        return new ObjectMapper().readTree(cli.out()).get("record");
    }

    @Test
    void anEditedDeliveredCountFailsRecordsVerifyAndSessionsShowSaysSo() throws Exception {
        assertThat(run()).as(cli.err()).isZero();
        assertThat(cli.run("", "records", "verify")).as(cli.out()).isZero();
        assertThat(cli.out()).contains("every record verifies; 2 verified"); // the session and its threshold
        assertThat(cli.run("", "sessions", "show", "1")).isZero();
        assertThat(cli.out()).containsPattern("record +verified\n");
        assertThat(shownRecord().get("status").asText()).isEqualTo("VERIFIED");

        sql("UPDATE sessions SET delivered_pulses = 50, operator_id = 'someone else'");
        assertThat(cli.run("", "records", "verify")).as(cli.out()).isEqualTo(ExitCode.RECORD_FAILS_VERIFICATION)
                .isEqualTo(6);
        assertThat(cli.out()).contains("FAILS  session 1: sessions changed since sealed at").contains("1 FAIL");
        assertThat(cli.run("", "sessions", "show", "1")).isZero();
        assertThat(cli.out()).containsPattern("record +FAILS: sessions changed since sealed at");
        assertThat(shownRecord().get("status").asText()).isEqualTo("FAILS");
    }

    @Test
    void aDeletedDatabaseIsNoticedAtStartNeverWithExitZeroAndIdsGoOnAboveTheLostOnes() throws Exception {
        assertThat(run()).as(cli.err()).isZero();
        for (String suffix : new String[]{"", "-wal", "-shm"}) {
            Files.deleteIfExists(home.resolve("records.db" + suffix));
        }
        assertThat(run()).isEqualTo(ExitCode.DEVICE_FAULT);
        assertThat(cli.err()).contains("records.db is missing, but this home has had one").contains("records adopt");
        assertThat(cli.out()).doesNotContain("prepared");
        assertThat(cli.run("", "sessions")).isEqualTo(ExitCode.DEVICE_FAULT);
        assertThat(home.resolve("records.db")).doesNotExist();
        assertThat(FireJournal.open(home.resolve("journals/session-1.journal")).count()).as("the journal is kept")
                .isEqualTo(5);

        assertThat(cli.run("", "records", "adopt")).as(cli.err()).isZero();
        assertThat(run()).as(cli.err()).isZero();
        assertThat(cli.out()).contains("session 2 prepared");
        assertThat(FireJournal.open(home.resolve("journals/session-1.journal")).count()).isEqualTo(5);
    }

    @Test
    void aDatabaseRemovedWhileASessionRunsIsNotOnRecordAndNeverExitsZero() throws Exception {
        try (SessionRig rig = new SessionRig(home)) {
            Session session = rig.started(SessionRig.PASSING);
            rig.awaitDelivered(5);
            for (String suffix : new String[]{"", "-wal", "-shm"}) {
                Files.deleteIfExists(home.resolve("records.db" + suffix));
            }
            SessionOutcome outcome = rig.end(session);
            assertThat(outcome.state()).isEqualTo(SessionState.COMPLETED);
            assertThat(outcome.recordComplete()).isFalse();
            assertThat(outcome.recordProblem()).contains("was removed while tmshost had it open")
                    .contains("its fire journal keeps all 30 fired pulses");
            assertThat(SessionHost.exitCodeOf(outcome)).isEqualTo(ExitCode.DEVICE_FAULT);
            assertThat(FireJournal.open(home.resolve("journals/session-" + session.id() + ".journal")).count())
                    .isEqualTo(30);
        }
    }
}
