package org.tmshost.session;

import java.io.IOException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Changes to the site's users under the four-eyes rules (issue 14; contracts.md §9). The first user
 * of a site is a supervisor and needs no credentials; after that every change to a user other than
 * one's own password needs a signed-in supervisor, and a user changes their own password with the
 * current one. The last supervisor is never removed nor made an operator. Every change and every
 * refusal is audited; nothing is ever replaced silently.
 */
public final class UserChanges {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final int MIN_PASSWORD = 8;
    private static final String NO_ONE = "(no credentials)";

    private final SiteUsers users;

    UserChanges(SiteUsers users) {
        this.users = users;
    }

    /**
     * Adds a user: the site's first (a supervisor, {@code by} empty), or by a supervisor. An existing
     * name is refused, never replaced.
     *
     * @throws IllegalArgumentException for a bad name or a password shorter than 8 characters
     * @throws UserChangeRefused        when the four-eyes rules refuse it
     */
    public void add(String name, Role role, char[] password, Optional<AuthenticatedUser> by)
            throws UserChangeRefused, IOException {
        checkName(name);
        checkPassword(password);
        if (users.isEmpty()) {
            if (role != Role.SUPERVISOR) {
                throw refused(by.map(AuthenticatedUser::name).orElse(NO_ONE), name, "add as " + lower(role),
                        "the first user of a site is a supervisor ('tmshost users add NAME --role supervisor'); "
                                + "that supervisor then adds the operators");
            }
            if (users.addFirst(name, role, password)) {
                users.audit().record(name, name, UserAction.ADDED, "role supervisor; the site's first user, "
                        + "no credentials needed");
                return;
            }
            // another host of the site added its first user since: the rules of a site with users apply
        }
        AuthenticatedUser supervisor = supervisor(by, name, "add as " + lower(role));
        Optional<Role> existing = users.roleOf(name);
        if (existing.isPresent()) {
            throw alreadyAUser(supervisor, name, role, existing.get());
        }
        if (!users.add(name, role, password)) { // added on another host since
            throw alreadyAUser(supervisor, name, role, users.roleOf(name).orElse(role));
        }
        users.audit().record(supervisor.name(), name, UserAction.ADDED, "role " + lower(role));
    }

    private UserChangeRefused alreadyAUser(AuthenticatedUser supervisor, String name, Role role, Role existing) {
        return refused(supervisor.name(), name, "add as " + lower(role), "'" + name + "' is already a user ("
                + lower(existing) + "); nothing was replaced: 'tmshost users passwd " + name
                + "' sets a password, 'tmshost users role " + name + " --role R --as SUPERVISOR' changes the role");
    }

    /**
     * {@code name} changes their own password, giving the current one (a failed sign-in if wrong).
     */
    public void changeOwnPassword(String name, char[] current, char[] next) throws UserChangeRefused, IOException {
        checkPassword(next);
        Optional<AuthenticatedUser> self = users.authenticate(name, current, "change own password");
        if (self.isEmpty()) {
            throw refused(name, name, "change own password", "unknown user, wrong current password or a locked "
                    + "account; a supervisor resets it: 'tmshost users passwd " + name + " --as SUPERVISOR'");
        }
        if (!users.setPassword(name, next)) {
            throw gone(name, name, "change own password");
        }
        users.audit().record(name, name, UserAction.PASSWORD_CHANGED, "own password, with the current one");
    }

    /** A supervisor sets {@code name}'s password, which also unlocks the account. */
    public void resetPassword(String name, char[] next, Optional<AuthenticatedUser> by) throws UserChangeRefused, IOException {
        checkPassword(next);
        AuthenticatedUser supervisor = supervisor(by, name, "reset password");
        existing(supervisor, name, "reset password");
        boolean wasLocked = users.locked(name);
        if (!users.setPassword(name, next)) {
            throw gone(supervisor.name(), name, "reset password");
        }
        users.audit().record(supervisor.name(), name, UserAction.PASSWORD_RESET, "password set by a supervisor"
                + (wasLocked ? "; account unlocked" : ""));
    }

