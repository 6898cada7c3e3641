package org.tmshost.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;
import org.tmshost.console.ErrorMessages;
import org.tmshost.console.ExitCode;
import org.tmshost.console.UsageHelp;
import org.tmshost.yaml.TerminalText;
import org.tmshost.record.RecordsLocation;
import org.tmshost.record.RecordsLocationRefused;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.OutputStream;
import java.io.PrintWriter;
import java.util.function.IntSupplier;

/** The {@code tmshost} command tree. */
@Command(name = "tmshost", mixinStandardHelpOptions = true, versionProvider = TmsHostCommand.Version.class,
        description = {"Host software for TMS stimulators: protocols, safety envelope, pulse scheduler, simulator.",
                "Research software, not a certified medical device."},
        subcommands = {ProtocolsCommand.class, ProfilesCommand.class, CheckCommand.class, DryRunCommand.class,
                SimulateCommand.class, BenchCommand.class, RunCommand.class, ContinueCommand.class, ConsoleCommand.class,
                MeasureCommand.class, ExcitabilityCommand.class, SessionsCommand.class, RecordsCommand.class, UsersCommand.class,
                PolicyCommand.class, CourseCommand.class, CommandLine.HelpCommand.class})
public final class TmsHostCommand {
    @Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
            description = "Debug logging, and stack traces with errors.")
    void verbose(boolean verbose) {
        TmsHostCommand.verbose = verbose;
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(verbose ? Level.DEBUG : Level.WARN);
    }

    private static boolean verbose;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--records", scope = CommandLine.ScopeType.INHERIT, paramLabel = "URL",
            description = {"The records: a site database shared by every host, postgresql://HOST[:PORT]/DB?user=NAME"
                    + "[&sslmode=...], with the password in $TMSHOST_RECORDS_PASSWORD_FILE (owner-only) or "
                    + "$TMSHOST_RECORDS_PASSWORD. Default: $TMSHOST_RECORDS, else this host's own SQLite file."})
    void records(String url) {
        if (!url.equalsIgnoreCase("sqlite")) {
            try {
                RecordsLocation.parse(url);
            } catch (RecordsLocationRefused e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
        }
        System.setProperty(RecordsLocation.PROPERTY, url);
    }

    public static void main(String[] args) {
        System.exit(execute(args, System.out, System.err));
    }

    /**
     * Runs a command line with its output to byte streams, as {@link #main} does (the streams are
     * buffered: what a command prints reaches them when it ends at the latest).
     */
    public static int execute(String[] args, OutputStream out, OutputStream err) {
        return execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    /**
     * Runs a command line and returns its exit code; used by main and by tests. Everything the
     * commands print goes through {@link TerminalText#guard}: no escape sequence reaches the terminal
     * raw, picocli's own colours included (help is plain).
     */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine commandLine = commandLine(out, err, TERMINAL_WIDTH);
        String records = System.getProperty(RecordsLocation.PROPERTY);
        try {
            return commandLine.execute(args);
        } finally {
            if (records == null) { // --records names the records of this command line only
                System.clearProperty(RecordsLocation.PROPERTY);
            } else {
                System.setProperty(RecordsLocation.PROPERTY, records);
            }
            // picocli flushes only after println; a command's last print (a whole file) would stay buffered
            commandLine.getOut().flush();
            commandLine.getErr().flush();
        }
    }

    /**
     * The command tree as {@link #execute} runs it: output guarded, help plain, on every command and
     * sub-command ({@code -h}, {@code --help}) and wrapped at word boundaries at {@code helpWidth} columns.
     */
    static CommandLine commandLine(PrintWriter out, PrintWriter err, IntSupplier helpWidth) {
        CommandLine commandLine = new CommandLine(new TmsHostCommand());
        commandLine.setOut(TerminalText.guard(out));
        commandLine.setErr(TerminalText.guard(err));
        commandLine.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
        commandLine.setParameterExceptionHandler(TmsHostCommand::onBadInput);
        commandLine.setExecutionExceptionHandler(TmsHostCommand::onException);
        UsageHelp.install(commandLine, helpWidth);
        return commandLine;
    }

    /**
     * The terminal's columns, asked once when help is first shown: picocli's detection on a terminal
     * (or its {@code picocli.usage.width} property), else 80.
     */
    private static final IntSupplier TERMINAL_WIDTH = new IntSupplier() {
        private volatile int columns;

        @Override
        public int getAsInt() {
            if (columns == 0) {
                columns = new CommandLine.Model.UsageMessageSpec().autoWidth(true).width();
            }
            return columns;
        }
    };

    /** As picocli's own handler, with the message (which quotes the command line) escaped. */
    private static int onBadInput(CommandLine.ParameterException e, String[] args) {
        CommandLine where = e.getCommandLine();
        PrintWriter err = where.getErr();
        err.println(TerminalText.of(e.getMessage()));
        if (!CommandLine.UnmatchedArgumentException.printSuggestions(e, err)) {
            where.usage(err, where.getColorScheme());
        }
        err.flush();
        return where.getCommandSpec().exitCodeOnInvalidInput();
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
