package org.tmshost.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;
import org.tmshost.console.ErrorMessages;
import org.tmshost.console.ExitCode;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;

/** The {@code tmshost} command tree. */
@Command(name = "tmshost", mixinStandardHelpOptions = true, versionProvider = TmsHostCommand.Version.class,
        description = {"Host software for TMS stimulators: protocols, safety envelope, pulse scheduler, simulator.",
                "Research software, not a certified medical device."},
        subcommands = {ProtocolsCommand.class, ProfilesCommand.class, CheckCommand.class, DryRunCommand.class,
                SimulateCommand.class, BenchCommand.class, RunCommand.class, ContinueCommand.class, ConsoleCommand.class, SessionsCommand.class, RecordsCommand.class, UsersCommand.class, PolicyCommand.class, CommandLine.HelpCommand.class})
public final class TmsHostCommand {
    @Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
            description = "Debug logging, and stack traces with errors.")
    void verbose(boolean verbose) {
        TmsHostCommand.verbose = verbose;
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(verbose ? Level.DEBUG : Level.WARN);
    }

    private static boolean verbose;

    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs a command line and returns its exit code; used by main and by tests. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(new TmsHostCommand());
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler(TmsHostCommand::onException);
        return commandLine.execute(args);
    }

    private static int onException(Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        int code = ErrorMessages.report(e, err).orElseGet(() -> {
            err.println("internal error: " + e + " (please report it; run with --verbose for details)");
            return ExitCode.INTERNAL_ERROR;
        });
        if (verbose) {
            e.printStackTrace(err);
        }
        err.flush();
        return code;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = TmsHostCommand.class.getPackage().getImplementationVersion();
            return new String[]{"tmshost " + (version == null ? "development build" : version)};
        }
    }
}