    /** A supervisor changes {@code name}'s role; the last supervisor stays one. */
    public void changeRole(String name, Role role, Optional<AuthenticatedUser> by) throws UserChangeRefused, IOException {
        String what = "change role to " + lower(role);
        AuthenticatedUser supervisor = supervisor(by, name, what);
        Role was = existing(supervisor, name, what);
        if (was == role) {
            throw refused(supervisor.name(), name, what, "'" + name + "' is already " + lower(role));
        }
        if (was == Role.SUPERVISOR && users.count(Role.SUPERVISOR) == 1) {
            throw refused(supervisor.name(), name, what, "'" + name + "' is the site's last supervisor");
        }
        if (!users.setRole(name, role)) { // changed on another host since
            throw lostRace(supervisor.name(), name, what);
        }
        users.audit().record(supervisor.name(), name, UserAction.ROLE_CHANGED, lower(was) + " -> " + lower(role));
    }

    /** A supervisor removes {@code name}; the last supervisor stays. Sessions keep the names they recorded. */
    public void remove(String name, Optional<AuthenticatedUser> by) throws UserChangeRefused, IOException {
        AuthenticatedUser supervisor = supervisor(by, name, "remove");
        Role was = existing(supervisor, name, "remove");
        if (was == Role.SUPERVISOR && users.count(Role.SUPERVISOR) == 1) {
            throw refused(supervisor.name(), name, "remove", "'" + name + "' is the site's last supervisor");
        }
        if (!users.delete(name)) { // changed on another host since
            throw lostRace(supervisor.name(), name, "remove");
        }
        users.audit().record(supervisor.name(), name, UserAction.REMOVED, "was " + lower(was));
    }

    /** A supervisor unlocks an account that failed sign-ins locked, keeping its password. */
    public void unlock(String name, Optional<AuthenticatedUser> by) throws UserChangeRefused, IOException {
        AuthenticatedUser supervisor = supervisor(by, name, "unlock");
        existing(supervisor, name, "unlock");
        if (!users.locked(name)) {
            throw refused(supervisor.name(), name, "unlock", "'" + name + "' is not locked");
        }
        if (!users.unlock(name)) {
            throw gone(supervisor.name(), name, "unlock");
        }
        users.audit().record(supervisor.name(), name, UserAction.UNLOCKED, "account unlocked by a supervisor");
    }

    /**
     * {@code by}, if it is a supervisor now (its entry is read again: a user removed, re-roled or
     * locked since signing in no longer counts); else the change is refused.
     */
    private AuthenticatedUser supervisor(Optional<AuthenticatedUser> by, String name, String what)
            throws UserChangeRefused {
        if (by.isEmpty()) {
            throw refused(NO_ONE, name, what, "the site has users: this change needs --as SUPERVISOR and that "
                    + "supervisor's password (four eyes)");
        }
        AuthenticatedUser who = by.get();
        if (users.roleOf(who.name()).orElse(null) != Role.SUPERVISOR || users.locked(who.name())) {
            throw refused(who.name(), name, what, "'" + who.name() + "' is not a supervisor: only a supervisor adds, "
                    + "resets, re-roles, unlocks or removes users (four eyes); a user changes only their own password");
        }
        return who;
    }

    private Role existing(AuthenticatedUser by, String name, String what) throws UserChangeRefused {
        Optional<Role> role = users.roleOf(name);
        if (role.isEmpty()) {
            throw refused(by.name(), name, what, "no user '" + name + "'; 'tmshost users list' shows them");
        }
        return role.get();
    }

    /** {@code name} was removed (on another host of the site) between the check and the change. */
    private UserChangeRefused gone(String actor, String name, String what) {
        return refused(actor, name, what, "no user '" + name + "' (any more); 'tmshost users list' shows them");
    }

    /** A change another host's change made impossible between the check and the write. */
    private UserChangeRefused lostRace(String actor, String name, String what) {
        return users.roleOf(name).isEmpty() ? gone(actor, name, what)
                : refused(actor, name, what, "'" + name + "' is the site's last supervisor");
    }

    /** Audits the refusal and returns it to throw. */
    private UserChangeRefused refused(String actor, String name, String what, String why) {
        users.audit().record(actor, name, UserAction.CHANGE_REFUSED, what + ": " + why);
        return new UserChangeRefused(why);
    }

    private static void checkName(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a user name is 1-64 letters, digits, '.', '_' or '-': '"
                    + org.tmshost.yaml.PrintableText.escaped(name) + "'");
        }
    }

    private static void checkPassword(char[] password) {
        if (password.length < MIN_PASSWORD) {
            throw new IllegalArgumentException("a password needs at least " + MIN_PASSWORD + " characters");
        }
    }

    private static String lower(Role role) {
        return role.name().toLowerCase(Locale.ROOT);
    }
}
