package org.tmshost.record;

import org.tmshost.yaml.PrintableText;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the record knows of a subject apart from sessions: that the subject exists, its motor
 * thresholds, and the threshold hunts that found them with each hunt pulse and its reading.
 */
final class SubjectRecords {
    private final StoreConnection db;

    private final String host;

    SubjectRecords(StoreConnection db, String host) {
        this.host = host;
        this.db = db;
    }

    /**
     * The subject, created if new; a new id that resembles one on record ({@link SubjectId#skeleton})
     * is refused naming it, since the two are most likely one subject typed two ways.
     */
    void ensureSubject(String subjectId, Instant now) {
        SubjectId id = admit(SubjectId.of(subjectId));
        db.update("INSERT OR IGNORE INTO subjects(id, created_at) VALUES (?, ?)", id.value(), now.toString());
    }

    /** {@code id} if it is on record, or new and resembling no subject on record; else refused. */
    SubjectId admit(SubjectId id) {
        var onRecord = new ArrayList<String>();
        db.query("subjects", "SELECT id FROM subjects", rs -> onRecord.add(rs.getString(1)));
        if (onRecord.contains(id.value())) {
            return id;
        }
        String skeleton = id.skeleton();
        for (String other : onRecord) {
            if (SubjectId.skeleton(other).equals(skeleton)) {
                throw new SubjectIdRefused("subject id \"" + id + "\" refused: it resembles subject \""
                        + PrintableText.escaped(other) + "\" on record (the same once 0/o, 1/l/i, 5/s, 8/b, 2/z and "
                        + "- _ . are set aside); use \"" + PrintableText.escaped(other) + "\" if that is the subject, "
                        + "else give the new subject an id that does not resemble it");
            }
        }
        return id;
    }

    // --- motor thresholds ---

    /** Stores a threshold; returns its id. */
    long recordThreshold(String subjectId, String kind, double percentMso, String method, Instant measuredAt,
                         String profileName, Long sessionId) {
        String id = SubjectId.of(subjectId).value();
        ensureSubject(id, measuredAt);
        return db.insert("motor threshold", "INSERT INTO motor_thresholds(subject_id, kind, percent_mso, method, measured_at, profile_name, "
                + "session_id) VALUES (?, ?, ?, ?, ?, ?, ?)", id, kind, percentMso, method, measuredAt.toString(),
                profileName, sessionId);
    }

    Optional<RecordStore.StoredThreshold> latestThreshold(String subjectId, String kind) {
        var rows = new ArrayList<RecordStore.StoredThreshold>();
        db.query("SELECT subject_id, kind, percent_mso, method, measured_at, profile_name, session_id, hunt_id "
                + "FROM motor_thresholds WHERE subject_id = ? AND kind = ? ORDER BY id DESC LIMIT 1",
                rs -> rows.add(new RecordStore.StoredThreshold(rs.getString(1), rs.getString(2), rs.getDouble(3),
                        rs.getString(4), Instant.parse(rs.getString(5)), rs.getString(6),
                        rs.getObject(7) == null ? null : rs.getLong(7),
                        rs.getObject(8) == null ? null : rs.getLong(8))), SubjectId.of(subjectId).value(), kind);
        return rows.stream().findFirst();
    }

    Optional<Instant> thresholdsMeasuredAt(long sessionId) {
        var found = new ArrayList<Instant>();
        db.query("SELECT MIN(measured_at) FROM motor_thresholds WHERE session_id = ?", rs -> {
            if (rs.getString(1) != null) {
                found.add(Instant.parse(rs.getString(1)));
            }
        }, sessionId);
        return found.stream().findFirst();
    }

    // --- threshold hunts ---

    /** Starts a hunt's record, the subject locked as for a session ({@link SubjectLock}). */
    long startHunt(NewHunt hunt, Instant now) {
        long[] id = {0};
        db.transaction(() -> {
            ensureSubject(hunt.subjectId(), now);
            SubjectLock.take(db, hunt.subjectId(), host, now);
            id[0] = insertHunt(hunt, now);
        });
        return id[0];
    }

