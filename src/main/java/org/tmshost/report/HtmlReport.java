package org.tmshost.report;

import org.tmshost.protocol.PulsePlan;
import org.tmshost.safety.Finding;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** A self-contained HTML page (no scripts, no CDN) describing a dry run or session. */
public final class HtmlReport {
    private static final String STYLE = """
            body{font:15px/1.45 system-ui,-apple-system,'Segoe UI',sans-serif;margin:2rem auto;max-width:1000px;color:#1d232b;padding:0 1rem}
            h1{font-size:1.5rem;margin-bottom:.2rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #d6dbe1;padding-bottom:.2rem}
            .sim{display:inline-block;background:#6b3fa0;color:#fff;font-weight:600;padding:.1rem .5rem;border-radius:3px;font-size:.8rem;letter-spacing:.05em}
            .verdict{display:inline-block;font-weight:700;padding:.2rem .7rem;border-radius:4px;color:#fff}
            .PASS{background:#25753a}.NEEDS_OVERRIDE{background:#b36b00}.BLOCKED{background:#b3261e}.WARN{background:#6c757d}
            table{border-collapse:collapse;width:100%;margin:.5rem 0}td,th{text-align:left;padding:.3rem .6rem;border-bottom:1px solid #e4e7eb;vertical-align:top}
            th{background:#f3f5f7;font-weight:600}td.num{text-align:right;font-variant-numeric:tabular-nums}
            pre{background:#f6f8fa;padding:.8rem;border-radius:4px;overflow:auto;font-size:13px}
            svg{background:#fbfcfd;border:1px solid #e4e7eb;border-radius:4px;margin:.4rem 0}
            svg .title{font-size:13px;font-weight:600;fill:#1d232b}svg .label{font-size:11px;fill:#5b6573;text-anchor:middle}
            svg .axis,svg .tick{stroke:#8a94a3;stroke-width:1}svg .train{fill:#3d6fb6;opacity:.85}
            svg .pulse{stroke:#3d6fb6;stroke-width:1.4}svg .ch1{stroke:#c2571a}svg .ch2{stroke:#2f8f5b}svg .ch3{stroke:#8e44ad}
            svg .delivered{fill:#1d232b}.note{color:#5b6573;font-size:.9rem}
            """;

    private HtmlReport() {
    }

    public static void write(Path file, ReportContent content) throws IOException {
        Files.writeString(file, render(content), StandardCharsets.UTF_8);
    }

