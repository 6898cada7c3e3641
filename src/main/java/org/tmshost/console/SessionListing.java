package org.tmshost.console;

import org.tmshost.yaml.Durations;
import org.tmshost.record.HuntRow;
import org.tmshost.record.LimitsRow;
import org.tmshost.record.RecordStore;
import org.tmshost.record.SessionExport;
import org.tmshost.record.SessionRow;
import org.tmshost.record.TransitionRow;
import org.tmshost.record.TripRow;

import org.tmshost.yaml.PrintableText;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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

    /** What a listing shows: attempts too or treatments only, and the zone its times are read in. */
    public record View(boolean json, boolean attempts, LocalTimes times) {
    }

    /** The list, treatments only, in the system's zone; the console's {@code sessions}. */
    public static int list(RecordStore store, boolean json, PrintWriter out) {
        return list(store, new View(json, false, LocalTimes.ofSystem()), out);
    }

    /**
     * The list, as text or JSON; the console's {@code sessions} and {@code tmshost sessions}. The text
     * lists treatments and says how many attempts (sessions that delivered nothing) it left out, unless
     * {@code attempts}; the JSON lists every session, each marked {@code attempt}, as it always did.
     */
    public static int list(RecordStore store, View view, PrintWriter out) {
        List<SessionRow> rows = store.allSessions();
        LocalTimes times = view.times();
        if (view.json()) {
            out.println(SessionExport.json(rows.stream().map(r -> {
                Map<String, Object> m = SessionExport.summary(r);
                m.put("attempt", attempt(store, r));
                m.put("causeInWords", EndInWords.of(r));
                m.put("startedAtLocal", r.startedAt().map(times::of).orElse(null));
                m.put("endedAtLocal", r.endedAt().map(times::of).orElse(null));
                return m;
            }).toList()));
            return ExitCode.OK;
        }
        List<SessionRow> shown = view.attempts() ? rows : rows.stream().filter(r -> !attempt(store, r)).toList();
        out.printf("%-5s %-23s %-12s %-10s %-20s %-11s %9s  %-11s %s%n", "ID", "TIME", "SUBJECT", "OPERATOR",
                "PROTOCOL", "STATE", "PULSES", "LASTED", "CAUSE");
        for (SessionRow r : shown) {
            String line = String.format(Locale.ROOT, "%-5d %-23s %-12s %-10s %-20s %-11s %4d/%-4d  %-11s %-"
                            + EndInWords.LONGEST + "s%s", r.id(), times.of(r.startedAt().orElse(r.createdAt())),
                    of(r.subjectId()), of(r.operatorId()), of(r.protocolName()), of(r.state()), r.deliveredPulses(),
                    r.plannedPulses(), lasted(r), of(EndInWords.of(r)), r.simulated() ? "  SIMULATION" : "");
            out.println(line.stripTrailing());
        }
        int hidden = rows.size() - shown.size();
        if (hidden > 0) {
            out.printf("%d %s that delivered no pulse (refused at arming, cancelled, faulted before the first pulse) "
                    + "not listed; add --attempts to list them%n", hidden, hidden == 1 ? "attempt" : "attempts");
        } else if (rows.isEmpty()) {
            out.println("no sessions recorded");
        }
        return ExitCode.OK;
    }

    private static boolean attempt(RecordStore store, SessionRow r) {
        return r.ended() && Attempts.deliveredNothing(r, store.continuity(r.id()).mayHaveDelivered());
    }

    /** From the first pulse's start to the end, for a session that started and ended; else "-". */
    private static String lasted(SessionRow r) {
        if (r.startedAt().isEmpty() || r.endedAt().isEmpty()) {
            return "-";
        }
        return Durations.human(Duration.between(r.startedAt().get(), r.endedAt().get()).toNanos());
    }

    /** The subject's hunts; with JSON, each with its pulses. */
    public static int hunts(RecordStore store, String subject, boolean json, PrintWriter out) {
        return hunts(store, subject, json, LocalTimes.ofSystem(), out);
    }

    /** The subject's hunts, their times in {@code times}' zone; with JSON, each with its pulses. */
    public static int hunts(RecordStore store, String subject, boolean json, LocalTimes times, PrintWriter out) {
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
                            java.util.Locale.ROOT, "%.1f%%", t)).orElse("-"), h.pulses(), times.of(h.startedAt()),
                    h.simulated() ? "  SIMULATION" : "");
        }
        return ExitCode.OK;
    }

    /** One session in full, as text or JSON; the console's {@code sessions show} and {@code tmshost sessions show}. */
    public static int show(RecordStore store, SessionRow r, boolean json, PrintWriter out) {
        return show(store, r, json, LocalTimes.ofSystem(), out);
    }

    /** One session in full, its times in {@code times}' zone (the JSON keeps ISO-8601 instants). */
    public static int show(RecordStore store, SessionRow r, boolean json, LocalTimes times, PrintWriter out) {
        if (json) {
            out.println(SessionExport.json(store, r));
            return ExitCode.OK;
        }
        out.println("session " + r.id() + (r.simulated() ? "  SIMULATION" : ""));
        Map<String, Object> summary = SessionExport.summary(r);
        summary.put("createdAt", times.of(r.createdAt()));
        summary.put("startedAt", times.of(r.startedAt()));
        summary.put("endedAt", times.of(r.endedAt()));
        summary.forEach((k, v) -> out.printf("  %-21s %s%n", k, of(v)));
        out.printf("  %-21s %s%n", "lasted", lasted(r));
        out.printf("  %-21s %s%n", "ended because", of(EndInWords.of(r)));
        LimitsRow limits = store.sessionLimits(r.id());
        out.printf("  %-21s %s  %s  %s%n", "profileFile", limits.profilePath().map(PrintableText::escaped).orElse("-"),
                r.profileSha256(), limits.profileStanding().orElse("-"));
        out.printf("  %-21s %s  %s  %s  %s%n", "policy", limits.policyName().map(PrintableText::escaped).orElse("-"),
                limits.policyPath().map(PrintableText::escaped).orElse("-"), limits.policySha256().orElse("-"),
                limits.policyStanding().orElse("-"));
        out.printf("  %-21s %s%n", "record", store.verifySession(r.id()).said());
        out.println("transitions:");
        for (TransitionRow t : store.transitions(r.id())) {
            out.printf("  %s  %s -> %s  [%s] %s%n", times.of(t.at()), of(t.fromState()), of(t.toState()),
                    of(t.userId().orElse("host")), of(t.reason()));
        }
        List<TripRow> trips = store.trips(r.id());
        out.println("interlock trips: " + (trips.isEmpty() ? "none" : ""));
        for (TripRow t : trips) {
            out.printf("  %s  %s: %s%s%n", times.of(t.at()), of(t.cause()), of(t.detail()),
                    t.tripToDisarmNanos().map(n -> String.format(" (trip to disarm %.1f µs)", n / 1e3)).orElse(""));
        }
        store.overrides(r.id()).forEach(o -> out.printf("override: %s approved by %s: %s%n", of(o.ruleId()),
                of(o.approvedBy()), of(o.reason())));
        return ExitCode.OK;
    }
}
