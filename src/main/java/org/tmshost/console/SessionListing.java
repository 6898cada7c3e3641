package org.tmshost.console;

import org.tmshost.record.HuntRow;
import org.tmshost.record.LimitsRow;
import org.tmshost.record.RecordStore;
import org.tmshost.record.SessionExport;
import org.tmshost.record.SessionRow;
import org.tmshost.record.TransitionRow;
import org.tmshost.record.TripRow;

import org.tmshost.yaml.PrintableText;

import java.io.PrintWriter;
import java.util.List;

import static org.tmshost.yaml.TerminalText.of;

/**
 * The record as a technician reads it, as text or JSON: the session list, one session in full, a
 * subject's threshold hunts. The console's {@code sessions} and the command line's
 * {@code tmshost sessions} print the same. Text from the record (which sqlite3 can edit) is shown
 * escaped ({@code TerminalText.of}): a name cannot print a fake line or clear the screen.
 */
public final class SessionListing {
    private SessionListing() {
    }

    /** The list, as text or JSON; the console's {@code sessions} and {@code tmshost sessions}. */
    public static int list(RecordStore store, boolean json, PrintWriter out) {
        List<SessionRow> rows = store.allSessions();
        if (json) {
            out.println(SessionExport.json(rows.stream().map(SessionExport::summary).toList()));
            return ExitCode.OK;
        }
        out.printf("%-5s %-12s %-10s %-20s %-12s %-22s %9s  %s%n", "ID", "SUBJECT", "OPERATOR", "PROTOCOL",
                "STATE", "CAUSE", "PULSES", "STARTED");
        for (SessionRow r : rows) {
            out.printf("%-5d %-12s %-10s %-20s %-12s %-22s %4d/%-4d  %s%s%n", r.id(), of(r.subjectId()),
                    of(r.operatorId()), of(r.protocolName()), of(r.state()), of(r.endCause().orElse("-")),
                    r.deliveredPulses(), r.plannedPulses(),
                    r.startedAt().map(Object::toString).orElse("-"), r.simulated() ? "  SIMULATION" : "");
        }
        return ExitCode.OK;
    }

    /** The subject's hunts; with JSON, each with its pulses. */
    public static int hunts(RecordStore store, String subject, boolean json, PrintWriter out) {
        List<HuntRow> rows = store.hunts(subject);
        if (json) {
            out.println(SessionExport.json(rows.stream().map(h -> SessionExport.hunt(store, h)).toList()));
            return ExitCode.OK;
        }
        if (rows.isEmpty()) {
            out.println("no threshold hunts recorded for subject " + of(subject));
            return ExitCode.OK;
        }
        out.printf("%-5s %-4s %-24s %-18s %-10s %6s  %s%n", "HUNT", "KIND", "METHOD", "OUTCOME", "THRESHOLD", "PULSES",
                "STARTED");
        for (HuntRow h : rows) {
            out.printf(java.util.Locale.ROOT, "%-5d %-4s %-24s %-18s %-10s %6d  %s%s%n", h.id(), of(h.kind()),
                    of(h.method()), of(h.outcome().orElse("(not ended)")), h.thresholdPercentMso().map(t -> String.format(
                            java.util.Locale.ROOT, "%.1f%%", t)).orElse("-"), h.pulses(), h.startedAt(),
                    h.simulated() ? "  SIMULATION" : "");
        }
        return ExitCode.OK;
    }

    /** One session in full, as text or JSON; the console's {@code sessions show} and {@code tmshost sessions show}. */
    public static int show(RecordStore store, SessionRow r, boolean json, PrintWriter out) {
        if (json) {
            out.println(SessionExport.json(store, r));
            return ExitCode.OK;
        }
        out.println("session " + r.id() + (r.simulated() ? "  SIMULATION" : ""));
        SessionExport.summary(r).forEach((k, v) -> out.printf("  %-21s %s%n", k, of(v)));
        LimitsRow limits = store.sessionLimits(r.id());
        out.printf("  %-21s %s  %s  %s%n", "profileFile", limits.profilePath().map(PrintableText::escaped).orElse("-"),
                r.profileSha256(), limits.profileStanding().orElse("-"));
        out.printf("  %-21s %s  %s  %s  %s%n", "policy", limits.policyName().map(PrintableText::escaped).orElse("-"),
                limits.policyPath().map(PrintableText::escaped).orElse("-"), limits.policySha256().orElse("-"),
                limits.policyStanding().orElse("-"));
        out.printf("  %-21s %s%n", "record", store.verifySession(r.id()).said());
        out.println("transitions:");
        for (TransitionRow t : store.transitions(r.id())) {
            out.printf("  %s  %s -> %s  [%s] %s%n", t.at(), of(t.fromState()), of(t.toState()),
                    of(t.userId().orElse("host")), of(t.reason()));
        }
        List<TripRow> trips = store.trips(r.id());
        out.println("interlock trips: " + (trips.isEmpty() ? "none" : ""));
        for (TripRow t : trips) {
            out.printf("  %s  %s: %s%s%n", t.at(), of(t.cause()), of(t.detail()),
                    t.tripToDisarmNanos().map(n -> String.format(" (trip to disarm %.1f µs)", n / 1e3)).orElse(""));
        }
        store.overrides(r.id()).forEach(o -> out.printf("override: %s approved by %s: %s%n", of(o.ruleId()),
                of(o.approvedBy()), of(o.reason())));
        return ExitCode.OK;
    }
}
