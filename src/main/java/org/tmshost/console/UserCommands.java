package org.tmshost.console;

import org.tmshost.session.AuthenticatedUser;
import org.tmshost.session.Role;
import org.tmshost.session.SiteUsers;
import org.tmshost.session.UserChangeRefused;
import org.tmshost.yaml.PrintableText;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code users add} and {@code users list} at the console, so that a first run does not leave it:
 * the same site users, four-eyes rules and audit as {@code tmshost users} (contracts.md §9). The
 * passwords are asked without echo (a script reads them from standard input, one line each: the
 * {@code --as} supervisor's first, then the new user's).
 */
final class UserCommands {
    private final ConsoleState state;
    private final ConsoleIo io;

    UserCommands(ConsoleState state) {
        this.state = state;
        this.io = state.io;
    }

    int add(String name, String role, String as) throws IOException {
        Role parsed;
        try {
            parsed = Role.valueOf(role.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return io.bad("--role must be supervisor or operator, not '" + PrintableText.escaped(role) + "'");
        }
        SiteUsers users = state.host.users();
        Optional<AuthenticatedUser> by = Optional.empty();
        if (as != null) {
            char[] password = io.askSecret("password for " + PrintableText.escaped(as) + ": ");
            try {
                by = users.authenticate(as, password, "--as for users add " + name);
            } finally {
                SiteUsers.wipe(password);
            }
            if (by.isEmpty()) {
                return io.bad("unknown user, wrong password or a locked account for '" + PrintableText.escaped(as)
                        + "' (audited); nothing was changed");
            }
        } else if (!users.isEmpty()) {
            return io.bad("this site has users: a supervisor adds one, users add " + PrintableText.escaped(name)
                    + " --role " + parsed.name().toLowerCase(Locale.ROOT) + " --as SUPERVISOR (their password is "
                    + "asked first)");
        }
        char[] password = io.askSecret("new password for " + PrintableText.escaped(name) + ": ");
        try {
            users.changes().add(name, parsed, password, by);
        } catch (UserChangeRefused e) {
            return io.bad("refused: " + PrintableText.escaped(e.getMessage()));
        } catch (IllegalArgumentException e) {
            return io.bad(PrintableText.escaped(e.getMessage()));
        } finally {
            SiteUsers.wipe(password);
        }
        io.out().println("user " + PrintableText.escaped(name) + " (" + parsed.name().toLowerCase(Locale.ROOT)
                + ") saved");
        return ExitCode.OK;
    }

    int list() throws IOException {
        state.host.users().describe().forEach(line -> io.out().println(PrintableText.escaped(line)));
        return ExitCode.OK;
    }

    /** The site's users with {@code role}, in the order they were added. */
    static List<String> withRole(SiteUsers users, Role role) {
        List<String> named = new ArrayList<>();
        for (String line : users.describe()) {
            String name = line.split(" ", 2)[0];
            if (users.roleOf(name).filter(r -> r == role).isPresent()) {
                named.add(name);
            }
        }
        return named;
    }
}
