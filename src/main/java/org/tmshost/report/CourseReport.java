package org.tmshost.report;

import org.tmshost.course.Course;
import org.tmshost.course.CourseStanding;
import org.tmshost.course.OutcomeMeasure;
import org.tmshost.course.OutcomeSummary;
import org.tmshost.record.AdverseEventRow;
import org.tmshost.record.CourseChangeRow;
import org.tmshost.record.CourseRow;
import org.tmshost.record.RecordStore;
import org.tmshost.record.RecordVerification;
import org.tmshost.record.SessionRow;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A self-contained HTML page for one treatment course (no scripts, no external resource), made to be
 * printed on A4 and signed: a one-page summary (subject, protocol and its SHA-256, target, schedule,
 * where the course stands on {@code today}, each measure's baseline, latest score, change and responder
 * status, adverse events, signature lines for the clinician and the supervisor), then the detail: each
 * measure before and after every session with the responder lines, pulses and output per session,
 * motor thresholds over the course's days, the cortical excitability measurements (SICI/ICF ratios and
 * the test MEP, when the course has any), adverse events on the same days, and the audited changes.
 * Every chart is also a table. Record text is escaped. {@code today} is given, never read from a clock.
 */
public final class CourseReport {
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z", Locale.ROOT);
    private static final int SHA_PREFIX = 16;
    /** What the course report adds to the session report's stylesheet: its states and yes/no. */
    private static final String CSS = """
            .ACTIVE{background:#25753a}.SUSPENDED{background:#b3261e}.CLOSED{background:#6c757d}
            .yes{font-weight:700;color:#25753a}.no{font-weight:600;color:#5b6573}
            table.outcomes th:first-child{width:11rem}td.when{white-space:nowrap}tr.seizure td,.seizure{color:#b3261e;font-weight:600}
            @media print{
              .excitability{break-before:page;page-break-before:always}
              .summary{font-size:9.5pt}.summary h1{font-size:15pt}.summary h2{margin-top:.7rem}
              .summary td,.summary th{padding:.14rem .45rem}.summary .note{font-size:8pt;margin:.3rem 0}
              .summary .signatures{margin-top:.9rem}.summary .signature p{margin:.55rem 0 .1rem}
            }
            """;

    private CourseReport() {
    }

    /** The page for {@code course} as it stands on {@code today}; times shown in the course's zone. */
    public static String render(RecordStore store, Course course, LocalDate today) {
        List<CourseFacts.Delivery> deliveries = CourseFacts.deliveries(course, store);
        List<CourseFacts.Excitability> measurements = CourseFacts.excitability(course, store);
        CourseFacts.Span span = CourseFacts.span(course, deliveries, measurements);
        boolean simulated = course.sessions().stream().anyMatch(SessionRow::simulated)
                || measurements.stream().anyMatch(CourseFacts.Excitability::simulated);
        StringBuilder html = new StringBuilder(65_536);
        html.append("<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'><title>tmshost course ")
                .append(Html.escape(course.name())).append(": ").append(Html.escape(course.subjectId()))
                .append("</title><style>").append(ReportStyle.CSS).append(CSS).append("</style></head><body>\n");
        CourseStanding standing = course.standing(today);
        summary(html, course, standing, simulated, store.verifyCourse(course.row().id()));
        html.append("<section class='detail'>\n");
        for (OutcomeMeasure measure : course.measures()) {
            scores(html, course, measure);
        }
        deliveries(html, deliveries, course.sessions().size() - deliveries.size());
        thresholds(html, deliveries, span);
        if (!measurements.isEmpty()) {
            CourseExcitability.section(html, measurements, span, course.zone());
        }
        events(html, course, deliveries, standing.missedDays(), span);
        changes(html, course.changes(), course.zone());
        html.append("</section>\n<p class='note'>tmshost ").append(simulated ? "(SIMULATION) " : "")
                .append("is research software, not a certified medical device. Course ").append(Html.escape(course.name()))
                .append(" as it stands on ").append(today).append(".</p>\n</body></html>\n");
        return html.toString();
    }

