package org.tmshost.cli;

import org.tmshost.console.ExitCode;
import org.tmshost.console.SessionHost;
import org.tmshost.console.TechnicianConsole;
import org.tmshost.record.TmsHome;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "console", description = {"The technician's interactive console: set up, check, arm and run "
        + "sessions with a live status panel; Space, Esc or Ctrl-C stops a running session at once.",
        "With --script FILE, runs the same commands non-interactively (echoed), stopping at the first failure.",
        "Exit codes (script): 0 ok; 2 bad input; 3 envelope or arming refused; 4 device or link fault; "
                + "5 aborted by an interlock or a stop."})
final class ConsoleCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--device", paramLabel = "URI", description = "sim:PROFILE, serial:/dev/PORT?profile=P, "
            + "tcp://HOST:PORT?profile=P or gpio:pi?profile=P (or later: device URI).")
    String device;

    @Option(names = "--profile", paramLabel = "P", description = "Hardware profile name or file (or later: profile NAME).")
    String profile;

    @Option(names = "--operator", paramLabel = "ID", description = "Operator id (or later: operator ID).")
    String operator;

    @Option(names = "--subject", paramLabel = "ID", description = "Subject id (or later: subject ID).")
    String subject;

    @Option(names = "--script", paramLabel = "FILE", description = "Run the commands in FILE, one per line.")
    Path script;

    @Option(names = "--no-color", description = "No colours (also when NO_COLOR is set or the terminal is dumb).")
    boolean noColor;

    @Mixin
    EnvelopeOptions envelopeOptions;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (script != null && !Files.isRegularFile(script)) {
            err.println("error: --script " + script + ": no such file");
            return ExitCode.BAD_INPUT;
        }
        Optional<SessionHost> opened = SessionHost.open(TmsHome.resolve(), out, err);
        if (opened.isEmpty()) {
            return ExitCode.DEVICE_FAULT;
        }
        try (SessionHost host = opened.get()) {
            if (script != null) {
                return TechnicianConsole.script(host, envelopeOptions.envelope(), settings(), script, out, err);
            }
            return TechnicianConsole.shell(host, envelopeOptions.envelope(), settings(), noColor || colourOff(), out, err);
        }
    }

    private static boolean colourOff() {
        String noColour = System.getenv("NO_COLOR");
        return noColour != null && !noColour.isEmpty();
    }

    /** The options as the console's first commands. */
    private List<List<String>> settings() {
        List<List<String>> commands = new ArrayList<>();
        if (profile != null) {
            commands.add(List.of("profile", profile));
        }
        if (device != null) {
            commands.add(List.of("device", device));
        }
        if (operator != null) {
            commands.add(List.of("operator", operator));
        }
        if (subject != null) {
            commands.add(List.of("subject", subject));
        }
        return commands;
    }
}
