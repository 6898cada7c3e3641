package org.tmshost.record;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One audited change to a course: who did what, when. {@code state} is the course's state from this
 * change on (ACTIVE, SUSPENDED, CLOSED) when the change sets one.
 */
public record CourseChangeRow(long id, long courseId, Instant at, String userId, String action,
                              Optional<String> state, String detail) {
    /** As the course's JSON (show, export) gives it. */
    public Map<String, Object> jsonFields() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("at", at.toString());
        m.put("user", userId);
        m.put("action", action);
        m.put("state", state.orElse(null));
        m.put("detail", detail);
        return m;
    }
}
