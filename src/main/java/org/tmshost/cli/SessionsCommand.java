package org.tmshost.cli;

import org.tmshost.console.ExitCode;
import org.tmshost.console.LocalTimes;
import org.tmshost.console.SessionListing;
import org.tmshost.record.HostLock;
import org.tmshost.record.InterruptedSessions;
import org.tmshost.record.RecordStore;
import org.tmshost.record.SessionExport;
import org.tmshost.record.SessionRow;
import org.tmshost.record.TmsHome;
import org.tmshost.report.SessionReport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "sessions", description = "Recorded sessions under $TMSHOST_HOME: list, show, export, HTML report; "
        + "a subject's threshold hunts.", subcommands = {SessionsCommand.Show.class, SessionsCommand.Export.class,
        SessionsCommand.Report.class, SessionsCommand.Hunts.class})
final class SessionsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Machine-readable list: every session, attempts included, each with "
            + "\"attempt\": true when it delivered no pulse.")
    boolean json;

    @Option(names = {"--attempts", "--all"}, description = "Also list attempts: sessions that delivered no pulse "
            + "(refused at arming, cancelled, faulted before the first pulse).")
    boolean attempts;

    /**
     * Opens the store; when no other tmshost process holds the host lock, first closes sessions a
     * dead process left open (INTERRUPTED), so the list is true.
     */
    static RecordStore open() throws IOException {
        TmsHome home = TmsHome.resolve();
        RecordStore store = RecordStore.open(home);
        Optional<HostLock> lock = HostLock.tryAcquire(home);
        if (lock.isPresent()) {
            try (HostLock held = lock.get()) {
                InterruptedSessions.closeAll(store, Instant.now());
            }
        }
        return store;
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        try (RecordStore store = open()) {
            return SessionListing.list(store, new SessionListing.View(json, attempts, LocalTimes.ofSystem()), out);
        }
    }

    static SessionRow find(RecordStore store, long id, CommandSpec spec) {
        return store.session(id).orElseThrow(() -> new CommandLine.ParameterException(spec.commandLine(),
                "no session " + id + " in the record; 'tmshost sessions' lists them"));
    }

    @Command(name = "hunts", description = "A subject's motor threshold hunts: outcome, threshold and every pulse.")
    static final class Hunts implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "SUBJECT")
        String subject;

        @Option(names = "--json", description = "Every hunt with its pulses.")
        boolean json;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            try (RecordStore store = open()) {
                return SessionListing.hunts(store, subject, json, LocalTimes.ofSystem(), out);
            }
        }
    }

    @Command(name = "show", description = "One session: summary, transitions, interlock trips, overrides.")
    static final class Show implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "ID")
        long id;

        @Option(names = "--json", description = "Everything recorded, pulses included.")
        boolean json;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            try (RecordStore store = open()) {
                return SessionListing.show(store, find(store, id, spec), json, LocalTimes.ofSystem(), out);
            }
        }
    }

    @Command(name = "export", description = {"A session's pulses as CSV, or its whole record as JSON; with "
            + "--subject, every session of a subject (tidy CSV: one row per pulse; JSON: an array of sessions).",
            "Times in µs; columns and fields: docs/exports.md."})
    static final class Export implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "ID", arity = "0..1", description = "The session (or --subject).")
        Long id;

        @Option(names = "--subject", paramLabel = "SUBJECT", description = "Every session of this subject.")
        String subject;

        @Option(names = "--format", required = true, paramLabel = "csv|json")
        String format;

        @Option(names = "--summary", description = "One row (object) per session instead of one per pulse.")
        boolean summary;

        @Option(names = "--output", paramLabel = "FILE", description = "Write to FILE instead of standard output.")
        Path output;

        @Override
        public Integer call() throws IOException {
            ExportRequest request = ExportRequest.of(id, subject, format, summary, spec);
            try (RecordStore store = open()) {
                String text = request.text(store, ZoneId.systemDefault());
                if (output == null) {
                    spec.commandLine().getOut().print(text);
                    spec.commandLine().getOut().flush();
                } else {
                    ExportRequest.write(output, text, spec);
                }
                return ExitCode.OK;
            }
        }
    }

    @Command(name = "report", description = "A self-contained HTML report: planned vs actual pulses, lateness "
            + "histogram, transitions, trips, overrides.")
    static final class Report implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "ID")
        long id;

        @Option(names = "--output", required = true, paramLabel = "FILE.html")
        Path output;

        @Override
        public Integer call() throws IOException {
            try (RecordStore store = open()) {
                Files.writeString(output, SessionReport.render(store, find(store, id, spec)), StandardCharsets.UTF_8);
                spec.commandLine().getOut().println("report: " + output);
                return ExitCode.OK;
            }
        }
    }
}
