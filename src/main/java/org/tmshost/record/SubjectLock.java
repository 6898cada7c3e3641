package org.tmshost.record;

import java.time.Duration;
import java.time.Instant;

/**
 * One subject, one stimulator at a time, across a site's hosts: called in the transaction that
 * creates a session, hunt or measurement, it locks the subject's row (on a site database; SQLite's
 * one writer is its lock) and refuses with {@link SubjectInSession} when another host has a
 * session, hunt or measurement of that subject open. Of two hosts arming one subject at once,
 * exactly one creates its record.
 *
 * <p>A host's start closes its own open sessions and measurements; nothing closes a hunt a dead host
 * left open, so an open hunt counts for {@link #HUNT_HOLDS} after it started (a hunt takes minutes).
 */
final class SubjectLock {
    /** How long another host's open hunt holds its subject. */
    static final Duration HUNT_HOLDS = Duration.ofHours(2);

    private SubjectLock() {
    }

    /** Locks {@code subjectId} (which must exist) for this transaction, or refuses if another host has it. */
    static void take(StoreConnection db, String subjectId, String host, Instant now) {
        if (db.dialect() == Dialect.POSTGRESQL) {
            db.query("the subject", "SELECT id FROM subjects WHERE id = ? FOR UPDATE", rs -> { }, subjectId);
        }
        db.query("the subject's open records on other hosts",
                "SELECT 'session', id, host, created_at FROM sessions WHERE subject_id = ? AND ended_at IS NULL "
                        + "AND host IS NOT NULL AND host <> ? "
                        + "UNION ALL SELECT 'threshold hunt', id, host, started_at FROM threshold_hunts "
                        + "WHERE subject_id = ? AND ended_at IS NULL AND host IS NOT NULL AND host <> ? AND started_at >= ? "
                        + "UNION ALL SELECT 'excitability measurement', id, host, started_at FROM excitability_measurements "
                        + "WHERE subject_id = ? AND ended_at IS NULL AND host <> ? "
                        + "ORDER BY 4 LIMIT 1", rs -> {
                    throw new SubjectInSession(subjectId, rs.getString(1), rs.getLong(2), rs.getString(3),
                            Instant.parse(rs.getString(4)));
                }, subjectId, host, subjectId, host, DoseTotalsQuery.sortableLowerBound(now.minus(HUNT_HOLDS)),
                subjectId, host);
    }
}
