package org.tmshost.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tmshost.console.ExitCode;
import org.tmshost.record.RecordStore;
import org.tmshost.record.TmsHome;
import org.tmshost.session.SiteUsers;
import org.tmshost.session.UserAudit;
import org.tmshost.testing.TmsHostCli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code tmshost users} under the four-eyes rules (issue 14, contracts.md §9), the lock after failed
 * sign-ins as {@code run --approve-as} sees it, the users' audit, and the site policy's
 * {@code operatorsAuthenticate}. No password appears in any captured output.
 */
@Tag("unit")
class UsersCommandTest {
    private static final String NEEDS_OVERRIDE = TmsHostCli.NEEDS_OVERRIDE_TRAIN;

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
        int code = cli.run(stdin, args);
        assertThat(cli.out() + cli.err()).as("no password is ever printed").doesNotContain("supervisor-pass")
                .doesNotContain("operator-pass").doesNotContain("taken-over").doesNotContain("fresh-pass");
        return code;
    }

    /**
     * Whether {@code name} signs in with {@code password}, read as tmshost would: from the users file,
     * or the site's users when the records are a site database (the suite's PostgreSQL run).
     */
    private boolean signsIn(String name, String password) throws IOException {
        TmsHome tmsHome = new TmsHome(home);
        try (RecordStore store = RecordStore.open(tmsHome)) {
            return SiteUsers.of(tmsHome, store, UserAudit.into(store)).authenticate(name, password.toCharArray())
                    .isPresent();
        }
    }

    private String list() {
        assertThat(tmshost("", "users", "list")).isZero();
        return cli.out();
    }

    private String audit() {
        assertThat(tmshost("", "users", "audit")).isZero();
        return cli.out();
    }

    @Test
    void theFirstUserIsASupervisorAddedWithoutCredentialsAndAnOperatorFirstIsRefused() throws Exception {
        assertThat(tmshost("operator-pass\n", "users", "add", "op1", "--role", "operator")).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(cli.err()).contains("first user of a site is a supervisor");
        assertThat(list()).isEmpty();

        assertThat(tmshost("supervisor-pass\n", "users", "add", "sup", "--role", "supervisor")).isZero();
        assertThat(cli.out()).contains("user sup (supervisor) saved");
        assertThat(tmshost("taken-over\n", "users", "add", "tech1", "--role", "supervisor"))
                .as("the second user needs a supervisor").isEqualTo(ExitCode.BAD_INPUT);
        assertThat(cli.err()).contains("--as SUPERVISOR");
        assertThat(list()).isEqualTo("sup supervisor\n");
    }

    @Test
    void anOperatorCanNeitherCreateNorResetASupervisorNorResetAnotherUser() throws Exception {
        cli.addSiteUsers();
        assertThat(tmshost("supervisor-pass\noperator-pass\n", "users", "add", "op2", "--role", "operator", "--as",
                "sup")).isZero();

        assertThat(tmshost("operator-pass\ntaken-over\n", "users", "add", "tech1", "--role", "supervisor", "--as", "op1"))
                .isEqualTo(ExitCode.BAD_INPUT);
        assertThat(cli.err()).contains("'op1' is not a supervisor");
        assertThat(tmshost("operator-pass\ntaken-over\n", "users", "passwd", "sup", "--as", "op1"))
                .isEqualTo(ExitCode.BAD_INPUT);
        assertThat(tmshost("operator-pass\ntaken-over\n", "users", "passwd", "op2", "--as", "op1"))
                .isEqualTo(ExitCode.BAD_INPUT);
        assertThat(tmshost("operator-pass\n", "users", "role", "op1", "--role", "supervisor", "--as", "op1"))
                .isEqualTo(ExitCode.BAD_INPUT);
        assertThat(tmshost("operator-pass\n", "users", "remove", "op2", "--as", "op1")).isEqualTo(ExitCode.BAD_INPUT);

        assertThat(list()).isEqualTo("sup supervisor\nop1 operator\nop2 operator\n");
        assertThat(signsIn("sup", "taken-over")).isFalse();
        assertThat(signsIn("op2", "taken-over")).isFalse();
        assertThat(signsIn("sup", "supervisor-pass")).isTrue();
        assertThat(audit()).contains("op1  CHANGE_REFUSED  tech1").contains("op1  CHANGE_REFUSED  sup")
                .contains("op1  CHANGE_REFUSED  op2");
    }

    @Test
    void addingAnExistingUserIsRefusedWithOrWithoutCredentialsAndReplacesNothing() throws Exception {
        cli.addSiteUsers();
        assertThat(tmshost("taken-over\n", "users", "add", "sup", "--role", "supervisor")).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(tmshost("supervisor-pass\ntaken-over\n", "users", "add", "op1", "--role", "supervisor", "--as",
                "sup")).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(cli.err()).contains("already a user").contains("users passwd op1").contains("users role op1");
        assertThat(signsIn("sup", "supervisor-pass")).isTrue();
        assertThat(signsIn("op1", "operator-pass")).isTrue();
        assertThat(signsIn("op1", "taken-over")).isFalse();
        assertThat(list()).contains("op1 operator");
    }

    @Test
    void aUserChangesTheirOwnPasswordWithTheCurrentOneAndASupervisorResetsAnyone() throws Exception {
        cli.addSiteUsers();
        assertThat(tmshost("not-the-current\nfresh-pass-1\n", "users", "passwd", "op1")).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(signsIn("op1", "fresh-pass-1")).isFalse();
        assertThat(tmshost("operator-pass\nfresh-pass-1\n", "users", "passwd", "op1")).isZero();
        assertThat(signsIn("op1", "fresh-pass-1")).isTrue();

        // --as: the supervisor's password first, then the new one
        assertThat(tmshost("supervisor-pass\nfresh-pass-2\n", "users", "passwd", "op1", "--as", "sup")).isZero();
        assertThat(signsIn("op1", "fresh-pass-2")).isTrue();
        assertThat(signsIn("sup", "supervisor-pass")).isTrue();
    }

    @Test
    void fiveFailedSignInsLockASupervisorWhoThenCannotApproveUntilUnlocked() throws Exception {
        cli.addSiteUsers();
        assertThat(tmshost("supervisor-pass\nsupervisor2-secret\n", "users", "add", "sup2", "--role", "supervisor",
                "--as", "sup")).isZero();
        for (int i = 0; i < SiteUsers.MAX_FAILED_SIGN_INS; i++) {
            assertThat(tmshost("a-wrong-guess\n", "users", "remove", "op1", "--as", "sup")).isEqualTo(ExitCode.BAD_INPUT);
        }
        assertThat(list()).contains("sup supervisor  LOCKED after 5 failed sign-ins");

        Path protocol = Files.writeString(home.resolve("long.yaml"), NEEDS_OVERRIDE);
        assertThat(tmshost("supervisor-pass\n", "run", protocol.toString(), "--device", "sim:simulator", "--profile",
                "simulator", "--rmt", "50", "--mt-method", "emg", "--subject", "s1", "--operator", "op1", "--yes",
                "--approve-as", "sup", "--reason", "ethics approval 12")).isEqualTo(ExitCode.SAFETY_REFUSED);
        assertThat(cli.err()).contains("is locked after 5 failed sign-ins");
        assertThat(tmshost("", "sessions", "--json")).isZero();
        assertThat(new ObjectMapper().readTree(cli.out())).singleElement()
                .satisfies(s -> assertThat(s.get("deliveredPulses").asInt()).isZero());

        assertThat(audit()).contains("sup  LOCKED  sup").contains("account locked; for: approve overrides of session 1")
                .contains(UserAudit.localHostName());
        assertThat(tmshost("supervisor2-secret\n", "users", "unlock", "sup", "--as", "sup2")).isZero();
        assertThat(list()).doesNotContain("LOCKED");
        assertThat(signsIn("sup", "supervisor-pass")).isTrue();
    }

    @Test
    void theAuditShowsANameWithControlCharactersEscaped() throws Exception {
        cli.addSiteUsers();
        assertThat(tmshost("whatever-it-is\nfresh-pass-1\n", "users", "passwd", "\u001b[32mop1")).isEqualTo(2);
        assertThat(audit()).contains("\\u001B[32mop1  SIGN_IN_FAILED").doesNotContain("\u001b");
    }

    @Test
    void underAPolicyThatAsksItTheOperatorSignsInBeforeASessionIsPrepared() throws Exception {
        cli.addSiteUsers();
        Path policy;
        try (InputStream in = UsersCommandTest.class.getResourceAsStream("/safety/site-policy.yaml")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(text).contains("operatorsAuthenticate: false");
            policy = Files.writeString(home.resolve("policy.yaml"), text.replace("operatorsAuthenticate: false",
                    "operatorsAuthenticate: true"));
        }
        // the site's own policy, in force once a supervisor installs it
        assertThat(tmshost("supervisor-pass\n", "policy", "install", policy.toString(), "--as", "sup")).as(cli.err()).isZero();
        Path protocol = Files.writeString(home.resolve("short.yaml"), TmsHostCli.FIVE_PULSES_AT_5_HZ);
        String[] run = {"run", protocol.toString(), "--device", "sim:simulator", "--profile",
                cli.relaxedSimulatorProfile().toString(), "--rmt", "50", "--mt-method", "emg", "--subject", "s1",
                "--operator", "op1", "--yes", "--policy", policy.toString()};

        assertThat(tmshost("not-op1s-password\n", run)).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(cli.err()).contains("--operator refused").contains("wrong password for 'op1'");
        assertThat(tmshost("", "sessions", "--json")).isZero();
        assertThat(new ObjectMapper().readTree(cli.out())).as("no session was prepared").isEmpty();
        assertThat(audit()).contains("op1  SIGN_IN_FAILED  op1  wrong password (1 of 5 in a row); for: operate");

        assertThat(tmshost("operator-pass\n", run)).as(cli.err()).isZero();
        assertThat(tmshost("", "sessions", "--json")).isZero();
        assertThat(new ObjectMapper().readTree(cli.out())).singleElement()
                .satisfies(s -> assertThat(s.get("operator").asText()).isEqualTo("op1"));

        Path script = Files.writeString(home.resolve("session.tms"), "operator op1\n");
        assertThat(tmshost("not-op1s-password\n", "console", "--script", script.toString(), "--device", "sim:simulator",
                "--profile", "simulator", "--policy", policy.toString())).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(cli.err()).contains("operator refused").contains("wrong password for 'op1'");
        assertThat(tmshost("operator-pass\n", "console", "--script", script.toString(), "--device", "sim:simulator",
                "--profile", "simulator", "--policy", policy.toString())).as(cli.err()).isZero();
        assertThat(cli.out()).contains("operator op1");
    }

    @Test
    void withoutThePolicySwitchTheOperatorIsNotAskedForAPassword() throws Exception {
        cli.addSiteUsers();
        Path protocol = Files.writeString(home.resolve("short.yaml"), TmsHostCli.FIVE_PULSES_AT_5_HZ);
        assertThat(tmshost("", "run", protocol.toString(), "--device", "sim:simulator", "--profile",
                cli.relaxedSimulatorProfile().toString(), "--rmt", "50", "--mt-method", "emg", "--subject", "s1",
                "--operator", "op1", "--yes")).as(cli.err()).isZero();
    }
}
