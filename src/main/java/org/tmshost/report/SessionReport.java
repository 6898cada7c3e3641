package org.tmshost.report;

import org.tmshost.record.OverrideRow;
import org.tmshost.record.PulseRow;
import org.tmshost.record.RecordStore;
import org.tmshost.record.SessionRow;
import org.tmshost.record.TransitionRow;
import org.tmshost.record.TripRow;

import java.util.List;
import java.util.Locale;

/**
 * A self-contained HTML page for one recorded session (no scripts, no CDN): summary, planned vs
 * actual pulse timeline, lateness histogram, transitions, interlock trips and overrides. Styles
 * follow the dry-run report of {@code org.tmshost.report}.
 */
public final class SessionReport {
    private static final String STYLE = """
            body{font:15px/1.45 system-ui,-apple-system,'Segoe UI',sans-serif;margin:2rem auto;max-width:1000px;color:#1d232b;padding:0 1rem}
            h1{font-size:1.5rem;margin-bottom:.2rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #d6dbe1;padding-bottom:.2rem}
            .sim{display:inline-block;background:#6b3fa0;color:#fff;font-weight:600;padding:.1rem .5rem;border-radius:3px;font-size:.8rem;letter-spacing:.05em}
            .state{display:inline-block;font-weight:700;padding:.2rem .7rem;border-radius:4px;color:#fff;background:#6c757d}
            .COMPLETED{background:#25753a}.ABORTED{background:#b36b00}.FAULTED,.INTERRUPTED{background:#b3261e}
            table{border-collapse:collapse;width:100%;margin:.5rem 0}td,th{text-align:left;padding:.3rem .6rem;border-bottom:1px solid #e4e7eb;vertical-align:top}
            th{background:#f3f5f7;font-weight:600}td.num{text-align:right;font-variant-numeric:tabular-nums}
            svg{background:#fbfcfd;border:1px solid #e4e7eb;border-radius:4px;margin:.4rem 0}
            svg .label{font-size:11px;fill:#5b6573}svg .planned{stroke:#3d6fb6;stroke-width:1}svg .actual{stroke:#1d232b;stroke-width:1.4}
            svg .bar{fill:#3d6fb6}.note{color:#5b6573;font-size:.9rem}
            """;
    private static final int WIDTH = 960;

    private SessionReport() {
    }

    public static String render(RecordStore store, SessionRow s) {
        List<PulseRow> pulses = store.pulses(s.id());
        StringBuilder html = new StringBuilder(16_384);
        html.append("<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'><title>tmshost session ")
                .append(s.id()).append("</title><style>").append(STYLE).append("</style></head><body>\n");
        html.append("<h1>Session ").append(s.id()).append(": ").append(Html.escape(s.protocolName())).append("</h1>\n<p>")
                .append(s.simulated() ? "<span class='sim'>SIMULATION</span> " : "")
                .append("<span class='state ").append(Html.escape(s.state())).append("'>").append(Html.escape(s.state()))
                .append("</span> ").append(Html.escape(s.endReason().orElse(""))).append("</p>\n<table>");
        row(html, "Subject", s.subjectId());
        row(html, "Operator", s.operatorId());
        row(html, "Device", s.deviceUri() + s.deviceModel().map(m -> " (" + m + ")").orElse(""));
        row(html, "Profile", s.profileName() + " sha256 " + s.profileSha256());
        row(html, "Envelope", "sha256 " + s.envelopeSha256() + ", verdict " + s.verdict());
        row(html, "Thresholds", s.rmtPercentMso().map(v -> "RMT " + v + "% MSO ").orElse("")
                + s.amtPercentMso().map(v -> "AMT " + v + "% MSO ").orElse("") + s.mtMethod().orElse(""));
        row(html, "Pulses", s.deliveredPulses() + " delivered of " + s.plannedPulses() + " planned"
                + s.deviceReportedPulses().map(d -> "; the device counted " + d).orElse(""));
        row(html, "Time", s.createdAt() + " to " + s.endedAt().map(Object::toString).orElse("(open)"));
        html.append("</table>\n");

        html.append("<h2>Planned vs actual pulses</h2>\n").append(timeline(pulses));
        html.append("<h2>Lateness</h2>\n").append(histogram(pulses));

        html.append("<h2>Transitions</h2>\n<table><tr><th>At</th><th>From</th><th>To</th><th>User</th><th>Reason</th></tr>\n");
        for (TransitionRow t : store.transitions(s.id())) {
            html.append("<tr><td>").append(t.at()).append("</td><td>").append(Html.escape(t.fromState())).append("</td><td>")
                    .append(Html.escape(t.toState())).append("</td><td>").append(Html.escape(t.userId().orElse("host")))
                    .append("</td><td>").append(Html.escape(t.reason())).append("</td></tr>\n");
        }
        html.append("</table>\n<h2>Interlock trips</h2>\n");
        List<TripRow> trips = store.trips(s.id());
        if (trips.isEmpty()) {
            html.append("<p>None.</p>\n");
        } else {
            html.append("<table><tr><th>At</th><th>Cause</th><th>Detail</th><th>Trip to disarm</th></tr>\n");
            for (TripRow t : trips) {
                html.append("<tr><td>").append(t.at()).append("</td><td>").append(Html.escape(t.cause())).append("</td><td>")
                        .append(Html.escape(t.detail())).append("</td><td class='num'>")
                        .append(t.tripToDisarmNanos().map(n -> String.format(Locale.ROOT, "%.1f µs", n / 1e3)).orElse(""))
                        .append("</td></tr>\n");
            }
            html.append("</table>\n");
        }
        html.append("<h2>Overrides</h2>\n");
        List<OverrideRow> overrides = store.overrides(s.id());
        if (overrides.isEmpty()) {
            html.append("<p>None.</p>\n");
        } else {
            html.append("<table><tr><th>Rule</th><th>Approved by</th><th>Reason</th><th>At</th></tr>\n");
            for (OverrideRow o : overrides) {
                html.append("<tr><td><code>").append(Html.escape(o.ruleId())).append("</code></td><td>")
                        .append(Html.escape(o.approvedBy())).append("</td><td>").append(Html.escape(o.reason())).append("</td><td>")
                        .append(o.at()).append("</td></tr>\n");
            }
            html.append("</table>\n");
        }
        html.append("<p class='note'>Research software, not a certified medical device.</p>\n</body></html>\n");
        return html.toString();
    }

