package org.tmshost.cli;

import picocli.CommandLine.Option;

import java.io.IOException;

/** A supervisor's name for a change only a supervisor makes ({@code --as}), and where their password comes from. */
final class SupervisorCredentials {
    @Option(names = "--as", required = true, paramLabel = "SUPERVISOR", description = "The supervisor making the change.")
    String name;

    @Option(names = "--password-stdin", description = "Read the password from standard input, one line, even on a "
            + "terminal (the default when it is not one).")
    boolean fromStdin;

    /** The supervisor's password: asked without echo on a terminal, else one line of standard input. */
    char[] password() throws IOException {
        return Passwords.of(name, fromStdin);
    }
}
