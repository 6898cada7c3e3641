package org.tmshost.course;

import org.tmshost.safety.Finding;
import org.tmshost.safety.Severity;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether a session today keeps to its course's plan, as findings the session adds to its verdict: a
 * NEEDS_OVERRIDE finding is approved by a supervisor as any other and recorded with the session; a
 * BLOCKED one (a suspended or closed course) cannot be approved. Rule ids:
 * <ul>
 *   <li>{@code course.suspended} (BLOCKED): a seizure suspended the course; a supervisor resumes it</li>
 *   <li>{@code course.closed} (BLOCKED)</li>
 *   <li>{@code course.protocol} (NEEDS_OVERRIDE): a protocol other than the course's</li>
 *   <li>{@code course.same-day} (NEEDS_OVERRIDE): more sessions today than the plan allows a day</li>
 *   <li>{@code course.off-schedule} (NEEDS_OVERRIDE): not a treatment day of the plan, or before its start</li>
 *   <li>{@code course.complete} (NEEDS_OVERRIDE): every planned session is done</li>
 * </ul>
 */
public record CourseAdmission(Course course, LocalDate today, List<Finding> findings) {
    public static final String SUSPENDED = "course.suspended";
    public static final String CLOSED = "course.closed";
    public static final String PROTOCOL = "course.protocol";
    public static final String SAME_DAY = "course.same-day";
    public static final String OFF_SCHEDULE = "course.off-schedule";
    public static final String COMPLETE = "course.complete";

    public CourseAdmission {
        findings = List.copyOf(findings);
    }

    /**
     * Judges a session of {@code subjectId} on the protocol {@code protocolName} with SHA-256
     * {@code protocolSha256}, today.
     *
     * @throws CourseInputRefused for another subject's course, or the course's own protocol changed
     *                            since it was planned (the two hashes named)
     */
    static CourseAdmission judge(Course course, LocalDate today, String subjectId, String protocolName,
                                 String protocolSha256) throws CourseInputRefused {
        String planned = course.row().protocolSha256();
        if (!course.subjectId().equals(subjectId)) {
            throw new CourseInputRefused("course " + course.name() + " is subject " + course.subjectId() + "'s, not "
                    + subjectId + "'s");
        }
        if (!planned.equals(protocolSha256) && protocolName.equals(course.row().protocolName())) {
            throw new CourseInputRefused("protocol " + protocolName + " changed since course " + course.name()
                    + " was planned: SHA-256 " + protocolSha256 + " now, " + planned + " when planned. Run the course's "
                    + "protocol as planned (its text is kept in the course), or plan a new course");
        }
        String citation = "course " + course.name() + " as planned by " + course.row().plannedBy() + " on "
                + course.row().plannedAt().atZone(course.zone()).toLocalDate();
        var findings = new ArrayList<Finding>();
        String state = course.state();
        if (state.equals(Course.SUSPENDED)) {
            findings.add(new Finding(SUSPENDED, Severity.BLOCKED, "course " + course.name() + " is suspended ("
                    + lastReason(course) + "); a supervisor resumes it: tmshost course resume " + course.name()
                    + " --as SUPERVISOR --reason TEXT", citation));
        } else if (state.equals(Course.CLOSED)) {
            findings.add(new Finding(CLOSED, Severity.BLOCKED, "course " + course.name() + " is closed", citation));
        }
        if (!planned.equals(protocolSha256)) {
            findings.add(new Finding(PROTOCOL, Severity.NEEDS_OVERRIDE, "protocol " + protocolName + " (SHA-256 "
                    + protocolSha256 + ") is not the course's " + course.row().protocolName() + " (SHA-256 " + planned
                    + ")", citation));
        }
        CourseStanding standing = course.standing(today);
        List<CourseSession> held = course.held();
        long heldToday = held.stream().filter(s -> s.day().equals(today)).count();
        if (standing.complete()) {
            findings.add(new Finding(COMPLETE, Severity.NEEDS_OVERRIDE, "all " + standing.planned() + " sessions of "
                    + "course " + course.name() + " are done", citation));
        } else if (heldToday >= course.row().sessionsPerDay()) {
            findings.add(new Finding(SAME_DAY, Severity.NEEDS_OVERRIDE, heldToday + " session(s) of course "
                    + course.name() + " already held today; the plan allows " + course.row().sessionsPerDay()
                    + " a day", citation));
        } else if (!onSchedule(course, standing, today)) {
            findings.add(new Finding(OFF_SCHEDULE, Severity.NEEDS_OVERRIDE, today + " is not a treatment day of course "
                    + course.name() + " (" + scheduleSaid(course, standing) + ")", citation));
        }
        return new CourseAdmission(course, today, findings);
    }

    private static boolean onSchedule(Course course, CourseStanding standing, LocalDate today) {
        if (today.isBefore(course.row().startDate())) {
            return false;
        }
        if (standing.phase().equals("maintenance")) {
            return standing.nextDue().map(due -> !today.isBefore(due)).orElse(true);
        }
        return course.schedule().includes(today);
    }

    private static String scheduleSaid(Course course, CourseStanding standing) {
        String next = standing.nextDue().map(d -> "; next due " + d).orElse("");
        return "schedule " + course.schedule().text() + " from " + course.row().startDate() + next;
    }

    private static String lastReason(Course course) {
        return course.changes().stream().filter(c -> c.state().isPresent()).reduce((a, b) -> b)
                .map(c -> c.detail() + ", " + c.at().atZone(course.zone()).toLocalDate()).orElse("");
    }
}
