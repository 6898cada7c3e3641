package org.tmshost.course;

import org.tmshost.record.SessionRow;

import java.time.LocalDate;

/**
 * A session of a course that delivered at least one pulse, numbered in the order sessions were held
 * (a session refused at arming or stopped before its first pulse has no number).
 *
 * @param day  the local day it was held, in the course's zone
 * @param done it delivered its whole plan (COMPLETED); a session cut short is held but not done
 */
public record CourseSession(int number, SessionRow session, LocalDate day, boolean done) {
    public int deliveredPulses() {
        return session.deliveredPulses();
    }
}
