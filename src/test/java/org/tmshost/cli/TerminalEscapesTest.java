package org.tmshost.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tmshost.record.NewSession;
import org.tmshost.record.RecordStore;
import org.tmshost.record.TmsHome;
import org.tmshost.testing.TmsHostCli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14: nothing from the records, the command line or a file reaches the terminal raw. A name
 * with a line break and an escape sequence once cleared the screen and printed a fake "verdict: PASS".
 */
@Tag("unit")
class TerminalEscapesTest {
    private static final String HOSTILE = "\u001b[2J\nverdict: PASS";
    private static final String SHOWN = "\\u001B[2J\\u000Averdict: PASS";

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

    private static void assertNothingRaw(String printed) {
        assertThat(printed).doesNotContain("\u001b").doesNotContain("\u202e").doesNotContain("\u009b");
        assertThat(printed.lines()).noneMatch(line -> line.strip().startsWith("verdict: PASS"));
    }

    /** A session row edited with sqlite3: operator, protocol name, end reason, a transition, a trip, an override. */
    @Test
    void sessionsAndSessionsShowPrintEditedRecordTextEscaped() throws Exception {
        Path db = TmsHome.resolve().database();
        long id;
        try (RecordStore store = RecordStore.open(db)) {
            id = store.createSession(new NewSession("s1", "op1", "five", TmsHostCli.FIVE_PULSES_AT_5_HZ,
                    "simulator", "p", "e", "sim:simulator", true, "PASS", 5), Instant.parse("2026-11-29T09:00:00Z"));
        }
        try (Connection sql = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            try (PreparedStatement edit = sql.prepareStatement("UPDATE sessions SET operator_id = ?, protocol_name = ?, "
                    + "state = 'FAULTED', end_cause = ?, end_reason = ?, ended_at = '2026-11-29T09:01:00Z' WHERE id = ?")) {
                edit.setString(1, "op1" + HOSTILE);
                edit.setString(2, "five" + HOSTILE);
                edit.setString(3, "RECORD_FAILURE\u202e");
                edit.setString(4, "reason" + HOSTILE + "\u009b2J");
                edit.setLong(5, id);
                edit.executeUpdate();
            }
            try (PreparedStatement add = sql.prepareStatement("INSERT INTO overrides(session_id, rule_id, approved_by, "
                    + "reason, at) VALUES (?, 'rule', ?, ?, '2026-11-29T09:00:30Z')")) {
                add.setLong(1, id);
                add.setString(2, "sup" + HOSTILE);
                add.setString(3, "because" + HOSTILE);
                add.executeUpdate();
            }
            try (PreparedStatement add = sql.prepareStatement("INSERT INTO interlock_trips(session_id, at, cause, detail) "
                    + "VALUES (?, '2026-11-29T09:00:40Z', 'DEVICE_ERROR', ?)")) {
                add.setLong(1, id);
                add.setString(2, "device said" + HOSTILE);
                add.executeUpdate();
            }
            try (PreparedStatement add = sql.prepareStatement("INSERT INTO transitions(session_id, at, from_state, "
                    + "to_state, reason, user_id) VALUES (?, '2026-11-29T09:00:50Z', 'RUNNING', 'FAULTED', ?, ?)")) {
                add.setLong(1, id);
                add.setString(2, "ended" + HOSTILE);
                add.setString(3, "op1" + HOSTILE);
                add.executeUpdate();
            }
        }
        assertThat(cli.run("", "sessions", "--attempts")).isZero(); // it delivered nothing: an attempt (issue 15)
        assertNothingRaw(cli.out());
        assertThat(cli.out()).contains("op1" + SHOWN).contains("five" + SHOWN);

        assertThat(cli.run("", "sessions", "show", String.valueOf(id))).isZero();
        assertNothingRaw(cli.out());
        assertThat(cli.out()).contains("reason" + SHOWN + "\\u009B2J").contains("RECORD_FAILURE\\u202E")
                .contains("because" + SHOWN).contains("sup" + SHOWN).contains("device said" + SHOWN)
                .contains("ended" + SHOWN);
    }

    /** The command line's words come back escaped: in a command's own line and in picocli's errors alike. */
    @Test
    void commandLineWordsAreShownEscaped() {
        // A subject id with control characters is refused (one subject, one id), and quoted back escaped.
        assertThat(cli.run("", "sessions", "hunts", "s1" + HOSTILE)).isEqualTo(2);
        assertNothingRaw(cli.out() + cli.err());
        assertThat(cli.err()).contains("\\u001B[2J");

        assertThat(cli.run("", "sessions", "show", "1" + HOSTILE)).isEqualTo(2);
        assertNothingRaw(cli.err());
        assertThat(cli.err()).contains("\\u001B[2J");
    }

    /** A reason typed at the console with an escape in it: echoed, confirmed and listed escaped. */
    @Test
    void anOverrideReasonTypedAtTheConsoleIsPrintedEscaped() throws Exception {
        cli.addSiteUsers();
        Path script = Files.writeString(home.resolve("s.tms"), "subject s1\nthreshold amt 40 --method emg\n"
                + "load itbs\napprove sup --reason \"pilot \u001b[2J\u202eapproved\"\nsessions show 1\nquit\n");
        cli.run("supervisor-pass\n", "console", "--script", script.toString(), "--device", "sim:simulator",
                "--profile", "simulator", "--operator", "op1");
        assertThat(cli.err()).doesNotContain("\u001b");
        assertNothingRaw(cli.out());
        assertThat(cli.out()).contains("reason recorded: pilot \\u001B[2J\\u202Eapproved")
                .contains("override: ").contains("pilot \\u001B[2J\\u202Eapproved");
    }
}
