package org.tmshost.record;

import org.tmshost.yaml.ContentDigest;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Writing a session's life as it happens: its creation, how it is delivered, its transitions, trips
 * and overrides, its planned trains, its pulses and the device's word on them, its end, and its
 * place in a treatment. Nothing here deletes or rewrites a row except the session's own state, end
 * and delivered count.
 */
final class SessionRecords {
    private final StoreConnection db;
    private final SubjectRecords subjects;
    private final SessionQueries queries;

    private final String host;

    SessionRecords(StoreConnection db, SubjectRecords subjects, SessionQueries queries, String host) {
        this.host = host;
        this.db = db;
        this.subjects = subjects;
        this.queries = queries;
    }

    /**
     * Creates the session's record, in one transaction with the check that no other host has this
     * subject in a session, hunt or measurement ({@link SubjectLock}).
     */
    long createSession(NewSession session, Instant now) {
        long[] id = {0};
        db.transaction(() -> {
            subjects.ensureSubject(session.subjectId(), now);
            SubjectLock.take(db, session.subjectId(), host, now);
            id[0] = insert(session, now);
        });
        return id[0];
    }

    private long insert(NewSession session, Instant now) {
        Optional<SessionLimits> limits = session.limits();
        return db.insert("session record", "INSERT INTO sessions(subject_id, operator_id, "
                + "protocol_name, protocol_sha256, protocol_text, profile_name, profile_sha256, envelope_sha256, "
                + "device_uri, simulated, verdict, state, planned_pulses, created_at, rmt_percent_mso, amt_percent_mso, "
                + "mt_method, profile_text, profile_path, profile_standing, policy_name, policy_sha256, policy_text, "
                + "policy_path, policy_standing, host) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'PREPARED', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                session.subjectId(), session.operatorId(), session.protocolName(),
                ContentDigest.sha256(session.protocolText()), session.protocolText(), session.profileName(),
                session.profileSha256(), session.envelopeSha256(), session.deviceUri(),
                session.simulated() ? 1 : 0, session.verdict(), session.plannedPulses(), now.toString(),
                session.rmtPercentMso().orElse(null), session.amtPercentMso().orElse(null), session.mtMethod(),
                limits.map(l -> l.profile().text()).orElse(null), limits.map(l -> l.profile().path()).orElse(null),
                limits.map(l -> l.profile().standing().label()).orElse(null),
                limits.map(SessionLimits::policyName).orElse(null), limits.map(l -> l.policy().sha256()).orElse(null),
                limits.map(l -> l.policy().text()).orElse(null), limits.map(l -> l.policy().path()).orElse(null),
                limits.map(l -> l.policy().standing().label()).orElse(null), host);
    }

    /** A profile or policy a supervisor installed into the site, with its text. */
    long recordLimitInstall(String kind, String name, String sha256, String text, String sourcePath,
                            String installedBy, Instant at) {
        return db.insert("limit installation", "INSERT INTO limit_installs(kind, name, sha256, text, source_path, "
                + "installed_by, installed_at) VALUES (?, ?, ?, ?, ?, ?, ?)", kind, name, sha256, text, sourcePath,
                installedBy, at.toString());
    }

    void recordDelivery(long sessionId, String strategy, String hostStarts) {
        db.update("UPDATE sessions SET delivery = ?, delivery_host_starts = ? WHERE id = ?", strategy, hostStarts, sessionId);
    }

    void setJournalPath(long sessionId, Path journal) {
        db.update("UPDATE sessions SET journal_path = ? WHERE id = ?", journal.toString(), sessionId);
    }

    void recordDeviceIdentity(long sessionId, String model, String firmware) {
        db.update("UPDATE sessions SET device_model = ?, device_firmware = ? WHERE id = ?", model, firmware, sessionId);
    }

    void recordStart(long sessionId, long t0Nanos, Instant at) {
        db.update("UPDATE sessions SET t0_nanos = ?, started_at = ? WHERE id = ?", t0Nanos, at.toString(), sessionId);
    }

    // --- state ---

    void recordTransition(long sessionId, String from, String to, String reason, String userId, Instant at) {
        db.transaction(() -> {
            insertTransition(sessionId, from, to, reason, userId, at);
            db.update("UPDATE sessions SET state = ? WHERE id = ?", to, sessionId);
        });
    }

    void endSession(long sessionId, String from, String finalState, String cause, String reason, String userId,
                    Instant at, Optional<Integer> deviceReportedPulses) {
        db.transaction(() -> {
            insertTransition(sessionId, from, finalState, reason, userId, at);
            db.update("UPDATE sessions SET state = ?, end_cause = ?, end_reason = ?, ended_at = ?, "
                    + "device_reported_pulses = ? WHERE id = ?", finalState, cause, reason, at.toString(),
                    deviceReportedPulses.orElse(null), sessionId);
        });
    }