    private static void summary(StringBuilder html, Course course, CourseStanding standing, boolean simulated,
                                RecordVerification record) {
        CourseRow c = course.row();
        html.append("<section class='summary'>\n<h1>TMS treatment course report</h1>\n<p class='lead'>Course ")
                .append(Html.escape(c.name())).append(" &middot; subject ").append(Html.escape(c.subjectId())).append(' ')
                .append(simulated ? "<span class='sim'>SIMULATION</span> " : "")
                .append("<span class='state ").append(Html.escape(standing.state())).append("'>")
                .append(Html.escape(standing.state())).append("</span></p>\n<table class='facts'>");
        row(html, "Subject", c.subjectId());
        row(html, "Course", c.name() + ", planned by " + c.plannedBy() + " on " + time(c.plannedAt(), course.zone()));
        html.append("<tr><th>Protocol</th><td>").append(Html.escape(c.protocolName())).append(" &middot; SHA-256 <code>")
                .append(Html.escape(c.protocolSha256().substring(0, Math.min(SHA_PREFIX, c.protocolSha256().length()))))
                .append("…</code></td></tr>");
        row(html, "Target", c.target().equals(c.targetSite()) ? c.target() : c.target() + "; standard site: " + c.targetSite());
        row(html, "Schedule", c.plannedSessions() + " sessions, " + c.schedule() + " from " + c.startDate() + ", "
                + c.sessionsPerDay() + " a day" + (course.maintenance().sessions() == 0 ? "; no maintenance"
                : "; then " + course.maintenance().sessions() + " maintenance sessions, one every "
                + course.maintenance().everyDays() + " days"));
        row(html, "Intensity", c.intensityRule() + "; motor threshold measured every " + c.thresholdsEvery());
        row(html, "State", standing.state() + stateChange(course) + ", " + (standing.complete()
                ? "every planned session done" : standing.phase() + " phase"));
        row(html, "Sessions", standing.done() + " done of " + standing.planned() + " planned"
                + (course.maintenance().sessions() == 0 ? "" : " (induction " + standing.inductionDone() + " of "
                + c.plannedSessions() + ", maintenance " + standing.maintenanceDone() + " of "
                + course.maintenance().sessions() + ")") + cutShort(course, standing));
        row(html, "Missed days", standing.missed() == 0 ? "none" : standing.missed() + " ("
                + standing.missedDays().stream().map(LocalDate::toString).collect(Collectors.joining(", ")) + ")");
        row(html, "Next due", standing.nextDue().map(d -> d + (d.isBefore(standing.today()) ? " (overdue)" : ""))
                .orElse(noneDue(standing)));
        html.append("<tr><th>Adverse events</th><td>").append(adverseEvents(course.events())).append("</td></tr>");
        row(html, "Record", record.said().equals("verified") ? "verified against its seal" : record.said());
        html.append("</table>\n");
        outcomes(html, course);
        html.append("<div class='signatures'>");
        SessionReport.signature(html, "Clinician", "");
        SessionReport.signature(html, "Supervisor", "");
        html.append("</div>\n</section>\n");
    }

    private static String cutShort(Course course, CourseStanding standing) {
        long cut = course.held().size() - standing.done();
        return cut <= 0 ? "" : "; " + cut + " more held but cut short (not counted as done)";
    }

    private static String noneDue(CourseStanding standing) {
        if (!standing.state().equals(Course.ACTIVE)) {
            return "none: the course is " + standing.state().toLowerCase(Locale.ROOT);
        }
        return standing.complete() ? "none: every planned session is done" : "none: the listed dates are used up";
    }

    /** Why a course is not ACTIVE: the change that set its state, with who and when. */
    private static String stateChange(Course course) {
        if (course.state().equals(Course.ACTIVE)) {
            return "";
        }
        return course.changes().stream().filter(ch -> ch.state().isPresent()).reduce((a, b) -> b)
                .map(ch -> " (" + ch.state().get().toLowerCase(Locale.ROOT) + " by " + ch.userId() + " on "
                        + ch.at().atZone(course.zone()).toLocalDate() + ": " + ch.detail() + ")").orElse("");
    }

