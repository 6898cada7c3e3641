package org.tmshost.record;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The excitability tables (schema 12): a measurement's row, its trials written ahead of firing, each
 * trial's amplitude once, and the measurement's end once. Nothing else is ever updated or deleted.
 */
final class ExcitabilityRecords {
    private static final String COLUMNS = "id, subject_id, operator_id, kind, conditions, trials_per_condition, "
            + "rmt_percent_mso, conditioning_percent_rmt, test_percent_rmt, inter_trial_seconds, jitter_seconds, seed, "
            + "mep_description, profile_name, device_uri, simulated, course_id, course_session, host, started_at, "
            + "ended_at, outcome, results_json";

    private final StoreConnection db;

    ExcitabilityRecords(StoreConnection db) {
        this.db = db;
    }

    /**
     * The measurement's row; a course that is not on record, or is another subject's, is refused
     * ({@link IllegalArgumentException}) before anything is written.
     */
    long start(NewMeasurement m, Instant now) {
        if (m.courseId().isPresent()) {
            long course = m.courseId().get();
            String[] subject = {null};
            db.query("the course", "SELECT subject_id FROM courses WHERE id = ?", rs -> subject[0] = rs.getString(1), course);
            if (subject[0] == null) {
                throw new IllegalArgumentException("no course " + course + " on record: the measurement is not started");
            }
            if (!subject[0].equals(m.subjectId())) {
                throw new IllegalArgumentException("course " + course + " is subject " + subject[0] + "'s, not "
                        + m.subjectId() + "'s: the measurement is not started");
            }
        }
        return db.insert("excitability measurement", "INSERT INTO excitability_measurements(subject_id, operator_id, "
                        + "kind, conditions, trials_per_condition, rmt_percent_mso, conditioning_percent_rmt, "
                        + "test_percent_rmt, inter_trial_seconds, jitter_seconds, seed, mep_description, profile_name, "
                        + "device_uri, simulated, course_id, course_session, host, started_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                m.subjectId(), m.operatorId(), m.kind(), String.join(",", m.conditions()), m.trialsPerCondition(),
                m.rmtPercentMso(), m.conditioningPercentRmt(), m.testPercentRmt(), m.interTrialSeconds(),
                m.jitterSeconds(), m.seed(), m.mepDescription(), m.profileName(), m.deviceUri(), m.simulated() ? 1 : 0,
                m.courseId().orElse(null), m.courseSession().orElse(null), m.host(), now.toString());
    }

    /** A trial, written before it is fired: refused once the measurement has ended, or for a condition it has not. */
    void trial(long measurementId, int index, int block, String condition, int conditioningPercentMso,
               int testPercentMso, long isiNanos, Instant firedAt) {
        Optional<MeasurementRow> row = measurement(measurementId, false);
        if (row.isEmpty()) {
            throw new RecordException("no excitability measurement " + measurementId + " on record: trial " + index
                    + " not recorded", null);
        }
        if (row.get().endedAt().isPresent()) {
            throw new RecordException("excitability measurement " + measurementId + " has ended ("
                    + row.get().outcome().orElse("") + "): trial " + index + " not recorded", null);
        }
        if (!row.get().measurement().conditions().contains(condition)) {
            throw new RecordException("excitability measurement " + measurementId + " has no condition '" + condition
                    + "': trial " + index + " not recorded", null);
        }
        db.update("INSERT INTO excitability_trials(measurement_id, trial_index, block, condition, "
                        + "conditioning_percent_mso, test_percent_mso, isi_ns, fired_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                measurementId, index, block, condition, conditioningPercentMso, testPercentMso, isiNanos,
                firedAt.toString());
    }

    /** A recorded trial's amplitude, once: a trial not on record, or already read, is refused. */
    void amplitude(long measurementId, int index, double microvolts) {
        if (!Double.isFinite(microvolts) || microvolts < 0) {
            throw new RecordException("trial " + index + "'s amplitude must be a finite µV value >= 0, was "
                    + microvolts, null);
        }
        int changed = db.changed("UPDATE excitability_trials SET amplitude_uv = ? WHERE measurement_id = ? "
                + "AND trial_index = ? AND amplitude_uv IS NULL", microvolts, measurementId, index);
        if (changed != 1) {
            throw new RecordException("excitability measurement " + measurementId + " has no trial " + index
                    + " awaiting its amplitude (not recorded, or already read)", null);
        }
    }