    private void insertTransition(long sessionId, String from, String to, String reason, String userId, Instant at) {
        db.update("INSERT INTO transitions(session_id, at, from_state, to_state, reason, user_id) VALUES (?, ?, ?, ?, ?, ?)",
                sessionId, at.toString(), from, to, reason, userId);
    }

    void recordTrip(long sessionId, String cause, String detail, Instant at, Optional<Long> tripToDisarmNanos) {
        db.update("INSERT INTO interlock_trips(session_id, at, cause, detail, trip_to_disarm_nanos) VALUES (?, ?, ?, ?, ?)",
                sessionId, at.toString(), cause, detail, tripToDisarmNanos.orElse(null));
    }

    void recordOverride(long sessionId, String ruleId, String approvedBy, String reason, Instant at) {
        db.update("INSERT INTO overrides(session_id, rule_id, approved_by, reason, at) VALUES (?, ?, ?, ?, ?)",
                sessionId, ruleId, approvedBy, reason, at.toString());
    }

    // --- trains and pulses ---

    void recordTrains(long sessionId, List<TrainRow> trains) {
        db.transaction(() -> db.batch("INSERT INTO trains(session_id, train_index, "
                + "first_pulse, pulse_count, planned_start_nanos) VALUES (?, ?, ?, ?, ?)", trains,
                train -> new Object[] {sessionId, train.index(), train.firstPulse(), train.pulseCount(),
                        train.plannedStartNanos()}));
    }

    void appendPulses(long sessionId, List<PulseRow> pulses) {
        if (pulses.isEmpty()) {
            return;
        }
        db.transaction(() -> {
            db.batch("INSERT OR IGNORE INTO pulses(session_id, "
                    + "pulse_index, planned_nanos, actual_nanos, output_percent_mso, channel, confirmed) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?)", pulses, pulse -> new Object[] {sessionId, pulse.index(),
                    pulse.plannedNanos(), pulse.actualNanos(), pulse.outputPercentMso(), pulse.channel(),
                    pulse.confirmed().map(c -> c ? 1 : 0).orElse(null)});
            updateDeliveredCount(sessionId);
        });
    }

    /** Coil temperature samples (the recorder's batch); re-writing a sample is a no-op. */
    void appendCoilTemperatures(long sessionId, List<CoilTemperatureRow> samples) {
        if (samples.isEmpty()) {
            return;
        }
        db.transaction(() -> db.batch("INSERT OR IGNORE INTO coil_temperatures(session_id, at_micros, celsius) "
                + "VALUES (?, ?, ?)", samples, t -> new Object[] {sessionId, t.atMicros(), t.celsius()}));
    }

    /**
     * The first {@code deviceCount} recorded pulses the device did not refuse are confirmed; the
     * rest are not, or unknown (NULL) with {@code reportsLost}; the delivered count follows.
     */
    void confirmPulses(long sessionId, int deviceCount, boolean reportsLost) {
        List<PulseRow> recorded = queries.pulses(sessionId);
        db.transaction(() -> {
            try (PreparedStatement mark = db.prepare(
                    "UPDATE pulses SET confirmed = ? WHERE session_id = ? AND pulse_index = ?")) {
                int confirmed = 0;
                for (PulseRow pulse : recorded) {
                    if (pulse.confirmed().equals(Optional.of(false))) {
                        continue; // refused when it was sent: the device did not count it
                    }
                    StoreConnection.bind(mark, confirmed < deviceCount ? Integer.valueOf(1)
                            : reportsLost ? null : Integer.valueOf(0), sessionId, pulse.index());
                    mark.addBatch();
                    confirmed++;
                }
                mark.executeBatch();
            }
            updateDeliveredCount(sessionId);
        });
    }

    /** Delivered: every recorded pulse but those the device refused or did not confirm. */
    private void updateDeliveredCount(long sessionId) {
        db.update("UPDATE sessions SET delivered_pulses = (SELECT COUNT(*) FROM pulses WHERE session_id = ? "
                + "AND COALESCE(confirmed, 1) = 1) WHERE id = ?", sessionId, sessionId);
    }

    // --- treatment ---

    void recordContinuation(long sessionId, long continuesId, int firstPulse) {
        db.update("UPDATE sessions SET continues_session = ?, first_pulse = ? WHERE id = ?", continuesId, firstPulse,
                sessionId);
    }

    void recordMayHaveDelivered(long sessionId, int pulses) {
        db.update("UPDATE sessions SET may_have_delivered = ? WHERE id = ?", pulses, sessionId);
    }
}
