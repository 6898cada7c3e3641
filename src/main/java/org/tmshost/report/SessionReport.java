package org.tmshost.report;

import org.tmshost.record.CoilTemperatureRow;
import org.tmshost.record.OverrideRow;
import org.tmshost.record.PulseRow;
import org.tmshost.record.RecordStore;
import org.tmshost.record.RecordVerification;
import org.tmshost.record.SessionRow;
import org.tmshost.record.TransitionRow;
import org.tmshost.record.TripRow;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * A self-contained HTML page for one recorded session (no scripts, no external resource), made to be
 * printed on A4 and signed: a one-page summary (subject, protocol, device, operator, verdict, pulses,
 * the intensity rule, outcome and end cause, overrides with their approver, signature lines for the
 * operator and the supervisor), then the detail: per train the pulses and output, the coil
 * temperature, pulses over the session with its faults, pauses and stops marked, the lateness
 * histogram, transitions, trips and overrides. Every chart is also a table. Record text is escaped.
 */
public final class SessionReport {
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z", Locale.ROOT);

    private SessionReport() {
    }

    public static String render(RecordStore store, SessionRow s) {
        return render(store, s, ZoneId.systemDefault());
    }

    /** The page, with times shown in {@code zone}. */
    public static String render(RecordStore store, SessionRow s, ZoneId zone) {
        List<PulseRow> pulses = store.pulses(s.id());
        List<TransitionRow> transitions = store.transitions(s.id());
        List<TripRow> trips = store.trips(s.id());
        List<OverrideRow> overrides = store.overrides(s.id());
        List<CoilTemperatureRow> temperatures = store.coilTemperatures(s.id());
        List<SessionFacts.TrainDelivery> trains = SessionFacts.trains(store.trains(s.id()), pulses, s.plannedPulses());
        List<String> rule = SessionFacts.intensityRule(s, store.protocolText(s.id()));
        List<SessionFacts.Event> events = SessionFacts.events(s, transitions, trips);
        RecordVerification record = store.verifySession(s.id());

        StringBuilder html = new StringBuilder(65_536);
        html.append("<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'><title>tmshost session ")
                .append(s.id()).append(": ").append(Html.escape(s.protocolName())).append("</title><style>")
                .append(ReportStyle.CSS).append("</style></head><body>\n");
        summary(html, s, rule, overrides, record, zone);
        html.append("<section class='detail'>\n");
        trains(html, trains);
        temperature(html, temperatures);
        timeline(html, pulses, s.plannedPulses(), events);
        lateness(html, pulses);
        transitions(html, transitions, zone);
        trips(html, trips, zone);
        html.append("</section>\n<p class='note'>tmshost ").append(s.simulated() ? "(SIMULATION) " : "")
                .append("is research software, not a certified medical device. Session ").append(s.id())
                .append(", printed ").append(time(Instant.now(), zone)).append(".</p>\n</body></html>\n");
        return html.toString();
    }

