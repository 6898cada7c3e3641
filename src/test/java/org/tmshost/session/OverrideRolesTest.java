package org.tmshost.session;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tmshost.record.OverrideRow;
import org.tmshost.record.RecordStore;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** NEEDS_OVERRIDE needs a supervisor's approval with a reason; operators cannot approve; BLOCKED never. */
@Tag("unit")
class OverrideRolesTest {
    private static final char[] SUPERVISOR_PASSWORD = "correct horse".toCharArray();
    private static final char[] OPERATOR_PASSWORD = "battery staple".toCharArray();

    /** sup (the site's first user, a supervisor), then op1 added by sup; audited into {@code store}. */
    static SiteUsers users(Path dir, RecordStore store) throws Exception {
        SiteUsers users = load(dir, store);
        users.changes().add("sup", Role.SUPERVISOR, SUPERVISOR_PASSWORD.clone(), Optional.empty());
        users.changes().add("op1", Role.OPERATOR, OPERATOR_PASSWORD.clone(), Optional.of(sup(users)));
        return load(dir, store);
    }

    static SiteUsers load(Path dir, RecordStore store) throws Exception {
        return SiteUsers.load(dir.resolve("users.yaml"), 1_000, UserAudit.into(store));
    }

    static AuthenticatedUser sup(SiteUsers users) throws Exception {
        return users.authenticate("sup", SUPERVISOR_PASSWORD.clone()).orElseThrow();
    }