    /** Each event with its severity and day, a seizure in red. */
    private static String adverseEvents(List<AdverseEventRow> events) {
        if (events.isEmpty()) {
            return "none recorded";
        }
        return events.size() + ": " + events.stream().map(e -> (e.kind().equals("seizure") ? "<strong class='seizure'>"
                : "<span>") + Html.escape(e.kind() + " (" + e.severity() + ", " + e.day() + ")")
                + (e.kind().equals("seizure") ? "</strong>" : "</span>")).collect(Collectors.joining(", "));
    }

    /** Each measure's baseline, latest score, change and responder status, the primary first. */
    private static void outcomes(StringBuilder html, Course course) {
        List<OutcomeSummary> summaries = course.measures().stream().map(course::summary).toList();
        html.append("<h2>Outcome</h2>\n<table class='outcomes'><tr><th></th>");
        for (int i = 0; i < summaries.size(); i++) {
            html.append("<th>").append(Html.escape(summaries.get(i).measure().name())).append(i == 0 ? " (primary)" : "")
                    .append("</th>");
        }
        html.append("</tr>\n");
        outcomeRow(html, "Baseline", summaries, s -> s.baseline().map(b -> Html.escape(CourseFacts.score(b) + " "
                + s.measure().unit())).orElse("none (no score before a session)"));
        outcomeRow(html, "Latest", summaries, s -> s.latest().map(l -> Html.escape(CourseFacts.score(l) + " "
                + s.measure().unit() + " on " + s.latestDay().map(LocalDate::toString).orElse(""))).orElse("none"));
        outcomeRow(html, "Change from baseline", summaries, CourseReport::change);
        outcomeRow(html, "Responder &ge;30%", summaries, s -> judged(s, s.responder30()));
        outcomeRow(html, "Responder &ge;50%", summaries, s -> judged(s, s.responder50()));
        outcomeRow(html, "MCID reached", summaries, s -> s.baseline().isEmpty() || s.latest().isEmpty() ? "not judged"
                : yesNo(s.mcidReached()) + " (MCID " + Html.escape(s.measure().mcid().toPlainString() + " "
                + s.measure().unit()) + ")");
        html.append("</table>\n<p class='note'>Responder: an improvement from baseline of at least 30% (moderate) or "
                + "50% (substantial), IMMPACT (Dworkin RH et al., J Pain 2008;9(2):105-121); the baseline is the first "
                + "score before a session, the latest the last score recorded. ")
                .append(Html.escape(summaries.get(0).measure().name() + ": " + summaries.get(0).measure().citation()))
                .append("</p>\n");
    }

    private static void outcomeRow(StringBuilder html, String label, List<OutcomeSummary> summaries,
                                   java.util.function.Function<OutcomeSummary, String> cell) {
        html.append("<tr><th>").append(label).append("</th>");
        for (OutcomeSummary s : summaries) {
            html.append("<td>").append(cell.apply(s)).append("</td>");
        }
        html.append("</tr>\n");
    }

    /** {@code -57.1% (a 57% reduction)}: signed as measured, then in words. */
    private static String change(OutcomeSummary s) {
        if (s.changePercent().isEmpty()) {
            return s.baseline().map(b -> "not computed (baseline " + CourseFacts.score(b) + ")").orElse("none");
        }
        double change = s.changePercent().get();
        String words = Math.round(Math.abs(change)) == 0 ? "no change"
                : String.format(Locale.ROOT, "a %d%% %s", Math.round(Math.abs(change)), change < 0 ? "reduction" : "increase");
        boolean better = s.improvementPercent().map(p -> p > 0).orElse(false);
        return String.format(Locale.ROOT, "%+.1f%% (%s%s)", change, words,
                Math.round(Math.abs(change)) == 0 ? "" : better ? ", better" : ", worse");
    }

    private static String judged(OutcomeSummary s, boolean responder) {
        return s.improvementPercent().isEmpty() ? "not judged" : yesNo(responder);
    }

