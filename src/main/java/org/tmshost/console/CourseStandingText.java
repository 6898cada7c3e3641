package org.tmshost.console;

import org.tmshost.course.Course;
import org.tmshost.course.CourseAdmission;
import org.tmshost.course.CourseStanding;
import org.tmshost.course.OutcomeMeasure;
import org.tmshost.course.OutcomeSummary;
import org.tmshost.safety.Finding;
import org.tmshost.safety.Severity;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.tmshost.yaml.TerminalText.of;

/**
 * A course as the console shows it: where it stands on a day (sessions done of planned, missed days,
 * the next due), the latest score of its primary measure with the change and responder status, and
 * what today's session would need. Pure: the lines are computed from the course as recorded.
 */
final class CourseStandingText {
    private CourseStandingText() {
    }

    /** The course's header and standing, and its primary measure's latest score. */
    static List<String> standing(Course course, LocalDate today) {
        CourseStanding s = course.standing(today);
        List<String> lines = new ArrayList<>();
        lines.add("course " + of(course.name()) + ": subject " + of(course.subjectId()) + ", protocol "
                + of(course.row().protocolName()) + ", " + of(course.row().target()) + "; " + s.state()
                + (s.complete() ? ", complete" : ", " + s.phase()));
        long held = course.held().size();
        long cutShort = course.held().stream().filter(h -> !h.done()).count();
        lines.add(String.format(Locale.ROOT, "  sessions %d/%d done%s, %d missed%s, next due %s", s.done(), s.planned(),
                cutShort == 0 ? "" : " (" + held + " held, " + cutShort + " cut short)", s.missed(),
                s.missedDays().isEmpty() ? "" : " (" + String.join(", ", s.missedDays().stream()
                        .map(LocalDate::toString).toList()) + ")",
                s.nextDue().map(d -> d.equals(today) ? d + " (today)" : d.isBefore(today) ? d + " (overdue)"
                        : d.toString()).orElse(s.state().equals(Course.ACTIVE) ? "none" : "none while " + s.state())));
        lines.add("  " + outcome(course.summary(course.primaryMeasure())));
        return lines;
    }

    /** The latest score of a measure: baseline, latest, change and responder status (IMMPACT). */
    static String outcome(OutcomeSummary summary) {
        OutcomeMeasure m = summary.measure();
        if (summary.latest().isEmpty()) {
            return of(m.name()) + ": no score yet (course outcome --measure " + of(m.name()) + " --before X [--after Y])";
        }
        String latest = score(summary.latest().get()) + " " + of(m.unit()) + " on " + summary.latestDay().orElseThrow();
        if (summary.baseline().isEmpty()) {
            return of(m.name()) + ": latest " + latest + "; no baseline (a score before a session) yet";
        }
        String change = summary.improvementPercent().map(p -> String.format(Locale.ROOT, ", %.0f%% %s", Math.abs(p),
                p >= 0 ? "better" : "worse")).orElse("");
        return of(m.name()) + ": baseline " + score(summary.baseline().get()) + ", latest " + latest + change
                + "; responder >=30% " + yesNo(summary.responder30()) + ", >=50% " + yesNo(summary.responder50());
    }

    /** Today's admission findings: what a session now would need, or that it keeps to the plan. */
    static List<String> today(List<Finding> findings) {
        if (findings.isEmpty()) {
            return List.of("  today: a session keeps to the plan");
        }
        List<String> lines = new ArrayList<>();
        for (Finding f : findings) {
            lines.add("  today: " + f.severity() + " " + f.ruleId() + ": " + of(f.message()));
            lines.add(f.ruleId().equals(CourseAdmission.SUSPENDED)
                    ? "      no session arms until a supervisor resumes it: course resume --as SUPERVISOR --reason TEXT"
                    : f.severity() == Severity.BLOCKED ? "      no session arms in course mode: 'course none' leaves it"
                    : "      a supervisor approves it at check: approve SUPERVISOR --reason TEXT");
        }
        return lines;
    }

    /** One line for a course in a list: id, done/planned, missed, next due. */
    static String listed(Course course, LocalDate today) {
        CourseStanding s = course.standing(today);
        return String.format(Locale.ROOT, "  %s  %s  %d/%d done, %d missed, next due %s", of(course.name()),
                of(course.row().protocolName()), s.done(), s.planned(), s.missed(),
                s.nextDue().map(LocalDate::toString).orElse("none"));
    }

    private static String score(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    private static String yesNo(boolean b) {
        return b ? "yes" : "no";
    }
}
