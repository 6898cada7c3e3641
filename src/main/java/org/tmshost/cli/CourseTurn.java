package org.tmshost.cli;

import org.tmshost.console.SessionHost;
import org.tmshost.course.CourseAdmission;
import org.tmshost.course.CourseInputRefused;
import org.tmshost.course.CourseStanding;
import org.tmshost.course.Courses;
import org.tmshost.protocol.ProtocolLibrary;
import org.tmshost.yaml.InvalidFileException;

import static org.tmshost.yaml.TerminalText.of;

/**
 * A session of {@code run --course ID}: the course's judgement of it, taken before the device is
 * opened (a refusal, exit 2, writes nothing), whose findings join the session's verdict.
 */
record CourseTurn(Courses courses, CourseAdmission admission) {
    /**
     * Judges a session of {@code subjectId} on {@code protocol} today against course {@code course}.
     *
     * @throws CourseInputRefused for an unknown course, another subject's, or the course's protocol
     *                            changed since it was planned (both SHA-256 named)
     */
    static CourseTurn admit(SessionHost host, String course, String subjectId, ProtocolLibrary.Entry protocol)
            throws CourseInputRefused, InvalidFileException {
        Courses courses = host.courses();
        return new CourseTurn(courses, courses.admit(course, subjectId, protocol.name(), protocol.text()));
    }

    /** {@code course c1: session 4 of 10 (3 done, 1 missed)}: which session of the course this would be. */
    String said() {
        CourseStanding standing = admission.course().standing(admission.today());
        return "course " + of(admission.course().name()) + ": session " + (admission.course().held().size() + 1)
                + " of " + standing.planned() + " (" + standing.done() + " done, " + standing.missed() + " missed"
                + (admission.findings().isEmpty() ? "" : "; needs " + String.join(", ", admission.findings().stream()
                .map(f -> f.ruleId()).toList())) + ")";
    }
}
