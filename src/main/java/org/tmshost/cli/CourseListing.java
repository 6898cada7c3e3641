package org.tmshost.cli;

import org.tmshost.console.LocalTimes;
import org.tmshost.course.Course;
import org.tmshost.course.CourseStanding;
import org.tmshost.course.OutcomeMeasure;
import org.tmshost.course.OutcomeSummary;
import org.tmshost.record.AdverseEventRow;
import org.tmshost.record.CourseChangeRow;
import org.tmshost.record.CourseOutcomeRow;
import org.tmshost.record.CourseRow;
import org.tmshost.record.RecordVerification;
import org.tmshost.record.SessionRow;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import static org.tmshost.yaml.TerminalText.of;

/**
 * Courses as a clinician reads them at the host: {@code course list} (one line a course) and
 * {@code course show} (the whole course). Text from the record is shown escaped ({@code TerminalText.of}).
 */
final class CourseListing {
    private CourseListing() {
    }

    /** One line per course: id, subject, protocol, done/planned, missed, next due, latest primary outcome. */
    static void list(List<CourseView> courses, boolean all, PrintWriter out) {
        if (courses.isEmpty()) {
            out.println(all ? "no courses planned"
                    : "no active courses ('tmshost course list --all' lists closed and complete ones too)");
            return;
        }
        out.printf("%-12s %-12s %-20s %7s %6s  %-24s %s%n", "ID", "SUBJECT", "PROTOCOL", "DONE", "MISSED", "NEXT",
                "LATEST");
        for (CourseView v : courses) {
            CourseStanding s = v.standing();
            String line = String.format(Locale.ROOT, "%-12s %-12s %-20s %7s %6d  %-24s %s", of(v.course().name()),
                    of(v.course().subjectId()), of(v.course().row().protocolName()), s.done() + "/" + s.planned(),
                    s.missed(), v.nextSaid(), latest(v.primary()));
            out.println(line.stripTrailing());
        }
    }

    /** {@code pain-nrs 3 on 2026-05-15}, or {@code -} before the first score. */
    private static String latest(OutcomeSummary summary) {
        return summary.latest().map(value -> of(summary.measure().name()) + " " + CourseView.score(value)
                + summary.latestDay().map(d -> " on " + d).orElse("")).orElse("-");
    }

    /** The whole course: plan, standing, held sessions, adverse events, outcome summaries, its audited changes. */
    static void show(CourseView v, RecordVerification record, LocalTimes times, PrintWriter out) {
        Course course = v.course();
        CourseRow row = course.row();
        CourseStanding s = v.standing();
        out.println("course " + of(course.name()) + "  " + s.state() + "  " + s.phase());
        field(out, "subject", of(row.subjectId()));
        field(out, "protocol", of(row.protocolName()) + "  SHA-256 " + row.protocolSha256().substring(0, 12) + "…");
        field(out, "target", of(row.target()) + (row.target().equals(row.targetSite()) ? ""
                : " (" + of(row.targetSite()) + ")"));
        field(out, "schedule", of(row.schedule()) + " from " + row.startDate() + ", " + row.plannedSessions()
                + " sessions, up to " + row.sessionsPerDay() + " a day");
        field(out, "maintenance", course.maintenance().sessions() == 0 ? "none" : course.maintenance().sessions()
                + " sessions, one every " + course.maintenance().everyDays() + " days after the last induction session");
        field(out, "intensity", of(row.intensityRule()) + ", threshold re-measured every " + of(row.thresholdsEvery()));
        field(out, "outcomes", course.measures().stream().map(CourseView::range).map(m -> of(m))
                .collect(Collectors.joining("; ")));
        field(out, "planned", "by " + of(row.plannedBy()) + " " + times.of(row.plannedAt()) + ", days counted in "
                + of(row.zone()));
        field(out, "record", record.said());
        out.println("standing on " + s.today() + ": " + s.done() + " of " + s.planned() + " done (" + s.inductionDone()
                + " induction, " + s.maintenanceDone() + " maintenance), " + v.held().size() + " held, " + s.missed()
                + " missed" + (s.missedDays().isEmpty() ? "" : " (" + s.missedDays().stream().map(Object::toString)
                .collect(Collectors.joining(", ")) + ")") + "; next: " + v.nextSaid());
        sessions(v, out);
        events(v, times, out);
        out.println("outcomes:");
        for (OutcomeSummary summary : v.summaries()) {
            out.println("  " + summary(summary));
        }
        v.course().outcomes().stream().filter(o -> o.phase().equals("follow-up")).forEach(o -> out.println(
                "  follow-up " + o.day() + ": " + of(o.measure()) + " " + CourseView.score(o.value()) + "  ["
                        + of(o.enteredBy()) + "]"));
        out.println("changes:");
        for (CourseChangeRow c : course.changes()) {
            out.println("  " + times.of(c.at()) + "  [" + of(c.userId()) + "] " + of(c.action())
                    + c.state().map(st -> " -> " + of(st)).orElse("") + ": " + of(c.detail()));
        }
    }