    private static void summary(StringBuilder html, SessionRow s, List<String> rule, List<OverrideRow> overrides,
                                RecordVerification record, ZoneId zone) {
        html.append("<section class='summary'>\n<h1>TMS session report</h1>\n<p class='lead'>Session ").append(s.id())
                .append(" &middot; ").append(Html.escape(s.protocolName())).append(' ')
                .append(s.simulated() ? "<span class='sim'>SIMULATION</span> " : "")
                .append("<span class='state ").append(Html.escape(s.state())).append("'>").append(Html.escape(s.state()))
                .append("</span></p>\n<table class='facts'>");
        row(html, "Subject", s.subjectId());
        row(html, "Protocol", s.protocolName());
        row(html, "Device", s.deviceUri() + s.deviceModel().map(m -> " (" + m + ")").orElse(""));
        s.host().ifPresent(host -> row(html, "Host", host)); // the tmshost it ran on (schema 13)
        row(html, "Profile", s.profileName());
        row(html, "Operator", s.operatorId());
        row(html, "Date", time(s.startedAt().orElse(s.createdAt()), zone)
                + s.endedAt().map(e -> " to " + LOCAL.format(e.atZone(zone))).orElse(" (still open)"));
        row(html, "Verdict", s.verdict());
        row(html, "Pulses", s.deliveredPulses() + " delivered of " + s.plannedPulses() + " planned"
                + s.deviceReportedPulses().map(d -> "; the device counted " + d).orElse(""));
        row(html, "Thresholds", s.rmtPercentMso().map(v -> "RMT " + SessionFacts.number(v) + "% MSO").orElse("")
                + (s.rmtPercentMso().isPresent() && s.amtPercentMso().isPresent() ? ", " : "")
                + s.amtPercentMso().map(v -> "AMT " + SessionFacts.number(v) + "% MSO").orElse("")
                + s.mtMethod().map(m -> " (" + m + ")").orElse(""));
        html.append("<tr><th>Intensity rule</th><td>").append(rule.isEmpty() ? "not readable from the record"
                : String.join("<br>", rule.stream().map(Html::escape).toList())).append("</td></tr>");
        html.append("<tr><th>Outcome</th><td><strong>").append(Html.escape(s.state())).append("</strong>")
                .append(Html.escape(s.endCause().filter(c -> !c.equals(s.state())).map(c -> " \u2014 cause " + c).orElse("")))
                .append("<br>").append(Html.escape(s.endReason().orElse(""))).append("</td></tr>");
        html.append("<tr><th>Overrides</th><td>");
        if (overrides.isEmpty()) {
            html.append("none");
        }
        for (OverrideRow o : overrides) {
            html.append("<div><code>").append(Html.escape(o.ruleId())).append("</code> approved by <strong>")
                    .append(Html.escape(o.approvedBy())).append("</strong> at ").append(time(o.at(), zone)).append(": ")
                    .append(Html.escape(o.reason())).append("</div>");
        }
        html.append("</td></tr>");
        row(html, "Record", switch (record.status()) {
            case VERIFIED -> "verified against its seal";
            case SEALED_AT_UPGRADE -> "sealed at upgrade (not verifiable before)";
            case NOT_YET_SEALED -> "not yet sealed (still being written)";
            case FAILS -> "FAILS verification: " + record.detail();
        });
        html.append("</table>\n<div class='signatures'>");
        signature(html, "Operator", s.operatorId());
        signature(html, "Supervisor", "");
        html.append("</div>\n</section>\n");
    }

    static void signature(StringBuilder html, String role, String name) {
        html.append("<div class='signature'><h3>").append(role).append("</h3>")
                .append("<p><span>Name</span><span class='line'>").append(Html.escape(name)).append("</span></p>")
                .append("<p><span>Date</span><span class='line'></span></p>")
                .append("<p><span>Signature</span><span class='line'></span></p></div>");
    }

    private static void trains(StringBuilder html, List<SessionFacts.TrainDelivery> trains) {
        html.append("<h2>Delivered per train</h2>\n").append(chart(() -> ReportCharts.trains(trains)))
                .append("<table class='numbers'><tr><th>Train</th><th>Planned start</th><th>Pulses delivered / planned</th>"
                        + "<th>Output delivered</th></tr>\n");
        for (SessionFacts.TrainDelivery t : trains) {
            html.append("<tr").append(t.delivered() < t.planned() ? " class='short'" : "").append("><td class='num'>")
                    .append(t.number()).append("</td><td class='num'>").append(String.format(Locale.ROOT, "%.1f s",
                            t.plannedStartSeconds())).append("</td><td class='num'>").append(t.delivered()).append(" / ")
                    .append(t.planned()).append("</td><td class='num'>").append(t.output()).append("</td></tr>\n");
        }
        html.append("</table>\n");
    }

    private static void temperature(StringBuilder html, List<CoilTemperatureRow> samples) {
        html.append("<h2>Coil temperature</h2>\n");
        if (samples.isEmpty()) {
            html.append("<p>No coil temperature on record (a session before tmshost recorded it, or a device "
                    + "that does not report it).</p>\n");
            return;
        }
        double min = samples.stream().mapToDouble(CoilTemperatureRow::celsius).min().orElse(0);
        double max = samples.stream().mapToDouble(CoilTemperatureRow::celsius).max().orElse(0);
        CoilTemperatureRow first = samples.get(0);
        CoilTemperatureRow last = samples.get(samples.size() - 1);
        html.append(chart(() -> ReportCharts.temperature(samples))).append(String.format(Locale.ROOT,
                "<p>%d samples: %.1f °C at the start, %.1f °C at the end (%.1f s), highest %.1f °C, lowest %.1f °C.</p>%n",
                samples.size(), first.celsius(), last.celsius(), last.atMicros() / 1e6, max, min));
    }