    /**
     * A recorded pair's test pulse was not given (it would have been late): the trial is void, its
     * conditioning pulse given. Once, before any amplitude.
     */
    void voidTrial(long measurementId, int index) {
        int changed = db.changed("UPDATE excitability_trials SET test_given = 0 WHERE measurement_id = ? "
                + "AND trial_index = ? AND test_given = 1 AND amplitude_uv IS NULL AND conditioning_percent_mso > 0",
                measurementId, index);
        if (changed != 1) {
            throw new RecordException("excitability measurement " + measurementId + " has no paired trial " + index
                    + " awaiting its test pulse (not recorded, read, or void already)", null);
        }
    }

    /** Ends the measurement once; {@code resultsJson} only at completion. */
    void end(long measurementId, String outcome, String resultsJson, Instant now) {
        int changed = db.changed("UPDATE excitability_measurements SET ended_at = ?, outcome = ?, results_json = ? "
                + "WHERE id = ? AND ended_at IS NULL", now.toString(), outcome, resultsJson, measurementId);
        if (changed != 1) {
            throw new RecordException("excitability measurement " + measurementId
                    + " is not on record or has already ended", null);
        }
    }

    List<MeasurementRow> ofSubject(String subjectId) {
        return measurements("WHERE subject_id = ? ORDER BY id DESC", SubjectId.of(subjectId).value());
    }

    List<MeasurementRow> ofCourse(long courseId) {
        return measurements("WHERE course_id = ? ORDER BY id", courseId);
    }

    List<MeasurementRow> unended() {
        return measurements("WHERE ended_at IS NULL ORDER BY id");
    }

    Optional<MeasurementRow> measurement(long id) {
        return measurement(id, true);
    }

    private Optional<MeasurementRow> measurement(long id, boolean withTrials) {
        List<MeasurementRow> rows = rows("WHERE id = ?", withTrials, id);
        return rows.stream().findFirst();
    }

    private List<MeasurementRow> measurements(String where, Object... values) {
        return rows(where, true, values);
    }

    private List<MeasurementRow> rows(String where, boolean withTrials, Object... values) {
        var rows = new ArrayList<MeasurementRow>();
        db.query("the excitability measurements", "SELECT " + COLUMNS + " FROM excitability_measurements " + where,
                rs -> rows.add(row(rs)), values);
        if (!withTrials) {
            return rows;
        }
        return rows.stream().map(r -> new MeasurementRow(r.id(), r.measurement(), r.startedAt(), r.endedAt(),
                r.outcome(), r.resultsJson(), trials(r.id()))).toList();
    }

    private static MeasurementRow row(ResultSet rs) throws SQLException {
        NewMeasurement m = new NewMeasurement(rs.getString(2), rs.getString(3), rs.getString(4),
                Arrays.asList(rs.getString(5).split(",")), rs.getInt(6), rs.getDouble(7), rs.getDouble(8),
                rs.getDouble(9), rs.getDouble(10), rs.getDouble(11), rs.getLong(12), rs.getString(13), rs.getString(14),
                rs.getString(15), rs.getInt(16) != 0, Optional.ofNullable(nullableLong(rs, 17)),
                Optional.ofNullable(nullableLong(rs, 18)).map(Long::intValue), rs.getString(19));
        return new MeasurementRow(rs.getLong(1), m, Instant.parse(rs.getString(20)),
                Optional.ofNullable(rs.getString(21)).map(Instant::parse), Optional.ofNullable(rs.getString(22)),
                Optional.ofNullable(rs.getString(23)), List.of());
    }

    private static Long nullableLong(ResultSet rs, int column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    private List<MeasurementTrialRow> trials(long measurementId) {
        var trials = new ArrayList<MeasurementTrialRow>();
        db.query("an excitability measurement's trials", "SELECT trial_index, block, condition, conditioning_percent_mso, "
                + "test_percent_mso, isi_ns, fired_at, amplitude_uv, test_given FROM excitability_trials "
                + "WHERE measurement_id = ? "
                + "ORDER BY trial_index", rs -> {
                    double uv = rs.getDouble(8);
                    Optional<Double> amplitude = rs.wasNull() ? Optional.empty() : Optional.of(uv);
                    trials.add(new MeasurementTrialRow(rs.getInt(1), rs.getInt(2), rs.getString(3), rs.getInt(4),
                            rs.getInt(5), rs.getLong(6), Instant.parse(rs.getString(7)), amplitude, rs.getInt(9) == 1));
                }, measurementId);
        return trials;
    }
}
