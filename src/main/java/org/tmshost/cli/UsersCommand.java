package org.tmshost.cli;

import org.tmshost.console.ExitCode;
import org.tmshost.record.RecordStore;
import org.tmshost.record.TmsHome;
import org.tmshost.record.UserChangeRow;
import org.tmshost.session.AuthenticatedUser;
import org.tmshost.session.Role;
import org.tmshost.session.SiteUsers;
import org.tmshost.session.UserAudit;
import org.tmshost.session.UserChangeRefused;
import org.tmshost.session.UserChanges;
import org.tmshost.yaml.PrintableText;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "users", description = {"Site users and roles, salted PBKDF2 hashes: $TMSHOST_HOME/users.yaml, or, when "
        + "the records are a site database (--records), the site's, shared by all its hosts.",
        "Supervisors approve NEEDS_OVERRIDE findings and manage users; operators run sessions.",
        "Four eyes: the first user of a site is a supervisor and needs no credentials; after that every change "
                + "to another user, a role or a supervisor needs --as SUPERVISOR and that supervisor's password; "
                + "a user changes their own password with the current one. The last supervisor stays.",
        "Passwords are asked without echo on a terminal, else read from standard input, one line each: the --as "
                + "supervisor's (or, for your own password, the current one) first, then the new one.",
        "5 failed sign-ins in a row lock an account until a supervisor unlocks it (users unlock, or users passwd "
                + "--as). Every change, refusal, failed sign-in and lock is audited in the records (users audit).",
        "Exit codes: 0 done; 2 bad input or a change the rules refuse."},
        subcommands = {UsersCommand.Add.class, UsersCommand.Passwd.class, UsersCommand.ChangeRole.class,
                UsersCommand.Unlock.class, UsersCommand.Remove.class, UsersCommand.ListUsers.class,
                UsersCommand.Audit.class})