    private static String yesNo(boolean yes) {
        return yes ? "<span class='yes'>yes</span>" : "<span class='no'>no</span>";
    }

    private static void scores(StringBuilder html, Course course, OutcomeMeasure measure) {
        OutcomeSummary summary = course.summary(measure);
        List<CourseFacts.Scores> scores = CourseFacts.scores(course, measure);
        List<CourseFacts.ResponderLine> lines = CourseFacts.responderLines(summary);
        html.append("<h2>").append(Html.escape(measure.name())).append(" before and after each session</h2>\n<p>")
                .append(Html.escape(measure.title())).append(".</p>\n");
        if (scores.stream().allMatch(s -> s.before().isEmpty() && s.after().isEmpty() && s.followUp().isEmpty())) {
            html.append("<p>No score recorded.</p>\n");
            return;
        }
        html.append(SessionReport.chart(() -> CourseCharts.scores(measure, scores, summary.baseline(), lines)));
        if (!lines.isEmpty()) {
            html.append("<p class='note'>Dashed lines: the baseline (").append(Html.escape(CourseFacts.score(
                    summary.baseline().get()))).append(") and the scores of a responder: ")
                    .append(lines.stream().map(l -> String.format(Locale.ROOT, "%.0f%% improvement at %s", l.percent(),
                            Html.escape(CourseFacts.score(Math.round(l.value() * 100) / 100.0))))
                            .collect(Collectors.joining(", "))).append(".</p>\n");
        }
        html.append("<table class='numbers'><thead><tr><th>Session</th><th>Date</th><th>Before</th><th>After</th>"
                + "<th>Change in the session</th></tr></thead>\n");
        for (CourseFacts.Scores s : scores) {
            html.append("<tr><td class='num'>").append(s.session().map(String::valueOf).orElse(s.followUp().isPresent()
                    ? "follow-up" : "no session")).append("</td><td class='num'>").append(s.day()).append("</td><td class='num'>")
                    .append(s.before().map(CourseFacts::score).orElse("–")).append("</td><td class='num'>")
                    .append(s.after().or(s::followUp).map(CourseFacts::score).orElse("–")).append("</td><td class='num'>")
                    .append(s.before().isPresent() && s.after().isPresent()
                            ? CourseFacts.score(Math.round((s.after().get() - s.before().get()) * 1e6) / 1e6) : "")
                    .append("</td></tr>\n");
        }
        html.append("</table>\n");
    }

    private static void deliveries(StringBuilder html, List<CourseFacts.Delivery> deliveries, int attempts) {
        html.append("<h2>Pulses and output per session</h2>\n");
        if (deliveries.isEmpty()) {
            html.append("<p>No session delivered a pulse yet.</p>\n");
        } else {
            html.append(SessionReport.chart(() -> CourseCharts.deliveries(deliveries)))
                    .append("<table class='numbers'><thead><tr><th>Session</th><th>Date</th><th>Record id</th><th>Ended</th>"
                            + "<th>Pulses delivered / planned</th><th>Highest output</th></tr></thead>\n");
            for (CourseFacts.Delivery d : deliveries) {
                html.append("<tr").append(d.delivered() < d.planned() ? " class='short'" : "").append("><td class='num'>")
                        .append(d.number()).append("</td><td class='num'>").append(d.day()).append("</td><td class='num'>")
                        .append(d.sessionId()).append("</td><td>").append(Html.escape(d.state())).append("</td><td class='num'>")
                        .append(d.delivered()).append(" / ").append(d.planned()).append("</td><td class='num'>")
                        .append(d.maxOutputPercentMso().map(o -> o + "% MSO").orElse("–")).append("</td></tr>\n");
            }
            html.append("</table>\n");
        }
        if (attempts > 0) {
            html.append("<p class='note'>").append(attempts).append(" more session(s) of this course delivered no pulse "
                    + "(refused at arming, cancelled, or faulted before the first pulse); they are not numbered.</p>\n");
        }
    }

