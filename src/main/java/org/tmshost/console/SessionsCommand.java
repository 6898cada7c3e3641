package org.tmshost.console;

import org.tmshost.record.HostLock;
import org.tmshost.record.HuntRow;
import org.tmshost.record.InterruptedSessions;
import org.tmshost.record.RecordStore;
import org.tmshost.record.SessionExport;
import org.tmshost.report.SessionReport;
import org.tmshost.record.SessionRow;
import org.tmshost.record.TmsHome;
import org.tmshost.record.TransitionRow;
import org.tmshost.record.TripRow;
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
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "sessions", description = "Recorded sessions under $TMSHOST_HOME: list, show, export, HTML report; "
        + "a subject's threshold hunts.", subcommands = {SessionsCommand.Show.class, SessionsCommand.Export.class,
        SessionsCommand.Report.class, SessionsCommand.Hunts.class})
final class SessionsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Machine-readable list.")
    boolean json;

    /**
     * Opens the store; when no other tmshost process holds the host lock, first closes sessions a
     * dead process left open (INTERRUPTED), so the list is true.
     */
    static RecordStore open() throws IOException {
        TmsHome home = TmsHome.resolve();
        RecordStore store = RecordStore.open(home.database());
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
            return list(store, json, out);
        }
    }

    /** The list, as text or JSON; also the console's {@code sessions}. */
    static int list(RecordStore store, boolean json, PrintWriter out) {
        List<SessionRow> rows = store.allSessions();
        if (json) {
            out.println(SessionExport.json(rows.stream().map(SessionExport::summary).toList()));
            return ExitCode.OK;
        }
        out.printf("%-5s %-12s %-10s %-20s %-12s %-22s %9s  %s%n", "ID", "SUBJECT", "OPERATOR", "PROTOCOL",
                "STATE", "CAUSE", "PULSES", "STARTED");
        for (SessionRow r : rows) {
            out.printf("%-5d %-12s %-10s %-20s %-12s %-22s %4d/%-4d  %s%s%n", r.id(), r.subjectId(), r.operatorId(),
                    r.protocolName(), r.state(), r.endCause().orElse("-"), r.deliveredPulses(), r.plannedPulses(),
                    r.startedAt().map(Object::toString).orElse("-"), r.simulated() ? "  SIMULATION" : "");
        }
        return ExitCode.OK;
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
                return hunts(store, subject, json, out);
            }
        }
    }

    /** The subject's hunts; with JSON, each with its pulses. */
    static int hunts(RecordStore store, String subject, boolean json, PrintWriter out) {
        List<HuntRow> rows = store.hunts(subject);
        if (json) {
            out.println(SessionExport.json(rows.stream().map(h -> SessionExport.hunt(store, h)).toList()));
            return ExitCode.OK;
        }
        if (rows.isEmpty()) {
            out.println("no threshold hunts recorded for subject " + subject);
            return ExitCode.OK;
        }
        out.printf("%-5s %-4s %-24s %-18s %-10s %6s  %s%n", "HUNT", "KIND", "METHOD", "OUTCOME", "THRESHOLD", "PULSES",
                "STARTED");
        for (HuntRow h : rows) {
            out.printf(java.util.Locale.ROOT, "%-5d %-4s %-24s %-18s %-10s %6d  %s%s%n", h.id(), h.kind(), h.method(),
                    h.outcome().orElse("(not ended)"), h.thresholdPercentMso().map(t -> String.format(
                            java.util.Locale.ROOT, "%.1f%%", t)).orElse("-"), h.pulses(), h.startedAt(),
                    h.simulated() ? "  SIMULATION" : "");
        }
        return ExitCode.OK;
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
                return show(store, find(store, id, spec), json, out);
            }
        }
    }

    /** One session in full, as text or JSON; also the console's {@code sessions show}. */
    static int show(RecordStore store, SessionRow r, boolean json, PrintWriter out) {
        if (json) {
            out.println(SessionExport.json(store, r));
            return ExitCode.OK;
        }
        out.println("session " + r.id() + (r.simulated() ? "  SIMULATION" : ""));
        SessionExport.summary(r).forEach((k, v) -> out.printf("  %-21s %s%n", k, v == null ? "-" : v));
        out.println("transitions:");
        for (TransitionRow t : store.transitions(r.id())) {
            out.printf("  %s  %s -> %s  [%s] %s%n", t.at(), t.fromState(), t.toState(),
                    t.userId().orElse("host"), t.reason());
        }
        List<TripRow> trips = store.trips(r.id());
        out.println("interlock trips: " + (trips.isEmpty() ? "none" : ""));
        for (TripRow t : trips) {
            out.printf("  %s  %s: %s%s%n", t.at(), t.cause(), t.detail(),
                    t.tripToDisarmNanos().map(n -> String.format(" (trip to disarm %.1f µs)", n / 1e3)).orElse(""));
        }
        store.overrides(r.id()).forEach(o -> out.printf("override: %s approved by %s: %s%n", o.ruleId(),
                o.approvedBy(), o.reason()));
        return ExitCode.OK;
    }

    @Command(name = "export", description = "A session's pulses as CSV, or its whole record as JSON.")
    static final class Export implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "ID")
        long id;

        @Option(names = "--format", required = true, paramLabel = "csv|json")
        String format;

        @Option(names = "--output", paramLabel = "FILE", description = "Write to FILE instead of standard output.")
        Path output;

        @Override
        public Integer call() throws IOException {
            if (!format.equals("csv") && !format.equals("json")) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--format must be csv or json, not '"
                        + format + "'");
            }
            try (RecordStore store = open()) {
                SessionRow r = find(store, id, spec);
                String text = format.equals("csv") ? SessionExport.csv(store, r) : SessionExport.json(store, r) + "\n";
                if (output == null) {
                    spec.commandLine().getOut().print(text);
                    spec.commandLine().getOut().flush();
                } else {
                    Files.writeString(output, text, StandardCharsets.UTF_8);
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
