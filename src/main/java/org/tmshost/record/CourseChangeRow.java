package org.tmshost.record;

import java.time.Instant;
import java.util.Optional;

/**
 * One audited change to a course: who did what, when. {@code state} is the course's state from this
 * change on (ACTIVE, SUSPENDED, CLOSED) when the change sets one.
 */
public record CourseChangeRow(long id, long courseId, Instant at, String userId, String action,
                              Optional<String> state, String detail) {
}
