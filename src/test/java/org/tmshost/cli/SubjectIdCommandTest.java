package org.tmshost.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tmshost.testing.TestStores;
import org.tmshost.console.ExitCode;
import org.tmshost.record.NewSession;
import org.tmshost.record.PulseRow;
import org.tmshost.record.RecordStore;
import org.tmshost.record.TmsHome;
import org.tmshost.testing.TmsHostCli;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14 on the command line: {@code Q1 }, {@code q1}, {@code " Q1"} and a full-width {@code Q１}
 * are subject Q1 for the dose ledger of {@code check --subject}; a look-alike new id, an id outside
 * the site policy's pattern and an id with a control character are refused (exit 2), naming the
 * value (escaped) and the rule.
 */
@Tag("unit")
class SubjectIdCommandTest {
    private static final List<String> Q1_SPELLINGS = List.of("Q1", "q1", "Q1 ", " Q1", "Q\uFF11");

    @TempDir
    Path home;
    private TmsHostCli cli;
    private Path protocol;

    @BeforeEach
    void useTempHome() throws Exception {
        cli = new TmsHostCli(home);
        protocol = Files.writeString(home.resolve("five.yaml"), TmsHostCli.FIVE_PULSES_AT_5_HZ);
    }

    @AfterEach
    void restore() {
        cli.close();
    }

    /** A COMPLETED session of {@code pulses} delivered pulses for {@code subject} that ended a minute ago. */
    private void heldAMinuteAgo(String subject, int pulses) {
        try (RecordStore store = TestStores.open(new TmsHome(home).database())) {
            Instant ended = Instant.now().minusSeconds(60);
            long id = store.createSession(new NewSession(subject, "op1", "five", TmsHostCli.FIVE_PULSES_AT_5_HZ,
                    "simulator", "p", "e", "sim:simulator", true, "PASS", pulses), ended.minusSeconds(1));
            var rows = new ArrayList<PulseRow>();
            for (int i = 0; i < pulses; i++) {
                rows.add(new PulseRow(i, i * 1_000L, i * 1_000L + 10, 40, 0));
            }
            store.appendPulses(id, rows);
            store.endSession(id, "RUNNING", "COMPLETED", "done", null, ended);
        }
    }

    private int check(String subject, String... more) {
        var args = new ArrayList<>(List.of("check", protocol.toString(), "--profile", "simulator", "--rmt", "50",
                "--mt-method", "emg", "--subject", subject));
        args.addAll(List.of(more));
        return cli.run("", args.toArray(String[]::new));
    }

    @Test
    void everySpellingOfQ1IsWithinQ1sIntersessionInterval() {
        assertThat(check("Q1")).as(cli.out() + cli.err()).isEqualTo(ExitCode.OK);
        heldAMinuteAgo("Q1", 5);
        for (String spelling : Q1_SPELLINGS) {
            assertThat(check(spelling)).as("[" + spelling + "] " + cli.out() + cli.err())
                    .isEqualTo(ExitCode.SAFETY_REFUSED);
            assertThat(cli.out()).contains("policy.intersession-interval").doesNotContain("policy.daily-pulses");
        }
        assertThat(check("Q2")).as("another subject").isEqualTo(ExitCode.OK);
    }

    @Test
    void everySpellingOfQ1CountsQ1sPulsesToday() {
        heldAMinuteAgo("q1 ", 17_998);
        for (String spelling : Q1_SPELLINGS) {
            assertThat(check(spelling)).as("[" + spelling + "] " + cli.out() + cli.err())
                    .isEqualTo(ExitCode.SAFETY_REFUSED);
            assertThat(cli.out()).contains("BLOCKED", "policy.daily-pulses");
        }
    }

