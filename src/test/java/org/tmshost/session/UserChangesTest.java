package org.tmshost.session;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tmshost.record.RecordStore;
import org.tmshost.record.UserChangeRow;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Four eyes on the site's users (issue 14): the first user is a supervisor; after that only a
 * signed-in supervisor changes another user, a role or a supervisor; a user changes their own
 * password with the current one; nothing is replaced silently; every change, refusal and failed
 * sign-in is audited; {@value SiteUsers#MAX_FAILED_SIGN_INS} failures in a row lock an account.
 */
@Tag("unit")
class UserChangesTest {
    private static final Instant NOW = Instant.parse("2026-11-29T09:15:00Z");
    private static final String HOST = "lab-pc-3";

    @TempDir
    Path dir;
    private RecordStore store;

    @BeforeEach
    void openStore() {
        store = RecordStore.open(dir.resolve("records.db"));
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    private SiteUsers users() throws Exception {
        return SiteUsers.load(dir.resolve("users.yaml"), 1_000, UserAudit.into(store, InstantSource.fixed(NOW), HOST));
    }

    private static char[] pw(String password) {
        return password.toCharArray();
    }

    private Optional<AuthenticatedUser> signIn(String name, String password) throws Exception {
        return users().authenticate(name, pw(password));
    }

    /** sup (the first user), op1 and op2 (added by sup). */
    private void site() throws Exception {
        users().changes().add("sup", Role.SUPERVISOR, pw("supervisor-pass"), Optional.empty());
        users().changes().add("op1", Role.OPERATOR, pw("operator-pass"), signIn("sup", "supervisor-pass"));
        users().changes().add("op2", Role.OPERATOR, pw("operator2-pass"), signIn("sup", "supervisor-pass"));
    }

    private List<String> actions() {
        return store.userChanges().stream().map(UserChangeRow::action).toList();
    }

    @Test
    void theFirstUserOfASiteMustBeASupervisorAndTheSecondNeedsOne() throws Exception {
        assertThatThrownBy(() -> users().changes().add("tech1", Role.OPERATOR, pw("operator-pass"), Optional.empty()))
                .isInstanceOf(UserChangeRefused.class).hasMessageContaining("first user of a site is a supervisor");
        assertThat(users().isEmpty()).isTrue();
        assertThat(Files.exists(dir.resolve("users.yaml"))).isFalse();

        users().changes().add("sup", Role.SUPERVISOR, pw("supervisor-pass"), Optional.empty());
        assertThatThrownBy(() -> users().changes().add("tech1", Role.SUPERVISOR, pw("any password"), Optional.empty()))
                .isInstanceOf(UserChangeRefused.class).hasMessageContaining("--as SUPERVISOR");
        assertThat(users().roleOf("tech1")).isEmpty();
        assertThat(actions()).containsExactly("CHANGE_REFUSED", "ADDED", "CHANGE_REFUSED");
    }

    @Test
    void anOperatorCanNeitherCreateNorResetNorRemoveASupervisor() throws Exception {
        site();
        Optional<AuthenticatedUser> op1 = signIn("op1", "operator-pass");
        assertThat(op1).isPresent();
        UserChanges changes = users().changes();
        assertThatThrownBy(() -> changes.add("tech1", Role.SUPERVISOR, pw("tech1-pass"), op1))
                .isInstanceOf(UserChangeRefused.class).hasMessageContaining("'op1' is not a supervisor");
        assertThatThrownBy(() -> changes.resetPassword("sup", pw("taken-over"), op1))
                .isInstanceOf(UserChangeRefused.class).hasMessageContaining("four eyes");
        assertThatThrownBy(() -> changes.changeRole("op1", Role.SUPERVISOR, op1))
                .isInstanceOf(UserChangeRefused.class);
        assertThatThrownBy(() -> changes.remove("sup", op1)).isInstanceOf(UserChangeRefused.class);

        assertThat(users().roleOf("tech1")).isEmpty();
        assertThat(users().roleOf("op1")).contains(Role.OPERATOR);
        assertThat(signIn("sup", "taken-over")).isEmpty();
        assertThat(signIn("sup", "supervisor-pass")).isPresent();
        assertThat(store.userChanges()).filteredOn(r -> r.action().equals("CHANGE_REFUSED"))
                .extracting(UserChangeRow::actor, UserChangeRow::user).containsExactly(tuple("op1", "tech1"),
                        tuple("op1", "sup"), tuple("op1", "op1"), tuple("op1", "sup"));
    }

    @Test
    void anOperatorCannotResetAnotherUsersPassword() throws Exception {
        site();
        Optional<AuthenticatedUser> op1 = signIn("op1", "operator-pass");
        assertThatThrownBy(() -> users().changes().resetPassword("op2", pw("op1 knows it now"), op1))
                .isInstanceOf(UserChangeRefused.class);
        assertThat(signIn("op2", "op1 knows it now")).isEmpty();
        assertThat(signIn("op2", "operator2-pass")).isPresent();
    }

    @Test
    void addingAnExistingUserIsRefusedAndReplacesNothing() throws Exception {
        site();
        assertThatThrownBy(() -> users().changes().add("sup", Role.SUPERVISOR, pw("any password"), Optional.empty()))
                .isInstanceOf(UserChangeRefused.class);
        assertThatThrownBy(() -> users().changes().add("op1", Role.SUPERVISOR, pw("new password"),
                signIn("sup", "supervisor-pass"))).isInstanceOf(UserChangeRefused.class)
                .hasMessageContaining("already a user").hasMessageContaining("users passwd op1");
        assertThat(signIn("sup", "supervisor-pass")).isPresent();
        assertThat(signIn("op1", "operator-pass")).hasValueSatisfying(u -> assertThat(u.role()).isEqualTo(Role.OPERATOR));
        assertThat(signIn("op1", "new password")).isEmpty();
    }

    @Test
    void aUserChangesTheirOwnPasswordOnlyWithTheCurrentOne() throws Exception {
        site();
        assertThatThrownBy(() -> users().changes().changeOwnPassword("op1", pw("a guess!!"), pw("mine now")))
                .isInstanceOf(UserChangeRefused.class);
        assertThat(signIn("op1", "mine now")).isEmpty();
        users().changes().changeOwnPassword("op1", pw("operator-pass"), pw("a better one"));
        assertThat(signIn("op1", "operator-pass")).isEmpty();
        assertThat(signIn("op1", "a better one")).isPresent();
        assertThat(store.userChanges()).extracting(UserChangeRow::actor, UserChangeRow::user, UserChangeRow::action)
                .contains(tuple("op1", "op1", "SIGN_IN_FAILED"), tuple("op1", "op1", "CHANGE_REFUSED"),
                        tuple("op1", "op1", "PASSWORD_CHANGED"));
    }

    @Test
    void theLastSupervisorIsNeitherRemovedNorMadeAnOperator() throws Exception {
        site();
        Optional<AuthenticatedUser> sup = signIn("sup", "supervisor-pass");
        assertThatThrownBy(() -> users().changes().remove("sup", sup)).isInstanceOf(UserChangeRefused.class)
                .hasMessageContaining("last supervisor");
        assertThatThrownBy(() -> users().changes().changeRole("sup", Role.OPERATOR, sup))
                .isInstanceOf(UserChangeRefused.class).hasMessageContaining("last supervisor");
        users().changes().changeRole("op1", Role.SUPERVISOR, sup);
        users().changes().changeRole("sup", Role.OPERATOR, sup); // op1 is a supervisor now
        assertThat(users().roleOf("sup")).contains(Role.OPERATOR);
        assertThatThrownBy(() -> users().changes().remove("op2", sup))
                .as("sup signed in as a supervisor but is one no longer").isInstanceOf(UserChangeRefused.class);
    }

    @Test
    void failedSignInsAreAuditedAndFiveInARowLockTheAccountUntilASupervisorUnlocksIt() throws Exception {
        site();
        users().changes().add("sup2", Role.SUPERVISOR, pw("second-supervisor"), signIn("sup", "supervisor-pass"));
        assertThat(signIn("nobody", "whatever")).isEmpty();
        for (int i = 1; i < SiteUsers.MAX_FAILED_SIGN_INS; i++) {
            assertThat(signIn("sup", "a wrong guess")).isEmpty();
        }
        assertThat(users().locked("sup")).isFalse();
        assertThat(signIn("sup", "a wrong guess")).isEmpty();
        assertThat(users().locked("sup")).as("read back from the file: it survives a restart").isTrue();
        assertThat(users().describe()).contains("sup supervisor  LOCKED after 5 failed sign-ins");

        assertThat(signIn("sup", "supervisor-pass")).as("a locked account signs no one in").isEmpty();
        assertThatThrownBy(() -> users().changes().unlock("sup", Optional.empty())).isInstanceOf(UserChangeRefused.class);

        List<UserChangeRow> failures = store.userChanges().stream()
                .filter(r -> r.action().equals("SIGN_IN_FAILED") || r.action().equals("LOCKED")).toList();
        assertThat(failures).extracting(UserChangeRow::user, UserChangeRow::action).containsExactly(
                tuple("nobody", "SIGN_IN_FAILED"), tuple("sup", "SIGN_IN_FAILED"), tuple("sup", "SIGN_IN_FAILED"),
                tuple("sup", "SIGN_IN_FAILED"), tuple("sup", "SIGN_IN_FAILED"), tuple("sup", "SIGN_IN_FAILED"),
                tuple("sup", "LOCKED"), tuple("sup", "SIGN_IN_FAILED"));
        assertThat(failures.get(0).detail()).startsWith("unknown user");
        assertThat(failures.get(5).detail()).startsWith("wrong password (5 of 5");
        assertThat(failures.get(7).detail()).startsWith("account locked");

        users().changes().unlock("sup", signIn("sup2", "second-supervisor"));
        assertThat(signIn("sup", "supervisor-pass")).isPresent();
        assertThat(actions()).contains("UNLOCKED");
    }

    @Test
    void aSupervisorSignedInBeforeTheLockCanChangeNothingOnceLocked() throws Exception {
        site();
        Optional<AuthenticatedUser> sup = signIn("sup", "supervisor-pass");
        for (int i = 0; i < SiteUsers.MAX_FAILED_SIGN_INS; i++) {
            signIn("sup", "a wrong guess");
        }
        assertThatThrownBy(() -> users().changes().resetPassword("op1", pw("reset-by-sup"), sup))
                .isInstanceOf(UserChangeRefused.class);
        assertThat(signIn("op1", "operator-pass")).isPresent();
    }

    @Test
    void aSupervisorsResetSetsThePasswordAndUnlocks() throws Exception {
        site();
        for (int i = 0; i < SiteUsers.MAX_FAILED_SIGN_INS; i++) {
            signIn("op1", "a wrong guess");
        }
        assertThat(users().locked("op1")).isTrue();
        users().changes().resetPassword("op1", pw("fresh-password"), signIn("sup", "supervisor-pass"));
        assertThat(users().locked("op1")).isFalse();
        assertThat(signIn("op1", "fresh-password")).isPresent();
        assertThat(store.userChanges()).filteredOn(r -> r.action().equals("PASSWORD_RESET"))
                .extracting(UserChangeRow::detail).containsExactly("password set by a supervisor; account unlocked");
    }

    @Test
    void everyChangeIsAuditedWithWhoWhenWhatAndTheHost() throws Exception {
        site();
        Optional<AuthenticatedUser> sup = signIn("sup", "supervisor-pass");
        users().changes().resetPassword("op2", pw("reset-password"), sup);
        users().changes().changeRole("op2", Role.SUPERVISOR, sup);
        users().changes().changeOwnPassword("op1", pw("operator-pass"), pw("new-operator-pass"));
        users().changes().remove("op2", sup);

        assertThat(store.userChanges()).allSatisfy(row -> {
            assertThat(row.recordedAt()).isEqualTo(NOW);
            assertThat(row.host()).isEqualTo(HOST);
        }).extracting(UserChangeRow::actor, UserChangeRow::user, UserChangeRow::action, UserChangeRow::detail)
                .containsExactly(
                        tuple("sup", "sup", "ADDED", "role supervisor; the site's first user, no credentials needed"),
                        tuple("sup", "op1", "ADDED", "role operator"),
                        tuple("sup", "op2", "ADDED", "role operator"),
                        tuple("sup", "op2", "PASSWORD_RESET", "password set by a supervisor"),
                        tuple("sup", "op2", "ROLE_CHANGED", "operator -> supervisor"),
                        tuple("op1", "op1", "PASSWORD_CHANGED", "own password, with the current one"),
                        tuple("sup", "op2", "REMOVED", "was supervisor"));
        assertThat(store.userChanges()).extracting(UserChangeRow::id).isSorted().doesNotHaveDuplicates();
    }
}
