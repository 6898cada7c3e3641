package org.tmshost.report;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * The course report's cortical excitability page (issue 17), when the course has measurements: each
 * conditioned condition's ratio to the test pulse alone with its 95% interval, and the test-alone MEP,
 * per measurement on the course's days; each chart also a table. The numbers are those the record kept
 * when each measurement completed; a measurement without results is named, not drawn.
 */
final class CourseExcitability {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);

    private CourseExcitability() {
    }

    static void section(StringBuilder html, List<CourseFacts.Excitability> measurements, CourseFacts.Span span,
                        ZoneId zone) {
        List<CourseFacts.Excitability> paired = measurements.stream().filter(m -> m.kind().equals("paired-pulse")
                && m.results().present()).toList();
        List<CourseFacts.Excitability> recruitment = measurements.stream().filter(m -> m.kind().equals("recruitment")
                && m.results().present()).toList();
        html.append("<section class='excitability'>\n<h2>Cortical excitability</h2>\n<p>")
                .append(measurements.size()).append(measurements.size() == 1 ? " measurement" : " measurements")
                .append(" recorded with this course. Paired pulse: the conditioned MEP's ratio to the test pulse alone "
                        + "(mean / mean); below 1 inhibition (SICI, short intervals), above 1 facilitation (ICF). "
                        + "The intervals are the 95% bootstrap intervals recorded with each measurement.</p>\n");
        if (paired.isEmpty()) {
            html.append("<p>No paired-pulse measurement of this course has results.</p>\n");
        } else {
            html.append("<h3>SICI and ICF ratios</h3>\n")
                    .append(SessionReport.chart(() -> CourseCharts.ratios(paired, span)))
                    .append("<h3>Test pulse alone: mean MEP</h3>\n")
                    .append(SessionReport.chart(() -> CourseCharts.testMeps(paired, span)))
                    .append("<p class='note'>On the days of the motor threshold chart; measurements on one day are "
                            + "drawn apart in the order taken, and each condition's point a little apart from the "
                            + "others'.</p>\n");
            html.append("<table class='numbers'><thead><tr><th>Date</th><th>Session</th><th>Measurement</th>"
                    + "<th>Condition</th><th>Ratio</th><th>95% CI</th><th>Test MEP</th><th></th></tr></thead>\n");
            for (CourseFacts.Excitability m : paired) {
                if (m.ratios().isEmpty()) {
                    row(html, m, zone, "–", "–", "–");
                }
                for (StoredResults.Ratio r : m.ratios()) {
                    row(html, m, zone, Html.escape(r.condition()), fixed(r.ratio(), 2), interval(r));
                }
            }
            html.append("</table>\n");
        }
        if (!recruitment.isEmpty()) {
            recruitment(html, recruitment, zone);
        }
        List<CourseFacts.Excitability> without = measurements.stream().filter(m -> !m.results().present()).toList();
        if (!without.isEmpty()) {
            html.append("<p class='note'>Without results, not drawn: ");
            for (int i = 0; i < without.size(); i++) {
                CourseFacts.Excitability m = without.get(i);
                html.append(i == 0 ? "" : "; ").append("measurement ").append(m.id()).append(" (").append(m.day())
                        .append(", ").append(Html.escape(m.kind())).append(", ended ").append(Html.escape(m.outcome()))
                        .append(m.results().unreadable().isPresent() ? ", its recorded results unreadable" : "")
                        .append(')');
            }
            html.append(".</p>\n");
        }
        html.append("</section>\n");
    }

    private static void row(StringBuilder html, CourseFacts.Excitability m, ZoneId zone, String condition, String ratio,
                            String ci) {
        html.append("<tr><td class='when'>").append(m.day()).append(' ').append(TIME.format(m.at().atZone(zone)))
                .append("</td><td class='num'>").append(m.session().map(String::valueOf).orElse("–"))
                .append("</td><td class='num'>").append(m.id()).append("</td><td>").append(condition)
                .append("</td><td class='num'>").append(ratio).append("</td><td class='num'>").append(ci)
                .append("</td><td class='num'>").append(fixed(m.testMeanMicrovolts(), 0)).append(" µV</td><td>")
                .append(m.simulated() ? "<span class='sim'>SIMULATION</span>" : "").append("</td></tr>\n");
    }

    private static void recruitment(StringBuilder html, List<CourseFacts.Excitability> curves, ZoneId zone) {
        html.append("<h3>Recruitment curves: Boltzmann fit</h3>\n<table class='numbers'><thead><tr><th>Date</th>"
                + "<th>Session</th><th>Measurement</th><th>MEPmax</th><th>S50</th><th>Slope</th><th></th></tr></thead>\n");
        for (CourseFacts.Excitability m : curves) {
            html.append("<tr><td class='when'>").append(m.day()).append(' ').append(TIME.format(m.at().atZone(zone)))
                    .append("</td><td class='num'>").append(m.session().map(String::valueOf).orElse("–"))
                    .append("</td><td class='num'>").append(m.id()).append("</td>");
            StoredResults.Fit f = m.results().fit().orElseThrow();
            if (f.refused().isPresent()) {
                html.append("<td colspan='3'>no fit: ").append(Html.escape(f.refused().get())).append("</td>");
            } else {
                html.append("<td class='num'>").append(fixed(f.mepMaxMicrovolts(), 0)).append(" µV ")
                        .append(bounds(f.mepMaxCi95(), 0)).append("</td><td class='num'>")
                        .append(fixed(f.s50PercentMso(), 1)).append("% MSO ").append(bounds(f.s50Ci95(), 1))
                        .append("</td><td class='num'>").append(fixed(f.slope(), 3)).append(" /% MSO ")
                        .append(bounds(f.slopeCi95(), 3)).append("</td>");
            }
            html.append("<td>").append(m.simulated() ? "<span class='sim'>SIMULATION</span>" : "").append("</td></tr>\n");
        }
        html.append("</table>\n");
    }

    private static String interval(StoredResults.Ratio r) {
        return bounds(new StoredResults.Bounds(r.lower(), r.upper()), 2);
    }

    private static String bounds(StoredResults.Bounds ci, int decimals) {
        return ci.lower().isEmpty() && ci.upper().isEmpty() ? "–"
                : "[" + fixed(ci.lower(), decimals) + ", " + fixed(ci.upper(), decimals) + "]";
    }

    private static String fixed(OptionalDouble value, int decimals) {
        return value.isPresent() ? String.format(Locale.ROOT, "%." + decimals + "f", value.getAsDouble()) : "–";
    }
}