    public static String render(ReportContent c) {
        PulsePlan plan = c.timeline();
        StringBuilder html = new StringBuilder(16_384);
        html.append("<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'>")
                .append("<meta name='viewport' content='width=device-width,initial-scale=1'>")
                .append("<title>tmshost report: ").append(Html.escape(c.protocol().name())).append("</title>")
                .append("<style>").append(STYLE).append("</style></head><body>\n");
        html.append("<h1>").append(Html.escape(c.protocol().name())).append("</h1>\n<p>")
                .append(c.profile().simulation() || c.ran() ? "<span class='sim'>SIMULATION</span> " : "")
                .append("Dry run of <code>").append(Html.escape(c.protocolName())).append("</code> on profile <code>")
                .append(Html.escape(c.profile().name())).append("</code> (").append(Html.escape(c.profile().model()))
                .append("). Generated ").append(Html.escape(c.generatedAt())).append(".</p>\n");

        html.append("<h2>Verdict</h2>\n<p><span class='verdict ").append(c.verdict().name()).append("'>")
                .append(c.verdict().name()).append("</span></p>\n");
        if (c.verdict().findings().isEmpty()) {
            html.append("<p>No findings: within every rule of the safety envelope.</p>\n");
        } else {
            html.append("<table><tr><th>Severity</th><th>Rule</th><th>Finding</th><th>Source</th></tr>\n");
            for (Finding f : c.verdict().findings()) {
                html.append("<tr><td><span class='verdict ").append(f.severity().name()).append("'>")
                        .append(f.severity().name()).append("</span></td><td><code>").append(Html.escape(f.ruleId()))
                        .append("</code></td><td>").append(Html.escape(f.message())).append("</td><td>")
                        .append(Html.escape(f.citation())).append("</td></tr>\n");
            }
            html.append("</table>\n");
        }

        html.append("<h2>Subject and totals</h2>\n<table>\n");
        row(html, "Resting motor threshold", threshold(c.thresholds().rmtPercentMso()));
        row(html, "Active motor threshold", threshold(c.thresholds().amtPercentMso()));
        row(html, "Threshold method", c.thresholds().method().name());
        row(html, "Kind", c.protocol().kind().fileName());
        row(html, "Planned pulses", String.valueOf(plan.pulseCount()));
        row(html, "Trains", String.valueOf(plan.trainCount()));
        row(html, "Duration", String.format(Locale.ROOT, "%.3f s (%s)", plan.durationSeconds(), minutes(plan.durationNanos())));
        row(html, "Peak instantaneous rate", String.format(Locale.ROOT, "%.2f Hz", plan.peakFrequencyHz()));
        c.verdict().plan().ifPresent(p -> row(html, "Highest output", p.maxOutputPercentMso() + "% MSO"));
        row(html, "Delivered by the simulated device", c.ran() ? String.valueOf(c.deliveredPulses())
                : "not run (" + c.verdict().name() + ")");
        if (c.ran()) {
            row(html, "Refused by the simulated device", String.valueOf(c.refusedPulses()));
            row(html, "Coil peak temperature (model)", String.format(Locale.ROOT, "%.1f &deg;C", c.coilPeakTemperatureCelsius()));
        }
        row(html, "Citation", Html.escape(c.protocol().citation()));
        html.append("</table>\n");

        html.append("<h2>Timeline</h2>\n");
        html.append(SvgTimeline.session(plan, "Whole session: " + plan.trainCount() + " train(s) over "
                + minutes(plan.durationNanos())));
        long window = SvgTimeline.trainWindowNanos(plan);
        PulsePlan drawn = c.verdict().plan().orElse(plan);
        html.append(SvgTimeline.window(drawn, 0, window, c.deliveredAtNanos(), String.format(Locale.ROOT,
                "First train, first %.2f s: each line a planned pulse (height = output), dots = delivered", window / 1e9)));
        if (SvgTimeline.wantsCloseUp(plan)) {
            html.append(SvgTimeline.window(drawn, 0, SvgTimeline.closeUpNanos(), c.deliveredAtNanos(),
                    "Close-up of the first 250 ms (bursts and pairs to scale; colour = unit)"));
        }
        html.append("<p class='note'>Times are planned offsets from the first pulse; dots are the simulated ")
                .append("device's own record of what it delivered.</p>\n");

        html.append("<h2>Protocol file</h2>\n<pre>").append(Html.escape(c.protocolText())).append("</pre>\n");
        html.append("<h2>Profile</h2>\n<p>").append(Html.escape(c.profile().name())).append(" &middot; SHA-256 <code>")
                .append(c.profile().sha256()).append("</code></p>\n");
        html.append("<p class='note'>tmshost is research software, not a certified medical device. The stimulator's ")
                .append("own limits and stop button remain the last line of defence.</p>\n</body></html>\n");
        return html.toString();
    }

    private static void row(StringBuilder html, String name, String value) {
        html.append("<tr><th>").append(name).append("</th><td>").append(value).append("</td></tr>\n");
    }

    private static String threshold(Optional<BigDecimal> value) {
        return value.map(v -> v.stripTrailingZeros().toPlainString() + "% MSO").orElse("not measured");
    }

    private static String minutes(long nanos) {
        long seconds = Math.round(nanos / 1e9);
        return seconds >= 60 ? String.format(Locale.ROOT, "%d min %02d s", seconds / 60, seconds % 60) : seconds + " s";
    }
}