final class UsersCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return ExitCode.OK;
    }

    /** What every change does: opens the users file with its audit, signs the --as supervisor in, reports. */
    abstract static class Change implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "NAME")
        String name;

        @Option(names = "--as", paramLabel = "SUPERVISOR",
                description = "The supervisor making the change; their password is read first.")
        String as;

        @Option(names = "--password-stdin", description = "Read the passwords from standard input, one line each, even on a terminal "
                + "(the default off a terminal).")
        boolean passwordStdin;

        @Override
        public final Integer call() throws IOException {
            TmsHome home = TmsHome.resolve();
            PrintWriter err = spec.commandLine().getErr();
            try (RecordStore store = RecordStore.open(home)) {
                SiteUsers users = SiteUsers.of(home, store, UserAudit.into(store));
                users.unusedUsersFile().ifPresent(note -> err.println("note: " + PrintableText.escaped(note)));
                Optional<AuthenticatedUser> by = Optional.empty();
                if (as != null && !ownChange()) {
                    char[] password = Passwords.of(as, passwordStdin);
                    try {
                        by = users.authenticate(as, password, "--as for users " + spec.name() + " " + name);
                    } finally {
                        SiteUsers.wipe(password);
                    }
                    if (by.isEmpty()) {
                        err.println("error: unknown user, wrong password or a locked account for '"
                                + PrintableText.escaped(as) + "' (audited); nothing was changed");
                        return ExitCode.BAD_INPUT;
                    }
                }
                String done = change(users.changes(), by);
                spec.commandLine().getOut().println(done + " (" + users.where() + ")");
                return ExitCode.OK;
            } catch (UserChangeRefused e) {
                err.println("refused: " + PrintableText.escaped(e.getMessage()));
                return ExitCode.BAD_INPUT;
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
        }

        /** A user changing their own password (no --as, or --as themselves): signed in by the current one. */
        boolean ownChange() {
            return false;
        }

        /** Makes the change; returns what was done, in words. */
        abstract String change(UserChanges changes, Optional<AuthenticatedUser> by)
                throws UserChangeRefused, IOException;

        Role role(String role) {
            try {
                return Role.valueOf(role.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--role must be supervisor or operator, not '" + PrintableText.escaped(role) + "'");
            }
        }

        String shown() {
            return PrintableText.escaped(name);
        }
    }

    @Command(name = "add", description = {"Add a user. The site's first user is a supervisor, added without --as; "
            + "after that a supervisor adds users with --as SUPERVISOR.",
            "An existing name is refused, never replaced: 'users passwd' sets a password, 'users role' a role."})
    static final class Add extends Change {
        @Option(names = "--role", required = true, paramLabel = "supervisor|operator")
        String role;

        @Override
        String change(UserChanges changes, Optional<AuthenticatedUser> by) throws UserChangeRefused, IOException {
            Role parsed = role(role);
            char[] password = Passwords.newFor(name, passwordStdin);
            try {
                changes.add(name, parsed, password, by);
            } finally {
                SiteUsers.wipe(password);
            }
            return "user " + shown() + " (" + parsed.name().toLowerCase(Locale.ROOT) + ") saved";
        }
    }

    @Command(name = "passwd", description = {"Set a password. Your own: without --as, the current password then the "
            + "new one. Another user's: --as SUPERVISOR, that supervisor's password then the new one; this also "
            + "unlocks the account."})
    static final class Passwd extends Change {
        @Override
        boolean ownChange() {
            return as == null || as.equals(name);
        }

        @Override
        String change(UserChanges changes, Optional<AuthenticatedUser> by) throws UserChangeRefused, IOException {
            if (ownChange()) {
                char[] current = Passwords.of(name, passwordStdin);
                char[] next = Passwords.newFor(name, passwordStdin);
                try {
                    changes.changeOwnPassword(name, current, next);
                } finally {
                    SiteUsers.wipe(current);
                    SiteUsers.wipe(next);
                }
                return "password of " + shown() + " changed";
            }
            char[] next = Passwords.newFor(name, passwordStdin);
            try {
                changes.resetPassword(name, next, by);
            } finally {
                SiteUsers.wipe(next);
            }
            return "password of " + shown() + " set by " + PrintableText.escaped(as) + "; the account is unlocked";
        }
    }

    @Command(name = "role", description = "Change a user's role (--as SUPERVISOR). The last supervisor stays one.")
    static final class ChangeRole extends Change {
        @Option(names = "--role", required = true, paramLabel = "supervisor|operator")
        String role;

        @Override
        String change(UserChanges changes, Optional<AuthenticatedUser> by) throws UserChangeRefused, IOException {
            Role parsed = role(role);
            changes.changeRole(name, parsed, by);
            return "user " + shown() + " is now " + parsed.name().toLowerCase(Locale.ROOT);
        }
    }

    @Command(name = "unlock", description = "Unlock an account that failed sign-ins locked (--as SUPERVISOR); "
            + "its password is kept.")
    static final class Unlock extends Change {
        @Override
        String change(UserChanges changes, Optional<AuthenticatedUser> by) throws UserChangeRefused, IOException {
            changes.unlock(name, by);
            return "user " + shown() + " unlocked";
        }
    }

    @Command(name = "remove", description = "Remove a user (--as SUPERVISOR); the sessions they ran or approved keep "
            + "their name. The last supervisor stays.")
    static final class Remove extends Change {
        @Override
        String change(UserChanges changes, Optional<AuthenticatedUser> by) throws UserChangeRefused, IOException {
            changes.remove(name, by);
            return "user " + shown() + " removed";
        }
    }

    @Command(name = "list", description = "Users and their roles; LOCKED after failed sign-ins.")
    static final class ListUsers implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            TmsHome home = TmsHome.resolve();
            try (RecordStore store = RecordStore.open(home)) {
                SiteUsers users = SiteUsers.of(home, store, UserAudit.into(store));
                users.unusedUsersFile().ifPresent(note -> spec.commandLine().getErr().println("note: "
                        + PrintableText.escaped(note)));
                users.describe().forEach(line -> spec.commandLine().getOut().println(PrintableText.escaped(line)));
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "audit", description = "The users' audit, oldest first: when, host, who, action, user, what. "
            + "Every change, refused change, failed sign-in and lock.")
    static final class Audit implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            try (RecordStore store = RecordStore.open(TmsHome.resolve())) {
                for (UserChangeRow row : store.userChanges()) {
                    spec.commandLine().getOut().println(PrintableText.escaped(String.join("  ", row.recordedAt()
                            .toString(), row.host(), row.actor(), row.action(), row.user(), row.detail())));
                }
            }
            return ExitCode.OK;
        }
    }
}
