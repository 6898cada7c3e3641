package org.tmshost.record;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reading sessions back: the session rows for listings and recovery, and each session's pulses,
 * trains, transitions, trips, overrides, protocol text and place in its treatment.
 */
final class SessionQueries {
    private final StoreConnection db;

    SessionQueries(StoreConnection db) {
        this.db = db;
    }

    /** The sessions {@code where} (a trusted clause: numbers only) selects, as rows. */
    List<SessionRow> sessions(String where) {
        var rows = new ArrayList<SessionRow>();
        db.query("sessions", "SELECT id, subject_id, operator_id, protocol_name, profile_name, "
                + "profile_sha256, envelope_sha256, device_uri, simulated, verdict, state, end_cause, end_reason, "
                + "planned_pulses, delivered_pulses, device_reported_pulses, journal_path, created_at, started_at, "
                + "ended_at, t0_nanos, device_model, device_firmware, rmt_percent_mso, amt_percent_mso, mt_method, "
                + "delivery, delivery_host_starts, host FROM sessions " + where,
                rs -> rows.add(new SessionRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getInt(9) == 1,
                        rs.getString(10), rs.getString(11), Optional.ofNullable(rs.getString(12)),
                        Optional.ofNullable(rs.getString(13)), rs.getInt(14), rs.getInt(15),
                        Optional.ofNullable((Number) rs.getObject(16)).map(Number::intValue),
                        Optional.ofNullable(rs.getString(17)), Instant.parse(rs.getString(18)),
                        Optional.ofNullable(rs.getString(19)).map(Instant::parse),
                        Optional.ofNullable(rs.getString(20)).map(Instant::parse),
                        Optional.ofNullable((Number) rs.getObject(21)).map(Number::longValue),
                        Optional.ofNullable(rs.getString(22)), Optional.ofNullable(rs.getString(23)),
                        Optional.ofNullable((Number) rs.getObject(24)).map(Number::doubleValue),
                        Optional.ofNullable((Number) rs.getObject(25)).map(Number::doubleValue),
                        Optional.ofNullable(rs.getString(26)), Optional.ofNullable(rs.getString(27)),
                        Optional.ofNullable(rs.getString(28)), Optional.ofNullable(rs.getString(29)))));
        return rows;
    }

    /** The profile and policy files session {@code id} ran under. */
    LimitsRow limits(long id) {
        var rows = new ArrayList<LimitsRow>();
        db.query("session limits", "SELECT profile_path, profile_standing, profile_text, policy_name, policy_sha256, "
                + "policy_path, policy_standing, policy_text FROM sessions WHERE id = ?",
                rs -> rows.add(new LimitsRow(Optional.ofNullable(rs.getString(1)), Optional.ofNullable(rs.getString(2)),
                        Optional.ofNullable(rs.getString(3)), Optional.ofNullable(rs.getString(4)),
                        Optional.ofNullable(rs.getString(5)), Optional.ofNullable(rs.getString(6)),
                        Optional.ofNullable(rs.getString(7)), Optional.ofNullable(rs.getString(8)))), id);
        return rows.isEmpty() ? new LimitsRow(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()) : rows.get(0);
    }

    Optional<SessionRow> session(long id) {
        List<SessionRow> rows = sessions("WHERE id = " + Long.valueOf(id));
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    List<PulseRow> pulses(long sessionId) {
        var rows = new ArrayList<PulseRow>();
        db.query("pulses", "SELECT pulse_index, planned_nanos, actual_nanos, "
                + "output_percent_mso, channel, confirmed FROM pulses WHERE session_id = ? ORDER BY pulse_index",
                rs -> rows.add(new PulseRow(rs.getInt(1), rs.getLong(2), rs.getLong(3), rs.getInt(4), rs.getInt(5),
                        Optional.ofNullable((Number) rs.getObject(6)).map(n -> n.intValue() == 1))), sessionId);
        return rows;
    }

    List<TransitionRow> transitions(long sessionId) {
        var rows = new ArrayList<TransitionRow>();
        db.query("SELECT at, from_state, to_state, reason, user_id FROM transitions WHERE session_id = ? ORDER BY rowid",
                rs -> rows.add(new TransitionRow(Instant.parse(rs.getString(1)), rs.getString(2), rs.getString(3),
                        rs.getString(4), Optional.ofNullable(rs.getString(5)))), sessionId);
        return rows;
    }

    List<TripRow> trips(long sessionId) {
        var rows = new ArrayList<TripRow>();
        db.query("SELECT at, cause, detail, trip_to_disarm_nanos FROM interlock_trips WHERE session_id = ? ORDER BY rowid",
                rs -> rows.add(new TripRow(Instant.parse(rs.getString(1)), rs.getString(2), rs.getString(3),
                        Optional.ofNullable((Number) rs.getObject(4)).map(Number::longValue))), sessionId);
        return rows;
    }

    List<OverrideRow> overrides(long sessionId) {
        var rows = new ArrayList<OverrideRow>();
        db.query("SELECT rule_id, approved_by, reason, at FROM overrides WHERE session_id = ? ORDER BY rowid",
                rs -> rows.add(new OverrideRow(rs.getString(1), rs.getString(2), rs.getString(3),
                        Instant.parse(rs.getString(4)))), sessionId);
        return rows;
    }

    List<CoilTemperatureRow> coilTemperatures(long sessionId) {
        var rows = new ArrayList<CoilTemperatureRow>();
        db.query("coil temperatures", "SELECT at_micros, celsius FROM coil_temperatures WHERE session_id = ? ORDER BY at_micros",
                rs -> rows.add(new CoilTemperatureRow(rs.getLong(1), rs.getDouble(2))), sessionId);
        return rows;
    }

    List<TrainRow> trains(long sessionId) {
        var rows = new ArrayList<TrainRow>();
        db.query("SELECT train_index, first_pulse, pulse_count, planned_start_nanos FROM trains WHERE session_id = ? "
                + "ORDER BY train_index", rs -> rows.add(new TrainRow(rs.getInt(1), rs.getInt(2), rs.getInt(3),
                rs.getLong(4))), sessionId);
        return rows;
    }

    Optional<String> protocolText(long sessionId) {
        var text = new ArrayList<String>();
        db.query("SELECT protocol_text FROM sessions WHERE id = ?", rs -> text.add(rs.getString(1)), sessionId);
        return text.stream().findFirst();
    }

    Continuity continuity(long sessionId) {
        var found = new ArrayList<Continuity>();
        db.query("session " + sessionId, "SELECT s.continues_session, s.first_pulse, "
                + "s.may_have_delivered, (SELECT c.id FROM sessions c WHERE c.continues_session = s.id) "
                + "FROM sessions s WHERE s.id = ?", rs -> {
                    long continues = rs.getLong(1);
                    Optional<Long> of = rs.wasNull() ? Optional.empty() : Optional.of(continues);
                    int first = rs.getInt(2);
                    int mayHave = rs.getInt(3);
                    long by = rs.getLong(4);
                    found.add(new Continuity(of, first, mayHave, rs.wasNull() ? Optional.empty() : Optional.of(by)));
                }, sessionId);
        if (found.isEmpty()) {
            throw new RecordException("no session " + sessionId, null);
        }
        return found.get(0);
    }
}