    private static void sessions(CourseView v, PrintWriter out) {
        if (v.held().isEmpty()) {
            out.println("sessions: none held yet");
            return;
        }
        out.println("sessions:");
        out.printf("  %-3s %-7s %-10s %-11s %9s %8s  %s%n", "#", "SESSION", "DATE", "STATE", "PULSES", "OUTPUT",
                "OUTCOMES");
        for (CourseView.Held h : v.held()) {
            SessionRow r = h.session().session();
            String line = String.format(Locale.ROOT, "  %-3d %-7d %-10s %-11s %9s %8s  %s", h.session().number(),
                    r.id(), h.session().day(), of(r.state()), r.deliveredPulses() + "/" + r.plannedPulses(),
                    h.maxOutputPercentMso().map(o -> o + "% MSO").orElse("-"), scores(v, h.scores()));
            out.println(line.stripTrailing());
        }
    }

    /** {@code pain-nrs 7 -> 5}: each measure's before and after scores of a session. */
    private static String scores(CourseView v, List<CourseOutcomeRow> scores) {
        return v.course().measures().stream().map(OutcomeMeasure::name).map(m -> {
            List<CourseOutcomeRow> of = scores.stream().filter(o -> o.measure().equals(m)).toList();
            if (of.isEmpty()) {
                return "";
            }
            String before = of.stream().filter(o -> o.phase().equals("before")).map(o -> CourseView.score(o.value()))
                    .collect(Collectors.joining("/"));
            String after = of.stream().filter(o -> o.phase().equals("after")).map(o -> CourseView.score(o.value()))
                    .collect(Collectors.joining("/"));
            return of(m) + " " + (before.isEmpty() ? "-" : before) + " -> " + (after.isEmpty() ? "-" : after);
        }).filter(t -> !t.isEmpty()).collect(Collectors.joining(", "));
    }

    private static void events(CourseView v, LocalTimes times, PrintWriter out) {
        List<AdverseEventRow> events = v.course().events();
        out.println(events.isEmpty() ? "adverse events: none" : "adverse events:");
        for (AdverseEventRow e : events) {
            out.println("  " + e.day() + "  " + of(e.kind()) + " (" + of(e.severity()) + ")"
                    + v.numberOf(e.sessionId()).map(n -> ", session " + n).orElse("")
                    + (e.note().isEmpty() ? "" : ": " + of(e.note())) + "  [" + of(e.enteredBy()) + ", "
                    + times.of(e.at()) + "]");
        }
    }

    /**
     * {@code pain-nrs: baseline 7, latest 3 on 2026-05-15, change -57.1% (improvement 57.1%); responder
     * >=30% yes, >=50% yes; MCID 2 points reached}.
     */
    static String summary(OutcomeSummary s) {
        OutcomeMeasure m = s.measure();
        if (s.baseline().isEmpty()) {
            return of(m.name()) + ": no baseline yet (the first score before a session)"
                    + s.latest().map(l -> "; latest " + CourseView.score(l)).orElse("");
        }
        return of(m.name()) + ": baseline " + CourseView.score(s.baseline().get()) + ", latest "
                + s.latest().map(CourseView::score).orElse("-") + s.latestDay().map(d -> " on " + d).orElse("")
                + ", change " + s.changePercent().map(CourseView::percent).orElse("-") + " (improvement "
                + s.improvementPercent().map(CourseView::percent).orElse("-") + "); responder >=30% "
                + yes(s.responder30()) + ", >=50% " + yes(s.responder50()) + "; MCID " + m.mcid().toPlainString() + " "
                + of(m.unit()) + (s.mcidReached() ? " reached" : " not reached");
    }

    private static String yes(boolean b) {
        return b ? "yes" : "no";
    }

    private static void field(PrintWriter out, String name, String value) {
        out.printf("  %-12s %s%n", name, value);
    }
}
