package org.tmshost.console;

import org.tmshost.safety.SafetyEnvelope;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * The technician's console as a door: a desk on the host's session, driven by a script or by a
 * person at the interactive shell, with the settings given on the command line as its first
 * commands and a shutdown hook that stops whatever is armed if the process is ended from outside.
 */
public final class TechnicianConsole {
    private TechnicianConsole() {
    }

    /**
     * Runs {@code script} (one command per line), stopping at the first failure.
     *
     * @param settings the first commands (e.g. {@code profile P}); a failing one ends the script with its code
     * @return the exit code (contracts.md §2)
     */
    public static int script(SessionHost host, SafetyEnvelope envelope, List<List<String>> settings, Path script,
                             PrintWriter out, PrintWriter err) throws Exception {
        ConsoleScript runner = new ConsoleScript(out, err);
        try (ConsoleDesk desk = new ConsoleDesk(host, envelope, runner)) {
            return withShutdownStop(desk, () -> {
                int code = apply(desk, settings);
                return code != ExitCode.OK ? code : runner.run(desk, script);
            });
        }
    }

    /**
     * Runs the interactive shell on this process's terminal until the technician quits.
     *
     * @param settings the first commands (e.g. {@code profile P}); the shell starts whether they succeed or not
     */
    public static int shell(SessionHost host, SafetyEnvelope envelope, List<List<String>> settings, boolean noColour,
                            PrintWriter out, PrintWriter err) throws Exception {
        try (ConsoleShell shell = ConsoleShell.open(noColour, out, err)) {
            try (ConsoleDesk desk = new ConsoleDesk(host, envelope, shell)) {
                return withShutdownStop(desk, () -> {
                    apply(desk, settings);
                    desk.guideIfFirstRun();
                    return shell.run(desk);
                });
            }
        }
    }

    /** The settings as the first commands (echoed, so the transcript says what was set). */
    private static int apply(ConsoleDesk desk, List<List<String>> settings) {
        for (List<String> command : settings) {
            int code = desk.execute(command);
            if (code != ExitCode.OK) {
                return code;
            }
        }
        return ExitCode.OK;
    }

    /**
     * Runs {@code body} with a shutdown hook that stops any session and disarms the device if the
     * process is ended from outside (SIGTERM, SSH hang-up, Ctrl-C outside the live panel).
     */
    private static int withShutdownStop(ConsoleDesk desk, Callable<Integer> body) throws Exception {
        Thread hook = new Thread(() -> desk.stopAndSettle("process ending", Duration.ofSeconds(3)), "tmshost-console-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return body.call();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running
            }
        }
    }
}