    private static void timeline(StringBuilder html, List<PulseRow> pulses, int planned, List<SessionFacts.Event> events) {
        html.append("<h2>Session timeline</h2>\n").append(chart(() -> ReportCharts.timeline(pulses, planned, events)));
        if (events.isEmpty()) {
            html.append("<p>No pause, stop or fault.</p>\n");
            return;
        }
        html.append("<table><tr><th>At</th><th>Event</th><th>Detail</th></tr>\n");
        for (SessionFacts.Event e : events) {
            html.append("<tr><td class='num'>").append(String.format(Locale.ROOT, "%.3f s", e.atSeconds()))
                    .append("</td><td>").append(Html.escape(e.what())).append("</td><td>").append(Html.escape(e.detail()))
                    .append("</td></tr>\n");
        }
        html.append("</table>\n");
    }

    private static void lateness(StringBuilder html, List<PulseRow> pulses) {
        html.append("<h2>Lateness</h2>\n");
        if (pulses.isEmpty()) {
            html.append("<p>No pulse was delivered.</p>\n");
            return;
        }
        SessionFacts.LatenessBins bins = SessionFacts.lateness(pulses);
        html.append(chart(() -> ReportCharts.lateness(bins)))
                .append("<table class='numbers'><tr><th>Lateness (µs)</th><th>Pulses</th></tr>\n");
        for (int i = 0; i < bins.counts().length; i++) {
            html.append("<tr><td class='num'>").append(bins.label(i)).append("</td><td class='num'>")
                    .append(bins.counts()[i]).append("</td></tr>\n");
        }
        html.append("</table>\n<p class='note'>Lateness is when a pulse left the host minus when it was planned; "
                + "each bin holds its lower bound and not its upper; "
                + "no pulse is ever early beyond the profile's tolerance, and a late pulse never shortens the next "
                + "interval.</p>\n");
    }

    private static void transitions(StringBuilder html, List<TransitionRow> transitions, ZoneId zone) {
        html.append("<h2>Transitions</h2>\n<table><tr><th>At</th><th>From</th><th>To</th><th>User</th><th>Reason</th></tr>\n");
        for (TransitionRow t : transitions) {
            html.append("<tr><td>").append(time(t.at(), zone)).append("</td><td>").append(Html.escape(t.fromState()))
                    .append("</td><td>").append(Html.escape(t.toState())).append("</td><td>")
                    .append(Html.escape(t.userId().orElse("host"))).append("</td><td>").append(Html.escape(t.reason()))
                    .append("</td></tr>\n");
        }
        html.append("</table>\n");
    }

    private static void trips(StringBuilder html, List<TripRow> trips, ZoneId zone) {
        html.append("<h2>Interlock trips</h2>\n");
        if (trips.isEmpty()) {
            html.append("<p>None.</p>\n");
            return;
        }
        html.append("<table><tr><th>At</th><th>Cause</th><th>Detail</th><th>Trip to disarm</th></tr>\n");
        for (TripRow t : trips) {
            html.append("<tr><td>").append(time(t.at(), zone)).append("</td><td>").append(Html.escape(t.cause()))
                    .append("</td><td>").append(Html.escape(t.detail())).append("</td><td class='num'>")
                    .append(t.tripToDisarmNanos().map(n -> String.format(Locale.ROOT, "%.1f µs", n / 1e3)).orElse(""))
                    .append("</td></tr>\n");
        }
        html.append("</table>\n");
    }

    /** A chart, or a note saying why it could not be drawn (its numbers are in the table beside it). */
    static String chart(Supplier<String> svg) {
        try {
            return "<figure>" + svg.get() + "</figure>\n";
        } catch (RuntimeException | LinkageError e) {
            return "<p class='note'>Chart not drawn (" + Html.escape(String.valueOf(e.getMessage()))
                    + "); the numbers are in the table.</p>\n";
        }
    }

    private static void row(StringBuilder html, String label, String value) {
        html.append("<tr><th>").append(Html.escape(label)).append("</th><td>").append(Html.escape(value)).append("</td></tr>");
    }

    private static String time(Instant at, ZoneId zone) {
        return LOCAL.format(at.atZone(zone));
    }
}