    private static void row(StringBuilder html, String label, String value) {
        html.append("<tr><th>").append(Html.escape(label)).append("</th><td>").append(Html.escape(value)).append("</td></tr>");
    }

    /** Planned ticks above the axis, actual ticks below, over the session's span. */
    private static String timeline(List<PulseRow> pulses) {
        if (pulses.isEmpty()) {
            return "<p>No pulse was delivered.</p>\n";
        }
        long span = Math.max(1, pulses.get(pulses.size() - 1).actualNanos());
        StringBuilder svg = new StringBuilder("<svg width='" + WIDTH + "' height='90' role='img' "
                + "aria-label='planned and actual pulse times'>");
        svg.append("<text class='label' x='4' y='14'>planned</text><text class='label' x='4' y='84'>actual</text>");
        for (PulseRow p : pulses) {
            svg.append(String.format(Locale.ROOT, "<line class='planned' x1='%.1f' y1='20' x2='%.1f' y2='44'/>",
                    x(p.plannedNanos(), span), x(p.plannedNanos(), span)));
            svg.append(String.format(Locale.ROOT, "<line class='actual' x1='%.1f' y1='46' x2='%.1f' y2='70'/>",
                    x(p.actualNanos(), span), x(p.actualNanos(), span)));
        }
        svg.append(String.format(Locale.ROOT, "<text class='label' x='%d' y='84' text-anchor='end'>%.2f s</text>",
                WIDTH - 4, span / 1e9));
        return svg.append("</svg>\n").toString();
    }

    private static double x(long nanos, long span) {
        return 60 + (WIDTH - 80) * (double) Math.max(0, nanos) / span;
    }

    /** Lateness (actual - planned) in 20 bins between its minimum and maximum. */
    private static String histogram(List<PulseRow> pulses) {
        if (pulses.isEmpty()) {
            return "<p>No pulse was delivered.</p>\n";
        }
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (PulseRow p : pulses) {
            long late = p.actualNanos() - p.plannedNanos();
            min = Math.min(min, late);
            max = Math.max(max, late);
        }
        int bins = 20;
        int[] counts = new int[bins];
        double width = Math.max(1, (max - min + 1) / (double) bins);
        for (PulseRow p : pulses) {
            counts[(int) Math.min(bins - 1, (p.actualNanos() - p.plannedNanos() - min) / width)]++;
        }
        int top = java.util.Arrays.stream(counts).max().orElse(1);
        StringBuilder svg = new StringBuilder("<svg width='" + WIDTH + "' height='150' role='img' "
                + "aria-label='lateness histogram'>");
        double barWidth = (WIDTH - 80) / (double) bins;
        for (int i = 0; i < bins; i++) {
            double h = 110.0 * counts[i] / top;
            svg.append(String.format(Locale.ROOT, "<rect class='bar' x='%.1f' y='%.1f' width='%.1f' height='%.1f'>"
                    + "<title>%d pulses</title></rect>", 60 + i * barWidth, 120 - h, barWidth - 2, h, counts[i]));
        }
        svg.append(String.format(Locale.ROOT, "<text class='label' x='60' y='140'>%.1f µs</text>"
                + "<text class='label' x='%d' y='140' text-anchor='end'>%.1f µs late</text>", min / 1e3, WIDTH - 20,
                max / 1e3));
        return svg.append("</svg>\n").toString();
    }

}