    private long insertHunt(NewHunt hunt, Instant now) {
        return db.insert("hunt record", "INSERT INTO threshold_hunts(subject_id, "
                + "operator_id, kind, method, criterion_uv, mep_input, profile_name, device_uri, simulated, started_at, host) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", hunt.subjectId(), hunt.operatorId(), hunt.kind(), hunt.method(),
                hunt.criterionUv(), hunt.mepInput(), hunt.profileName(), hunt.deviceUri(), hunt.simulated() ? 1 : 0,
                now.toString(), host);
    }

    void recordHuntPulse(long huntId, int pulseIndex, Instant firedAt, int outputPercentMso) {
        db.update("INSERT INTO hunt_pulses(hunt_id, pulse_index, fired_at, output_percent_mso) VALUES (?, ?, ?, ?)",
                huntId, pulseIndex, firedAt.toString(), outputPercentMso);
    }

    void recordHuntReading(long huntId, int pulseIndex, Double mepMicrovolts, Boolean response) {
        db.update("UPDATE hunt_pulses SET mep_uv = ?, response = ? WHERE hunt_id = ? AND pulse_index = ?", mepMicrovolts,
                response == null ? null : response ? 1 : 0, huntId, pulseIndex);
    }

    void endHunt(long huntId, String outcome, Double thresholdPercentMso, Instant now) {
        db.update("UPDATE threshold_hunts SET ended_at = ?, outcome = ?, threshold_percent_mso = ? WHERE id = ?",
                now.toString(), outcome, thresholdPercentMso, huntId);
    }

    /** The hunt COMPLETED and its threshold stored for the subject, naming the hunt; returns the threshold's id. */
    long completeHunt(long huntId, String subjectId, String kind, double percentMso, String method, Instant measuredAt,
                      String profileName) {
        long[] id = {0};
        db.transaction(() -> {
            endHunt(huntId, "COMPLETED", percentMso, measuredAt);
            id[0] = db.insert("motor threshold", "INSERT INTO motor_thresholds(subject_id, kind, percent_mso, method, measured_at, profile_name, "
                    + "hunt_id) VALUES (?, ?, ?, ?, ?, ?, ?)", SubjectId.of(subjectId).value(), kind, percentMso, method,
                    measuredAt.toString(), profileName, huntId);
        });
        return id[0];
    }

    List<HuntRow> hunts(String subjectId) {
        var rows = new ArrayList<HuntRow>();
        db.query("SELECT h.id, h.subject_id, h.operator_id, h.kind, h.method, h.criterion_uv, h.mep_input, h.profile_name, "
                + "h.device_uri, h.simulated, h.started_at, h.ended_at, h.outcome, h.threshold_percent_mso, "
                + "(SELECT COUNT(*) FROM hunt_pulses p WHERE p.hunt_id = h.id) FROM threshold_hunts h "
                + "WHERE h.subject_id = ? ORDER BY h.id", rs -> rows.add(new HuntRow(rs.getLong(1), rs.getString(2),
                rs.getString(3), rs.getString(4), rs.getString(5), rs.getDouble(6), rs.getString(7), rs.getString(8),
                rs.getString(9), rs.getInt(10) != 0, Instant.parse(rs.getString(11)),
                Optional.ofNullable(rs.getString(12)).map(Instant::parse), Optional.ofNullable(rs.getString(13)),
                Optional.ofNullable((Number) rs.getObject(14)).map(Number::doubleValue), rs.getInt(15))),
                SubjectId.of(subjectId).value());
        return rows;
    }

    List<HuntPulseRow> huntPulses(long huntId) {
        var rows = new ArrayList<HuntPulseRow>();
        db.query("SELECT pulse_index, fired_at, output_percent_mso, mep_uv, response FROM hunt_pulses WHERE hunt_id = ? "
                + "ORDER BY pulse_index", rs -> rows.add(new HuntPulseRow(rs.getInt(1), Instant.parse(rs.getString(2)),
                rs.getInt(3), Optional.ofNullable((Number) rs.getObject(4)).map(Number::doubleValue),
                Optional.ofNullable((Number) rs.getObject(5)).map(r -> r.intValue() != 0))), huntId);
        return rows;
    }
}