    private static void thresholds(StringBuilder html, List<CourseFacts.Delivery> deliveries, CourseFacts.Span span) {
        html.append("<h2>Motor threshold over the course</h2>\n");
        if (deliveries.stream().allMatch(d -> d.rmtPercentMso().isEmpty() && d.amtPercentMso().isEmpty())) {
            html.append("<p>No session ran on a motor threshold (absolute intensities, or no session yet).</p>\n");
            return;
        }
        html.append(SessionReport.chart(() -> CourseCharts.thresholds(deliveries, span)))
                .append("<table class='numbers'><thead><tr><th>Session</th><th>Date</th><th>RMT</th><th>AMT</th>"
                        + "<th>Method</th></tr></thead>\n");
        for (CourseFacts.Delivery d : deliveries) {
            html.append("<tr><td class='num'>").append(d.number()).append("</td><td class='num'>").append(d.day())
                    .append("</td><td class='num'>").append(percentMso(d.rmtPercentMso())).append("</td><td class='num'>")
                    .append(percentMso(d.amtPercentMso())).append("</td><td>")
                    .append(Html.escape(d.mtMethod().orElse(""))).append("</td></tr>\n");
        }
        html.append("</table>\n");
    }

    private static String percentMso(Optional<Double> value) {
        return value.map(v -> SessionFacts.number(v) + "% MSO").orElse("–");
    }

    private static void events(StringBuilder html, Course course, List<CourseFacts.Delivery> deliveries,
                               List<LocalDate> missed, CourseFacts.Span span) {
        html.append("<h2>Adverse events</h2>\n");
        List<AdverseEventRow> events = course.events();
        if (events.isEmpty()) {
            html.append("<p>None recorded.</p>\n");
            return;
        }
        html.append(SessionReport.chart(() -> CourseCharts.events(events, deliveries, missed, span)))
                .append("<p class='note'>On the days of the motor threshold chart; the bottom row marks the days a "
                        + "session was held (an open red mark: a day missed); a seizure is red.</p>\n")
                .append("<table><thead><tr><th>Date</th><th>Session</th><th>Kind</th><th>Severity</th><th>Note</th>"
                        + "<th>Entered by</th></tr></thead>\n");
        for (AdverseEventRow e : events) {
            String session = e.sessionId().flatMap(id -> course.held().stream().filter(s -> s.session().id() == id)
                    .findFirst()).map(s -> String.valueOf(s.number())).orElse("–");
            html.append("<tr").append(e.kind().equals("seizure") ? " class='seizure'" : "").append("><td class='when'>")
                    .append(e.day()).append("</td><td class='num'>").append(session).append("</td><td>")
                    .append(Html.escape(e.kind())).append("</td><td>").append(Html.escape(e.severity())).append("</td><td>")
                    .append(Html.escape(e.note())).append("</td><td>").append(Html.escape(e.enteredBy()))
                    .append("</td></tr>\n");
        }
        html.append("</table>\n");
    }

    private static void changes(StringBuilder html, List<CourseChangeRow> changes, ZoneId zone) {
        html.append("<h2>Changes to the course</h2>\n<table><thead><tr><th>At</th><th>User</th><th>Action</th><th>State</th>"
                + "<th>Detail</th></tr></thead>\n");
        for (CourseChangeRow c : changes) {
            html.append("<tr><td class='when'>").append(time(c.at(), zone)).append("</td><td class='when'>")
                    .append(Html.escape(c.userId()))
                    .append("</td><td>").append(Html.escape(c.action())).append("</td><td>")
                    .append(Html.escape(c.state().orElse(""))).append("</td><td>").append(Html.escape(c.detail()))
                    .append("</td></tr>\n");
        }
        html.append("</table>\n");
    }

    private static void row(StringBuilder html, String label, String value) {
        html.append("<tr><th>").append(Html.escape(label)).append("</th><td>").append(Html.escape(value)).append("</td></tr>");
    }

    private static String time(Instant at, ZoneId zone) {
        return LOCAL.format(at.atZone(zone));
    }
}
