package org.tmshost.cli;

import org.tmshost.console.ExitCode;
import org.tmshost.record.TmsHome;
import org.tmshost.session.Role;
import org.tmshost.session.SiteUsers;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "users", description = {"Site users and roles ($TMSHOST_HOME/users.yaml, salted PBKDF2 hashes).",
        "Supervisors approve NEEDS_OVERRIDE findings; operators run sessions."},
        subcommands = {UsersCommand.Add.class, UsersCommand.Remove.class, UsersCommand.ListUsers.class})
final class UsersCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return ExitCode.OK;
    }

    /** Reads one line from standard input as a password (never echoed, never an argument). */
    /**
     * {@code user}'s password: asked without echo on a terminal (a password once showed on screen and
     * stayed in the scrollback), else one line of standard input (a script).
     */
    static char[] password(String user) throws IOException {
        java.io.Console terminal = System.console(); // Java 17: null unless standard input and output are a terminal
        if (terminal != null) {
            char[] typed = terminal.readPassword("password for %s: ", user);
            return typed == null ? new char[0] : typed;
        }
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line = in.readLine();
        return line == null ? new char[0] : line.toCharArray();
    }

    @Command(name = "add", description = "Add a user, or replace their role and password. The password is asked "
            + "without echo on a terminal, else read from standard input (one line).")
    static final class Add implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "NAME")
        String name;

        @Option(names = "--role", required = true, paramLabel = "supervisor|operator")
        String role;

        @Option(names = "--password-stdin", description = "Read the password from standard input (the default).")
        boolean passwordStdin;

        @Override
        public Integer call() throws IOException {
            Role parsed;
            try {
                parsed = Role.valueOf(role.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--role must be supervisor or operator, not '" + role + "'");
            }
            char[] password = password(name);
            try {
                SiteUsers.load(TmsHome.resolve().usersFile()).add(name, parsed, password);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            } finally {
                SiteUsers.wipe(password);
            }
            spec.commandLine().getOut().println("user " + name + " (" + parsed.name().toLowerCase(Locale.ROOT)
                    + ") saved in " + TmsHome.resolve().usersFile());
            return ExitCode.OK;
        }
    }

    @Command(name = "remove", description = "Remove a user; the sessions they ran or approved keep their name.")
    static final class Remove implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "NAME")
        String name;

        @Override
        public Integer call() throws IOException {
            if (!SiteUsers.load(TmsHome.resolve().usersFile()).remove(name)) {
                spec.commandLine().getErr().println("error: no user '" + name + "' in "
                        + TmsHome.resolve().usersFile() + "; 'tmshost users list' shows them");
                return ExitCode.BAD_INPUT;
            }
            spec.commandLine().getOut().println("user " + name + " removed from " + TmsHome.resolve().usersFile());
            return ExitCode.OK;
        }
    }

    @Command(name = "list", description = "Users and their roles.")
    static final class ListUsers implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            SiteUsers.load(TmsHome.resolve().usersFile()).describe()
                    .forEach(line -> spec.commandLine().getOut().println(org.tmshost.yaml.TerminalText.of(line)));
            return ExitCode.OK;
        }
    }
}