    @Test
    void theUsersFileKeepsSaltedHashesNotPasswords(@TempDir Path dir) throws Exception {
        try (RecordStore store = RecordStore.open(dir.resolve("records.db"))) {
            SiteUsers users = users(dir, store);
            String file = Files.readString(dir.resolve("users.yaml"));
            assertThat(file).doesNotContain("correct horse").doesNotContain("battery staple").contains("salt:");
            assertThat(users.authenticate("sup", SUPERVISOR_PASSWORD.clone())).hasValueSatisfying(
                    u -> assertThat(u.role()).isEqualTo(Role.SUPERVISOR));
            assertThat(users.authenticate("sup", "wrong password".toCharArray())).isEmpty();
            assertThat(users.authenticate("nobody", SUPERVISOR_PASSWORD.clone())).isEmpty();
            AuthenticatedUser sup = sup(users);
            assertThatThrownBy(() -> users.changes().add("x", Role.OPERATOR, "short".toCharArray(), Optional.of(sup)))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    /** A hash below the work factor in force signs no one in, even with the right password (issue 14). */
    @Test
    void aUserEntryBelowTheWorkFactorInForceCannotSignIn(@TempDir Path dir) throws Exception {
        try (RecordStore store = RecordStore.open(dir.resolve("records.db"))) {
            UserAudit audit = UserAudit.into(store);
            SiteUsers.load(dir.resolve("users.yaml"), 1, audit).changes().add("weak", Role.SUPERVISOR,
                    "correct horse".toCharArray(), Optional.empty());
            assertThat(Files.readString(dir.resolve("users.yaml"))).contains("iterations: 1");
            assertThat(SiteUsers.load(dir.resolve("users.yaml"), 1, audit).authenticate("weak",
                    "correct horse".toCharArray())).isPresent();
            assertThat(SiteUsers.load(dir.resolve("users.yaml"), 1_000, audit).authenticate("weak",
                    "correct horse".toCharArray())).as("iterations 1 under a work factor of 1000").isEmpty();
        }
    }

    /** A removed user cannot sign in; a re-added one signs in only with the new password; others are kept. */
    @Test
    void aRemovedUserCanNoLongerSignInAndAReAddedOneNeedsTheNewPassword(@TempDir Path dir) throws Exception {
        try (RecordStore store = RecordStore.open(dir.resolve("records.db"))) {
            SiteUsers users = users(dir, store);
            Optional<AuthenticatedUser> sup = Optional.of(sup(users));
            users.changes().remove("op1", sup);
            assertThatThrownBy(() -> users.changes().remove("op1", sup)).isInstanceOf(UserChangeRefused.class)
                    .hasMessageContaining("no user 'op1'");
            SiteUsers reloaded = load(dir, store);
            assertThat(reloaded.authenticate("op1", OPERATOR_PASSWORD.clone())).isEmpty();
            assertThat(reloaded.roleOf("op1")).isEmpty();
            assertThat(reloaded.authenticate("sup", SUPERVISOR_PASSWORD.clone())).isPresent();

            reloaded.changes().add("op1", Role.OPERATOR, "a new password".toCharArray(), sup);
            SiteUsers changed = load(dir, store);
            assertThat(changed.authenticate("op1", OPERATOR_PASSWORD.clone())).as("the old password").isEmpty();
            assertThat(changed.authenticate("op1", "a new password".toCharArray())).isPresent();
        }
    }

    @Test
    void anOperatorCannotApproveAnOverride(@TempDir Path dir) throws Exception {
        try (SessionRig rig = new SessionRig(dir)) {
            AuthenticatedUser operator = users(dir, rig.store).authenticate("op1", OPERATOR_PASSWORD.clone()).orElseThrow();
            Session session = rig.prepare(SessionRig.NEEDS_OVERRIDE);
            assertThatThrownBy(() -> session.approveOverrides(operator, "I think it is fine"))
                    .isInstanceOf(OverrideRefused.class).hasMessageContaining("operators cannot approve");
            assertThat(rig.store.overrides(session.id())).isEmpty();
            assertThat(session.arm(Confirmations.BOTH, "op1").failedChecks()).containsExactly(CheckId.ENVELOPE_APPROVED);
        }
    }

    /** Four eyes: a supervisor who operates the session cannot approve its overrides (issue 14). */
    @Test
    void theSessionsOwnOperatorCannotApproveItsOverridesEvenAsASupervisor(@TempDir Path dir) throws Exception {
        try (SessionRig rig = new SessionRig(dir)) {
            SiteUsers users = users(dir, rig.store);
            users.changes().add("OP1", Role.SUPERVISOR, "a supervisor's password".toCharArray(), Optional.of(sup(users)));
            AuthenticatedUser sameAsOperator = load(dir, rig.store).authenticate("OP1", "a supervisor's password".toCharArray()).orElseThrow();
            Session session = rig.prepare(SessionRig.NEEDS_OVERRIDE); // operated by op1
            assertThatThrownBy(() -> session.approveOverrides(sameAsOperator, "approved by myself"))
                    .isInstanceOf(OverrideRefused.class).hasMessageContaining("four eyes");
            assertThat(rig.store.overrides(session.id())).isEmpty();
            assertThat(session.arm(Confirmations.BOTH, "op1").failedChecks()).containsExactly(CheckId.ENVELOPE_APPROVED);
        }
    }

    @Test
    void aSupervisorsApprovalWithAReasonIsRecordedAndLetsTheSessionArm(@TempDir Path dir) throws Exception {
        try (SessionRig rig = new SessionRig(dir)) {
            AuthenticatedUser supervisor = sup(users(dir, rig.store));
            Session session = rig.prepare(SessionRig.NEEDS_OVERRIDE);
            assertThatThrownBy(() -> session.approveOverrides(supervisor, "  ")).isInstanceOf(OverrideRefused.class);
            assertThat(session.approveOverrides(supervisor, "protocol approved by ethics board")).isEqualTo(1);
            assertThat(rig.store.overrides(session.id())).extracting(OverrideRow::ruleId, OverrideRow::approvedBy,
                    OverrideRow::reason).containsExactly(org.assertj.core.groups.Tuple.tuple(
                    "rossi2009.train-duration", "sup", "protocol approved by ethics board"));
            assertThat(session.arm(Confirmations.BOTH, "op1").canArm()).isTrue();
            assertThat(session.state()).isEqualTo(SessionState.ARMED);
            session.cancel("test over", "op1");
        }
    }

    @Test
    void aBlockedVerdictCannotBeOverriddenEvenByASupervisor(@TempDir Path dir) throws Exception {
        try (SessionRig rig = new SessionRig(dir)) {
            AuthenticatedUser supervisor = sup(users(dir, rig.store));
            Session session = Session.prepare(rig.request(SessionRig.BLOCKED, 90), rig.simulator, rig.linkWatch,
                    rig.store, rig.settings);
            assertThatThrownBy(() -> session.approveOverrides(supervisor, "please"))
                    .isInstanceOf(OverrideRefused.class).hasMessageContaining("cannot be overridden");
            assertThat(rig.store.overrides(session.id())).isEmpty();
            assertThat(session.arm(Confirmations.BOTH, "op1").canArm()).isFalse();
        }
    }
}
