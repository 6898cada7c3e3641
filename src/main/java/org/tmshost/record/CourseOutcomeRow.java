package org.tmshost.record;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

/**
 * One outcome score of a course: a measure's value {@code before} or {@code after} a session, or at a
 * {@code follow-up}, on a local day, with the session it belongs to when known.
 */
public record CourseOutcomeRow(long id, long courseId, String measure, String phase, double value, LocalDate day,
                               Optional<Long> sessionId, Instant at, String enteredBy) {
}
