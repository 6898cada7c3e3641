package org.tmshost.record;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The course tables (schema 11): appended, read back in order, never updated or deleted. */
final class CourseRecords {
    private static final String COURSE_COLUMNS = "id, name, subject_id, protocol_name, protocol_sha256, protocol_text, "
            + "target, target_site, planned_sessions, schedule, start_date, sessions_per_day, maintenance_sessions, "
            + "maintenance_every_days, intensity_rule, thresholds_every, outcomes, zone, planned_by, planned_at";

    private final StoreConnection db;

    CourseRecords(StoreConnection db) {
        this.db = db;
    }

    long create(NewCourse c, Instant at) {
        return db.insert("course", "INSERT INTO courses(name, subject_id, protocol_name, protocol_sha256, protocol_text, "
                        + "target, target_site, planned_sessions, schedule, start_date, sessions_per_day, "
                        + "maintenance_sessions, maintenance_every_days, intensity_rule, thresholds_every, outcomes, zone, "
                        + "planned_by, planned_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                c.name(), c.subjectId(), c.protocolName(), c.protocolSha256(), c.protocolText(), c.target(),
                c.targetSite(), c.plannedSessions(), c.schedule(), c.startDate().toString(), c.sessionsPerDay(),
                c.maintenanceSessions(), c.maintenanceEveryDays(), c.intensityRule(), c.thresholdsEvery(),
                c.outcomes(), c.zone(), c.plannedBy(), at.toString());
    }

    Optional<CourseRow> named(String name) {
        List<CourseRow> found = courses("WHERE name = ?", name);
        return found.stream().findFirst();
    }

    List<CourseRow> all() {
        return courses("");
    }

    private List<CourseRow> courses(String where, Object... values) {
        var rows = new ArrayList<CourseRow>();
        db.query("the courses", "SELECT " + COURSE_COLUMNS + " FROM courses " + where + " ORDER BY id",
                rs -> rows.add(new CourseRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getInt(9),
                        rs.getString(10), LocalDate.parse(rs.getString(11)), rs.getInt(12), rs.getInt(13), rs.getInt(14),
                        rs.getString(15), rs.getString(16), rs.getString(17), rs.getString(18), rs.getString(19),
                        Instant.parse(rs.getString(20)))), values);
        return rows;
    }

    long change(long courseId, Instant at, String user, String action, Optional<String> state, String detail) {
        return db.insert("course change", "INSERT INTO course_changes(course_id, at, user_id, action, state, detail) "
                + "VALUES (?, ?, ?, ?, ?, ?)", courseId, at.toString(), user, action, state.orElse(null), detail);
    }

    List<CourseChangeRow> changes(long courseId) {
        var rows = new ArrayList<CourseChangeRow>();
        db.query("a course's changes", "SELECT id, course_id, at, user_id, action, state, detail FROM course_changes "
                + "WHERE course_id = ? ORDER BY id", rs -> rows.add(new CourseChangeRow(rs.getLong(1), rs.getLong(2),
                Instant.parse(rs.getString(3)), rs.getString(4), rs.getString(5), Optional.ofNullable(rs.getString(6)),
                rs.getString(7))), courseId);
        return rows;
    }

    void link(long courseId, long sessionId, Instant at) {
        db.update("INSERT INTO course_sessions(course_id, session_id, linked_at) VALUES (?, ?, ?)", courseId, sessionId,
                at.toString());
    }

    List<Long> sessionIds(long courseId) {
        var ids = new ArrayList<Long>();
        db.query("a course's sessions", "SELECT session_id FROM course_sessions WHERE course_id = ? ORDER BY session_id",
                rs -> ids.add(rs.getLong(1)), courseId);
        return ids;
    }

    Optional<Long> courseOf(long sessionId) {
        Long[] found = {null};
        db.query("a session's course", "SELECT course_id FROM course_sessions WHERE session_id = ?",
                rs -> found[0] = rs.getLong(1), sessionId);
        return Optional.ofNullable(found[0]);
    }

    long outcome(long courseId, String measure, String phase, double value, LocalDate day, Optional<Long> sessionId,
                 Instant at, String user) {
        return db.insert("course outcome", "INSERT INTO course_outcomes(course_id, measure, phase, value, day, session_id, "
                        + "at, entered_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", courseId, measure, phase, value,
                day.toString(), sessionId.orElse(null), at.toString(), user);
    }

    List<CourseOutcomeRow> outcomes(long courseId) {
        var rows = new ArrayList<CourseOutcomeRow>();
        db.query("a course's outcomes", "SELECT id, course_id, measure, phase, value, day, session_id, at, entered_by "
                + "FROM course_outcomes WHERE course_id = ? ORDER BY id", rs -> rows.add(new CourseOutcomeRow(
                rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getDouble(5),
                LocalDate.parse(rs.getString(6)), Optional.ofNullable((Long) (rs.getObject(7) == null ? null
                : rs.getLong(7))), Instant.parse(rs.getString(8)), rs.getString(9))), courseId);
        return rows;
    }

    long event(long courseId, String kind, String severity, String note, LocalDate day, Optional<Long> sessionId,
               Instant at, String user) {
        return db.insert("adverse event", "INSERT INTO course_events(course_id, kind, severity, note, day, session_id, at, "
                        + "entered_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", courseId, kind, severity, note, day.toString(),
                sessionId.orElse(null), at.toString(), user);
    }

    List<AdverseEventRow> events(long courseId) {
        var rows = new ArrayList<AdverseEventRow>();
        db.query("a course's adverse events", "SELECT id, course_id, kind, severity, note, day, session_id, at, "
                + "entered_by FROM course_events WHERE course_id = ? ORDER BY id", rs -> rows.add(new AdverseEventRow(
                rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                LocalDate.parse(rs.getString(6)), Optional.ofNullable((Long) (rs.getObject(7) == null ? null
                : rs.getLong(7))), Instant.parse(rs.getString(8)), rs.getString(9))), courseId);
        return rows;
    }
}