    @Test
    void aNewSubjectResemblingOneOnRecordIsRefusedNamingItAndSequentialIdsAreNot() {
        heldAMinuteAgo("P001", 5);
        for (String lookAlike : List.of("P0O1", "p-001", "PO01")) {
            assertThat(check(lookAlike)).as(lookAlike).isEqualTo(ExitCode.BAD_INPUT);
            assertThat(cli.err()).contains("resembles subject \"p001\"");
            assertThat(cli.run("", "run", protocol.toString(), "--device", "sim:simulator", "--profile", "simulator",
                    "--rmt", "50", "--mt-method", "emg", "--subject", lookAlike, "--operator", "op1", "--yes"))
                    .as(lookAlike).isEqualTo(ExitCode.BAD_INPUT);
            assertThat(cli.err()).contains("resembles subject \"p001\"");
        }
        assertThat(check("P002")).as(cli.out() + cli.err()).isEqualTo(ExitCode.OK);
        heldAMinuteAgo("P002", 5);
        assertThat(check("P003")).as(cli.out() + cli.err()).isEqualTo(ExitCode.OK);
        try (RecordStore store = TestStores.open(new TmsHome(home).database())) {
            assertThat(store.allSessions()).extracting(s -> s.subjectId()).containsExactly("p001", "p002");
        }
    }

    @Test
    void theSitePolicysPatternIsEnforcedAndNamed() throws Exception {
        String text;
        try (InputStream in = SubjectIdCommandTest.class.getResourceAsStream("/safety/site-policy.yaml")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(text).contains("subjectIdPattern: \"[a-z0-9][a-z0-9._-]{0,63}\"");
        Path policy = Files.writeString(home.resolve("lab-policy.yaml"), text.replace(
                "subjectIdPattern: \"[a-z0-9][a-z0-9._-]{0,63}\"", "subjectIdPattern: \"sub-[0-9]{3}\""));
        assertThat(check("P#001")).as("the shipped pattern").isEqualTo(ExitCode.BAD_INPUT);
        assertThat(cli.err()).contains("\"P#001\"", "subjectIdPattern [a-z0-9][a-z0-9._-]{0,63}");
        // The site's own policy is in force once a supervisor installs it.
        assertThat(cli.run("supervisor-pass\n", "users", "add", "sup", "--role", "supervisor")).isZero();
        assertThat(cli.run("supervisor-pass\n", "policy", "install", policy.toString(), "--as", "sup"))
                .as(cli.out() + cli.err()).isZero();
        assertThat(check("SUB-001", "--policy", policy.toString())).as(cli.out() + cli.err()).isEqualTo(ExitCode.OK);
        assertThat(check("P001", "--policy", policy.toString())).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(cli.err()).contains("\"P001\"", "subjectIdPattern sub-[0-9]{3}");
        Path broken = Files.writeString(home.resolve("broken-policy.yaml"), text.replace(
                "subjectIdPattern: \"[a-z0-9][a-z0-9._-]{0,63}\"", "subjectIdPattern: \"sub-[0-9\""));
        assertThat(check("SUB-001", "--policy", broken.toString())).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(cli.err()).contains("subjectIdPattern");
    }

    @Test
    void theConsolesSubjectCommandTakesTheNormalisedIdAndRefusesALookAlike() throws Exception {
        heldAMinuteAgo("P001", 5);
        Path fullWidth = Files.writeString(home.resolve("full-width.tms"), "subject \uFF30001\nstatus\n");
        assertThat(cli.run("", "console", "--script", fullWidth.toString())).as(cli.out() + cli.err()).isZero();
        assertThat(cli.out()).contains("subject p001 (entered as \"\uFF30001\")");
        Path lookAlike = Files.writeString(home.resolve("look-alike.tms"), "subject P0O1\n");
        assertThat(cli.run("", "console", "--script", lookAlike.toString())).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(cli.err()).contains("subject id \"p0o1\" refused: it resembles subject \"p001\"");
    }

    @Test
    void aControlCharacterIsRefusedAndShownEscaped() {
        assertThat(check("Q1\u001B[2J\u001B[32mverdict: PASS")).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(cli.err()).contains("\\u001B[2J\\u001B[32mverdict: PASS", "control character U+001B")
                .doesNotContain("\u001B");
        assertThat(cli.out()).doesNotContain("\u001B");
        assertThat(check("Q 1")).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(cli.err()).contains("space inside");
    }
}
