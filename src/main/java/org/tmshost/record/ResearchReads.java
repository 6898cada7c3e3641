package org.tmshost.record;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The few whole-store reads the pooled research dataset ({@link PseudonymisedExport}) needs that the
 * per-subject and per-session readers do not give: every subject, every motor threshold, and each
 * session's protocol hash. Plain SELECTs, so they read the same on any database the store runs on.
 */
final class ResearchReads {
    private final StoreConnection db;

    ResearchReads(StoreConnection db) {
        this.db = db;
    }

    List<SubjectOnRecord> subjects() {
        var rows = new ArrayList<SubjectOnRecord>();
        db.query("the subjects", "SELECT id, created_at FROM subjects ORDER BY id",
                rs -> rows.add(new SubjectOnRecord(rs.getString(1), Instant.parse(rs.getString(2)))));
        return rows;
    }

    List<RecordStore.StoredThreshold> thresholds() {
        var rows = new ArrayList<RecordStore.StoredThreshold>();
        db.query("the motor thresholds", "SELECT subject_id, kind, percent_mso, method, measured_at, profile_name, "
                + "session_id, hunt_id FROM motor_thresholds ORDER BY id",
                rs -> rows.add(new RecordStore.StoredThreshold(rs.getString(1), rs.getString(2), rs.getDouble(3),
                        rs.getString(4), Instant.parse(rs.getString(5)), rs.getString(6),
                        rs.getObject(7) == null ? null : rs.getLong(7),
                        rs.getObject(8) == null ? null : rs.getLong(8))));
        return rows;
    }

    Map<Long, String> sessionProtocolSha256() {
        var rows = new LinkedHashMap<Long, String>();
        db.query("the sessions' protocols", "SELECT id, protocol_sha256 FROM sessions ORDER BY id",
                rs -> rows.put(rs.getLong(1), rs.getString(2)));
        return rows;
    }
}
