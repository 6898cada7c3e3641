package org.tmshost.record;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Optional;
import java.util.Set;

/**
 * The subject's dose so far today, for the dose ledger: pulses since local midnight in sessions and,
 * apart, those given to read MEPs outside sessions (threshold hunts, excitability measurements); the sessions held since then; and when the last one ended. A session
 * with no pulse delivered (refused at arming, cancelled, faulted before its first pulse) was not
 * held: it neither counts nor starts the intersession interval.
 */
final class DoseTotalsQuery {
    private static final java.time.format.DateTimeFormatter LOWER_BOUND = java.time.format.DateTimeFormatter
            .ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(java.time.ZoneOffset.UTC);

    private final StoreConnection db;

    DoseTotalsQuery(StoreConnection db) {
        this.db = db;
    }

    /**
     * An instant as text that compares correctly, as text, with every stored {@code Instant.toString()}
     * at or after it: a fixed nine-digit fraction ("…T00:00:00Z" sorts after "…T00:00:00.5Z").
     */
    static String sortableLowerBound(Instant instant) {
        return LOWER_BOUND.format(instant);
    }

    /** Leaving out {@code treatment}: the sessions a continuation continues, whose pulses it counts itself. */
    DoseTotals doseTotals(String entered, Instant now, ZoneId zone, Set<Long> treatment) {
        String subjectId = SubjectId.of(entered).value(); // "Q1 " and "q1" are one subject
        String midnight = sortableLowerBound(now.atZone(zone).toLocalDate().atStartOfDay(zone).toInstant());
        String others = treatment.isEmpty() ? "" : " AND id NOT IN (" + String.join(", ",
                treatment.stream().map(id -> Long.toString(id)).toList()) + ")"; // numbers only: no injection
        int[] sessions = new int[2];
        db.query("the dose ledger", "SELECT COALESCE(SUM(delivered_pulses), 0), "
                + "COALESCE(SUM(CASE WHEN delivered_pulses > 0 THEN 1 ELSE 0 END), 0) "
                + "FROM sessions WHERE subject_id = ? AND (ended_at IS NULL OR ended_at >= ?)" + others, rs -> {
                    sessions[0] = rs.getInt(1);
                    sessions[1] = rs.getInt(2);
                }, subjectId, midnight);
        int[] huntToday = new int[1];
        db.query("the dose ledger", "SELECT COUNT(*) FROM hunt_pulses p "
                + "JOIN threshold_hunts h ON h.id = p.hunt_id WHERE h.subject_id = ? AND p.fired_at >= ?",
                rs -> huntToday[0] = rs.getInt(1), subjectId, midnight);
        // a measurement's trials are MEP pulses outside sessions as a hunt's are: counted with them, 2 per pair
        // (1 for a void pair, whose test pulse was not given)
        db.query("the dose ledger", "SELECT COALESCE(SUM(CASE WHEN t.conditioning_percent_mso > 0 THEN 1 ELSE 0 END "
                + "+ t.test_given), 0) "
                + "FROM excitability_trials t JOIN excitability_measurements m ON m.id = t.measurement_id "
                + "WHERE m.subject_id = ? AND t.fired_at >= ?", rs -> huntToday[0] += rs.getInt(1), subjectId, midnight);
        var lastEnded = new ArrayList<Instant>();
        db.query("the dose ledger", "SELECT MAX(ended_at) FROM sessions WHERE subject_id = ? AND ended_at IS NOT NULL "
                + "AND delivered_pulses > 0" + others,
                rs -> Optional.ofNullable(rs.getString(1)).map(Instant::parse).ifPresent(lastEnded::add), subjectId);
        return new DoseTotals(sessions[0], huntToday[0], sessions[1], lastEnded.stream().findFirst());
    }
}
