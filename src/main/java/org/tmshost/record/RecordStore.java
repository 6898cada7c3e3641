package org.tmshost.record;

import org.tmshost.yaml.ContentDigest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The SQLite record of subjects, thresholds, sessions, pulses, transitions, interlock trips and
 * overrides. Durable by construction: WAL journal with {@code synchronous=FULL}, every write in a
 * transaction. Nothing is ever deleted or rewritten except a session's state, end and delivered
 * count. One connection, used from one thread at a time (the methods are synchronized).
 */
public final class RecordStore implements AutoCloseable {
    private final Connection connection;

    private RecordStore(Connection connection) {
        this.connection = connection;
    }

    /** How long a write waits for another process's lock before it fails (a clear error, not a hang). */
    public static final int DEFAULT_BUSY_TIMEOUT_MILLIS = 2_000;
    /** The schema version this code writes. */
    public static final int SCHEMA_VERSION = 5;

    /** Opens (creating or migrating if needed) the store at {@code file}. */
    public static RecordStore open(Path file) {
        return open(file, DEFAULT_BUSY_TIMEOUT_MILLIS);
    }

    /** Opens the store; a write blocked by another connection's lock fails after {@code busyTimeoutMillis}. */
    public static RecordStore open(Path file, int busyTimeoutMillis) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
            try (Statement statement = connection.createStatement()) {
                statement.execute("PRAGMA journal_mode=WAL");
                statement.execute("PRAGMA synchronous=FULL");
                statement.execute("PRAGMA foreign_keys=ON");
                statement.execute("PRAGMA busy_timeout=" + Math.max(0, busyTimeoutMillis));
                for (String sql : schema("schema-v1.sql")) {
                    statement.execute(sql);
                }
                int version;
                try (ResultSet rs = statement.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version")) {
                    rs.next();
                    version = rs.getInt(1);
                }
                if (version == 0) {
                    statement.execute("INSERT INTO schema_version(version) VALUES (1)");
                    version = 1;
                }
                if (version > SCHEMA_VERSION) {
                    throw new SQLException("the store has schema version " + version + ", newer than this tmshost ("
                            + SCHEMA_VERSION + "); use a newer tmshost");
                }
                for (int next = version + 1; next <= SCHEMA_VERSION; next++) {
                    migrate(statement, next);
                }
            }
            return new RecordStore(connection);
        } catch (SQLException | IOException e) {
            throw new RecordException("cannot open the record store " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Applies {@code schema-vN.sql} and records version N, all or nothing. The write lock is taken
     * first and the version read again under it, so two processes opening an old store at once
     * migrate it once.
     */
    private static void migrate(Statement statement, int version) throws SQLException {
        statement.execute("BEGIN IMMEDIATE");
        try {
            int current;
            try (ResultSet rs = statement.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version")) {
                rs.next();
                current = rs.getInt(1);
            }
            if (current < version) {
                for (String sql : schema("schema-v" + version + ".sql")) {
                    statement.execute(sql);
                }
                statement.execute("INSERT INTO schema_version(version) VALUES (" + version + ")");
            }
            statement.execute("COMMIT");
        } catch (SQLException e) {
            statement.execute("ROLLBACK");
            throw e;
        }
    }

    private static List<String> schema(String resource) {
        try (InputStream in = RecordStore.class.getResourceAsStream("/record/" + resource)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).replaceAll("(?m)--.*$", "");
            return java.util.Arrays.stream(text.split(";")).filter(sql -> !sql.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public synchronized void ensureSubject(String subjectId, Instant now) {
        update("INSERT OR IGNORE INTO subjects(id, created_at) VALUES (?, ?)", subjectId, now.toString());
    }

    public synchronized void recordThreshold(String subjectId, String kind, double percentMso, String method,
                                             Instant measuredAt, String profileName) {
        recordThreshold(subjectId, kind, percentMso, method, measuredAt, profileName, null);
    }

    /** Records the start of a threshold hunt; returns its id. */
    public synchronized long startHunt(NewHunt hunt, Instant now) {
        ensureSubject(hunt.subjectId(), now);
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO threshold_hunts(subject_id, "
                + "operator_id, kind, method, criterion_uv, mep_input, profile_name, device_uri, simulated, started_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
            bind(insert, hunt.subjectId(), hunt.operatorId(), hunt.kind(), hunt.method(), hunt.criterionUv(),
                    hunt.mepInput(), hunt.profileName(), hunt.deviceUri(), hunt.simulated() ? 1 : 0, now.toString());
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        } catch (SQLException e) {
            throw new RecordException("cannot create the hunt record: " + e.getMessage(), e);
        }
    }

    /** A pulse the hunt gave, written as it is given (before its MEP is read). */
    public synchronized void recordHuntPulse(long huntId, int pulseIndex, Instant firedAt, int outputPercentMso) {
        update("INSERT INTO hunt_pulses(hunt_id, pulse_index, fired_at, output_percent_mso) VALUES (?, ?, ?, ?)",
                huntId, pulseIndex, firedAt.toString(), outputPercentMso);
    }

    /** The reading for a recorded hunt pulse: an amplitude in µV, or a yes/no (the other null). */
    public synchronized void recordHuntReading(long huntId, int pulseIndex, Double mepMicrovolts, Boolean response) {
        update("UPDATE hunt_pulses SET mep_uv = ?, response = ? WHERE hunt_id = ? AND pulse_index = ?", mepMicrovolts,
                response == null ? null : response ? 1 : 0, huntId, pulseIndex);
    }

    /** Ends a hunt with its outcome and, when it found one, the threshold. */
    public synchronized void endHunt(long huntId, String outcome, Double thresholdPercentMso, Instant now) {
        update("UPDATE threshold_hunts SET ended_at = ?, outcome = ?, threshold_percent_mso = ? WHERE id = ?",
                now.toString(), outcome, thresholdPercentMso, huntId);
    }

    /**
     * Ends a hunt COMPLETED with the threshold it found and stores that threshold for the subject,
     * naming the hunt: one transaction, so the two never disagree.
     */
    public synchronized void completeHunt(long huntId, String subjectId, String kind, double percentMso, String method,
                                          Instant measuredAt, String profileName) {
        transaction(() -> {
            endHunt(huntId, "COMPLETED", percentMso, measuredAt);
            update("INSERT INTO motor_thresholds(subject_id, kind, percent_mso, method, measured_at, profile_name, "
                    + "hunt_id) VALUES (?, ?, ?, ?, ?, ?, ?)", subjectId, kind, percentMso, method,
                    measuredAt.toString(), profileName, huntId);
        });
    }

    /** The subject's hunts, oldest first, with their pulse counts. */
    public synchronized List<HuntRow> hunts(String subjectId) {
        var rows = new ArrayList<HuntRow>();
        query("SELECT h.id, h.subject_id, h.operator_id, h.kind, h.method, h.criterion_uv, h.mep_input, h.profile_name, "
                + "h.device_uri, h.simulated, h.started_at, h.ended_at, h.outcome, h.threshold_percent_mso, "
                + "(SELECT COUNT(*) FROM hunt_pulses p WHERE p.hunt_id = h.id) FROM threshold_hunts h "
                + "WHERE h.subject_id = ? ORDER BY h.id", rs -> rows.add(new HuntRow(rs.getLong(1), rs.getString(2),
                rs.getString(3), rs.getString(4), rs.getString(5), rs.getDouble(6), rs.getString(7), rs.getString(8),
                rs.getString(9), rs.getInt(10) != 0, Instant.parse(rs.getString(11)),
                Optional.ofNullable(rs.getString(12)).map(Instant::parse), Optional.ofNullable(rs.getString(13)),
                Optional.ofNullable((Number) rs.getObject(14)).map(Number::doubleValue), rs.getInt(15))), subjectId);
        return rows;
    }

    /** A hunt's pulses in the order given. */
    public synchronized List<HuntPulseRow> huntPulses(long huntId) {
        var rows = new ArrayList<HuntPulseRow>();
        query("SELECT pulse_index, fired_at, output_percent_mso, mep_uv, response FROM hunt_pulses WHERE hunt_id = ? "
                + "ORDER BY pulse_index", rs -> rows.add(new HuntPulseRow(rs.getInt(1), Instant.parse(rs.getString(2)),
                rs.getInt(3), Optional.ofNullable((Number) rs.getObject(4)).map(Number::doubleValue),
                Optional.ofNullable((Number) rs.getObject(5)).map(r -> r.intValue() != 0))), huntId);
        return rows;
    }

    /** A motor threshold measured for a session ({@code sessionId} may be null). */
    public synchronized void recordThreshold(String subjectId, String kind, double percentMso, String method,
                                             Instant measuredAt, String profileName, Long sessionId) {
        ensureSubject(subjectId, measuredAt);
        update("INSERT INTO motor_thresholds(subject_id, kind, percent_mso, method, measured_at, profile_name, "
                + "session_id) VALUES (?, ?, ?, ?, ?, ?, ?)", subjectId, kind, percentMso, method, measuredAt.toString(),
                profileName, sessionId);
    }

    /**
     * A stored motor threshold.
     *
     * @param method    as recorded: EMG, VISUAL or UNSTATED, possibly followed by how it was found
     * @param sessionId the session it was recorded for, or null (e.g. a console threshold hunt)
     * @param huntId    the threshold hunt that found it, or null (a stated threshold)
     */
    public record StoredThreshold(String subjectId, String kind, double percentMso, String method, Instant measuredAt,
                                  String profileName, Long sessionId, Long huntId) {
    }

    /** The subject's most recently stored threshold of {@code kind} (RMT or AMT), if any. */
    public synchronized Optional<StoredThreshold> latestThreshold(String subjectId, String kind) {
        var rows = new ArrayList<StoredThreshold>();
        query("SELECT subject_id, kind, percent_mso, method, measured_at, profile_name, session_id, hunt_id "
                + "FROM motor_thresholds WHERE subject_id = ? AND kind = ? ORDER BY id DESC LIMIT 1",
                rs -> rows.add(new StoredThreshold(rs.getString(1), rs.getString(2), rs.getDouble(3), rs.getString(4),
                        Instant.parse(rs.getString(5)), rs.getString(6), rs.getObject(7) == null ? null : rs.getLong(7),
                        rs.getObject(8) == null ? null : rs.getLong(8))), subjectId, kind);
        return rows.stream().findFirst();
    }

    /** Creates a session in state PREPARED and returns its id. */
    public synchronized long createSession(NewSession session, Instant now) {
        ensureSubject(session.subjectId(), now);
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO sessions(subject_id, operator_id, "
                + "protocol_name, protocol_sha256, protocol_text, profile_name, profile_sha256, envelope_sha256, "
                + "device_uri, simulated, verdict, state, planned_pulses, created_at, rmt_percent_mso, amt_percent_mso, "
                + "mt_method) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'PREPARED', ?, ?, ?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            bind(insert, session.subjectId(), session.operatorId(), session.protocolName(),
                    ContentDigest.sha256(session.protocolText()), session.protocolText(), session.profileName(),
                    session.profileSha256(), session.envelopeSha256(), session.deviceUri(),
                    session.simulated() ? 1 : 0, session.verdict(), session.plannedPulses(), now.toString(),
                    session.rmtPercentMso().orElse(null), session.amtPercentMso().orElse(null), session.mtMethod());
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        } catch (SQLException e) {
            throw new RecordException("cannot create the session record: " + e.getMessage(), e);
        }
    }

    /**
     * The device's word on a session's recorded pulses, once it has ended: a device that counts its
     * pulses delivered them in order, so the first {@code deviceCount} recorded pulses it did not
     * refuse are confirmed and the rest are not; the session's delivered count becomes the confirmed
     * count (design.md invariant 8).
     */
    public synchronized void confirmPulses(long sessionId, int deviceCount) {
        confirmPulses(sessionId, deviceCount, false);
    }

    /**
     * As {@link #confirmPulses(long, int)}; with {@code reportsLost} (the link failed, so a missing
     * report is no evidence either way) the pulses beyond the device's count stay unknown (NULL)
     * instead of unconfirmed.
     */
    public synchronized void confirmPulses(long sessionId, int deviceCount, boolean reportsLost) {
        List<PulseRow> recorded = pulses(sessionId);
        transaction(() -> {
            try (PreparedStatement mark = connection.prepareStatement(
                    "UPDATE pulses SET confirmed = ? WHERE session_id = ? AND pulse_index = ?")) {
                int confirmed = 0;
                for (PulseRow pulse : recorded) {
                    if (pulse.confirmed().equals(Optional.of(false))) {
                        continue; // refused when it was sent: the device did not count it
                    }
                    bind(mark, confirmed < deviceCount ? Integer.valueOf(1) : reportsLost ? null : Integer.valueOf(0),
                            sessionId, pulse.index());
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
        update("UPDATE sessions SET delivered_pulses = (SELECT COUNT(*) FROM pulses WHERE session_id = ? "
                + "AND COALESCE(confirmed, 1) = 1) WHERE id = ?", sessionId, sessionId);
    }

    /** How the session's plan reaches the device, recorded at arming (contracts.md §5). */
    public synchronized void recordDelivery(long sessionId, String strategy, String hostStarts) {
        update("UPDATE sessions SET delivery = ?, delivery_host_starts = ? WHERE id = ?", strategy, hostStarts, sessionId);
    }

    public synchronized void setJournalPath(long sessionId, Path journal) {
        update("UPDATE sessions SET journal_path = ? WHERE id = ?", journal.toString(), sessionId);
    }

    /** Records a state change; the session's state column follows it. */
    public synchronized void recordTransition(long sessionId, String from, String to, String reason, String userId,
                                              Instant at) {
        transaction(() -> {
            update("INSERT INTO transitions(session_id, at, from_state, to_state, reason, user_id) VALUES (?, ?, ?, ?, ?, ?)",
                    sessionId, at.toString(), from, to, reason, userId);
            update("UPDATE sessions SET state = ? WHERE id = ?", to, sessionId);
        });
    }

    public synchronized void recordTrip(long sessionId, String cause, String detail, Instant at) {
        recordTrip(sessionId, cause, detail, at, Optional.empty());
    }

    /** An interlock trip with the measured trip-to-disarm time (nanoseconds on the host clock), if known. */
    public synchronized void recordTrip(long sessionId, String cause, String detail, Instant at,
                                        Optional<Long> tripToDisarmNanos) {
        update("INSERT INTO interlock_trips(session_id, at, cause, detail, trip_to_disarm_nanos) VALUES (?, ?, ?, ?, ?)",
                sessionId, at.toString(), cause, detail, tripToDisarmNanos.orElse(null));
    }

    /** The planned trains of a session, written once when it is prepared. */
    public synchronized void recordTrains(long sessionId, List<TrainRow> trains) {
        transaction(() -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO trains(session_id, train_index, "
                    + "first_pulse, pulse_count, planned_start_nanos) VALUES (?, ?, ?, ?, ?)")) {
                for (TrainRow train : trains) {
                    bind(insert, sessionId, train.index(), train.firstPulse(), train.pulseCount(),
                            train.plannedStartNanos());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        });
    }

    /** What the connected device said it is. */
    public synchronized void recordDeviceIdentity(long sessionId, String model, String firmware) {
        update("UPDATE sessions SET device_model = ?, device_firmware = ? WHERE id = ?", model, firmware, sessionId);
    }

    /** When the pulse thread began: its t0 on the host clock (pulse times in the record are relative to it). */
    public synchronized void recordStart(long sessionId, long t0Nanos, Instant at) {
        update("UPDATE sessions SET t0_nanos = ?, started_at = ? WHERE id = ?", t0Nanos, at.toString(), sessionId);
    }

    public synchronized void recordOverride(long sessionId, String ruleId, String approvedBy, String reason, Instant at) {
        update("INSERT INTO overrides(session_id, rule_id, approved_by, reason, at) VALUES (?, ?, ?, ?, ?)",
                sessionId, ruleId, approvedBy, reason, at.toString());
    }

    /** Appends delivered pulses in one transaction (the recorder's batch); re-importing a pulse is a no-op. */
    public synchronized void appendPulses(long sessionId, List<PulseRow> pulses) {
        if (pulses.isEmpty()) {
            return;
        }
        transaction(() -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT OR IGNORE INTO pulses(session_id, "
                    + "pulse_index, planned_nanos, actual_nanos, output_percent_mso, channel, confirmed) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                for (PulseRow pulse : pulses) {
                    bind(insert, sessionId, pulse.index(), pulse.plannedNanos(), pulse.actualNanos(),
                            pulse.outputPercentMso(), pulse.channel(), pulse.confirmed().map(c -> c ? 1 : 0).orElse(null));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            updateDeliveredCount(sessionId);
        });
    }

    /**
     * Marks {@code sessionId} as the continuation of {@code continuesId}, its pulse 0 being pulse
     * {@code firstPulse} of the treatment's plan. A session is continued at most once.
     */
    public synchronized void recordContinuation(long sessionId, long continuesId, int firstPulse) {
        update("UPDATE sessions SET continues_session = ?, first_pulse = ? WHERE id = ?", continuesId, firstPulse,
                sessionId);
    }

    /** When the motor thresholds a session was prepared with were measured (empty if it had none). */
    public synchronized Optional<Instant> thresholdsMeasuredAt(long sessionId) {
        var found = new ArrayList<Instant>();
        query("SELECT MIN(measured_at) FROM motor_thresholds WHERE session_id = ?", rs -> {
            if (rs.getString(1) != null) {
                found.add(Instant.parse(rs.getString(1)));
            }
        }, sessionId);
        return found.stream().findFirst();
    }

    /** Pulses past the record the device may have delivered on its own after the host lost it. */
    public synchronized void recordMayHaveDelivered(long sessionId, int pulses) {
        update("UPDATE sessions SET may_have_delivered = ? WHERE id = ?", pulses, sessionId);
    }

    /** Where a session stands in its treatment: what it continues, and what continues it. */
    public synchronized Continuity continuity(long sessionId) {
        try (PreparedStatement query = connection.prepareStatement("SELECT s.continues_session, s.first_pulse, "
                + "s.may_have_delivered, (SELECT c.id FROM sessions c WHERE c.continues_session = s.id) "
                + "FROM sessions s WHERE s.id = ?")) {
            bind(query, sessionId);
            try (ResultSet rs = query.executeQuery()) {
                if (!rs.next()) {
                    throw new RecordException("no session " + sessionId, null);
                }
                long continues = rs.getLong(1);
                Optional<Long> of = rs.wasNull() ? Optional.empty() : Optional.of(continues);
                int first = rs.getInt(2);
                int mayHave = rs.getInt(3);
                long by = rs.getLong(4);
                return new Continuity(of, first, mayHave, rs.wasNull() ? Optional.empty() : Optional.of(by));
            }
        } catch (SQLException e) {
            throw new RecordException("cannot read session " + sessionId + ": " + e.getMessage(), e);
        }
    }

    /** Ends a session: final state (COMPLETED, ABORTED, FAULTED, INTERRUPTED) and why. */
    public synchronized void endSession(long sessionId, String from, String finalState, String reason, String userId,
                                        Instant at) {
        endSession(sessionId, from, finalState, finalState, reason, userId, at, Optional.empty());
    }

    /**
     * Ends a session with its final state, a stable cause code, the reason in words, and the pulse
     * count the device reported (when it counts), in one transaction with its last transition.
     */
    public synchronized void endSession(long sessionId, String from, String finalState, String cause, String reason,
                                        String userId, Instant at, Optional<Integer> deviceReportedPulses) {
        transaction(() -> {
            update("INSERT INTO transitions(session_id, at, from_state, to_state, reason, user_id) VALUES (?, ?, ?, ?, ?, ?)",
                    sessionId, at.toString(), from, finalState, reason, userId);
            update("UPDATE sessions SET state = ?, end_cause = ?, end_reason = ?, ended_at = ?, "
                    + "device_reported_pulses = ? WHERE id = ?", finalState, cause, reason, at.toString(),
                    deviceReportedPulses.orElse(null), sessionId);
        });
    }

    public synchronized List<TransitionRow> transitions(long sessionId) {
        var rows = new ArrayList<TransitionRow>();
        query("SELECT at, from_state, to_state, reason, user_id FROM transitions WHERE session_id = ? ORDER BY rowid",
                rs -> rows.add(new TransitionRow(Instant.parse(rs.getString(1)), rs.getString(2), rs.getString(3),
                        rs.getString(4), Optional.ofNullable(rs.getString(5)))), sessionId);
        return rows;
    }

    public synchronized List<TripRow> trips(long sessionId) {
        var rows = new ArrayList<TripRow>();
        query("SELECT at, cause, detail, trip_to_disarm_nanos FROM interlock_trips WHERE session_id = ? ORDER BY rowid",
                rs -> rows.add(new TripRow(Instant.parse(rs.getString(1)), rs.getString(2), rs.getString(3),
                        Optional.ofNullable((Number) rs.getObject(4)).map(Number::longValue))), sessionId);
        return rows;
    }

    public synchronized List<OverrideRow> overrides(long sessionId) {
        var rows = new ArrayList<OverrideRow>();
        query("SELECT rule_id, approved_by, reason, at FROM overrides WHERE session_id = ? ORDER BY rowid",
                rs -> rows.add(new OverrideRow(rs.getString(1), rs.getString(2), rs.getString(3),
                        Instant.parse(rs.getString(4)))), sessionId);
        return rows;
    }

    public synchronized List<TrainRow> trains(long sessionId) {
        var rows = new ArrayList<TrainRow>();
        query("SELECT train_index, first_pulse, pulse_count, planned_start_nanos FROM trains WHERE session_id = ? "
                + "ORDER BY train_index", rs -> rows.add(new TrainRow(rs.getInt(1), rs.getInt(2), rs.getInt(3),
                rs.getLong(4))), sessionId);
        return rows;
    }

    /** The protocol file exactly as the session ran it. */
    public synchronized Optional<String> protocolText(long sessionId) {
        var text = new ArrayList<String>();
        query("SELECT protocol_text FROM sessions WHERE id = ?", rs -> text.add(rs.getString(1)), sessionId);
        return text.stream().findFirst();
    }

    private interface RowReader {
        void read(ResultSet rs) throws SQLException;
    }

    private void query(String sql, RowReader reader, Object... values) {
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            bind(query, values);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    reader.read(rs);
                }
            }
        } catch (SQLException e) {
            throw new RecordException("cannot read the record: " + e.getMessage(), e);
        }
    }

    /** Sessions that never ended: the process died while they were open. */
    public synchronized List<SessionRow> unfinishedSessions() {
        return sessions("WHERE ended_at IS NULL ORDER BY id");
    }

    public synchronized List<SessionRow> allSessions() {
        return sessions("ORDER BY id");
    }

    public synchronized Optional<SessionRow> session(long id) {
        List<SessionRow> rows = sessions("WHERE id = " + Long.valueOf(id));
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    public synchronized List<PulseRow> pulses(long sessionId) {
        var rows = new ArrayList<PulseRow>();
        try (PreparedStatement query = connection.prepareStatement("SELECT pulse_index, planned_nanos, actual_nanos, "
                + "output_percent_mso, channel, confirmed FROM pulses WHERE session_id = ? ORDER BY pulse_index")) {
            query.setLong(1, sessionId);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    rows.add(new PulseRow(rs.getInt(1), rs.getLong(2), rs.getLong(3), rs.getInt(4), rs.getInt(5),
                            Optional.ofNullable((Number) rs.getObject(6)).map(n -> n.intValue() == 1)));
                }
            }
        } catch (SQLException e) {
            throw new RecordException("cannot read pulses: " + e.getMessage(), e);
        }
        return rows;
    }

    /**
     * Pulses the subject received since local midnight in sessions and, apart, in threshold hunts;
     * sessions they had since then; and when their last session ended. A session with no pulse delivered (refused at arming, cancelled, faulted before
     * its first pulse) was not held: it neither counts nor starts the intersession interval.
     */
    /**
     * An instant as text that compares correctly, as text, with every stored {@code Instant.toString()}
     * at or after it: a fixed nine-digit fraction ("…T00:00:00Z" sorts after "…T00:00:00.5Z").
     */
    static String sortableLowerBound(Instant instant) {
        return LOWER_BOUND.format(instant);
    }

    private static final java.time.format.DateTimeFormatter LOWER_BOUND = java.time.format.DateTimeFormatter
            .ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(java.time.ZoneOffset.UTC);

    public synchronized DoseTotals doseTotals(String subjectId, Instant now, ZoneId zone) {
        return doseTotals(subjectId, now, zone, java.util.Set.of());
    }

    /**
     * The subject's totals leaving out {@code treatment}: the sessions a continuation continues,
     * whose delivered pulses it counts itself (it is checked as delivered + remaining).
     */
    public synchronized DoseTotals doseTotals(String subjectId, Instant now, ZoneId zone, java.util.Set<Long> treatment) {
        String midnight = sortableLowerBound(now.atZone(zone).toLocalDate().atStartOfDay(zone).toInstant());
        String others = treatment.isEmpty() ? "" : " AND id NOT IN (" + String.join(", ",
                treatment.stream().map(id -> Long.toString(id)).toList()) + ")"; // numbers only: no injection
        try (PreparedStatement query = connection.prepareStatement("SELECT COALESCE(SUM(delivered_pulses), 0), "
                + "COALESCE(SUM(CASE WHEN delivered_pulses > 0 THEN 1 ELSE 0 END), 0) "
                + "FROM sessions WHERE subject_id = ? AND (ended_at IS NULL OR ended_at >= ?)" + others);
             PreparedStatement huntPulses = connection.prepareStatement("SELECT COUNT(*) FROM hunt_pulses p "
                     + "JOIN threshold_hunts h ON h.id = p.hunt_id WHERE h.subject_id = ? AND p.fired_at >= ?");
             PreparedStatement last = connection.prepareStatement(
                     "SELECT MAX(ended_at) FROM sessions WHERE subject_id = ? AND ended_at IS NOT NULL "
                             + "AND delivered_pulses > 0" + others)) {
            bind(query, subjectId, midnight);
            bind(huntPulses, subjectId, midnight);
            bind(last, subjectId);
            int today;
            int sessionsToday;
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                today = rs.getInt(1);
                sessionsToday = rs.getInt(2);
            }
            int huntToday;
            try (ResultSet rs = huntPulses.executeQuery()) {
                rs.next();
                huntToday = rs.getInt(1);
            }
            Optional<Instant> lastEnded;
            try (ResultSet rs = last.executeQuery()) {
                rs.next();
                lastEnded = Optional.ofNullable(rs.getString(1)).map(Instant::parse);
            }
            return new DoseTotals(today, huntToday, sessionsToday, lastEnded);
        } catch (SQLException e) {
            throw new RecordException("cannot read the dose ledger: " + e.getMessage(), e);
        }
    }

    private List<SessionRow> sessions(String where) {
        var rows = new ArrayList<SessionRow>();
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT id, subject_id, operator_id, protocol_name, profile_name, "
                     + "profile_sha256, envelope_sha256, device_uri, simulated, verdict, state, end_cause, end_reason, "
                     + "planned_pulses, delivered_pulses, device_reported_pulses, journal_path, created_at, started_at, "
                     + "ended_at, t0_nanos, device_model, device_firmware, rmt_percent_mso, amt_percent_mso, mt_method, "
                     + "delivery, delivery_host_starts FROM sessions " + where)) {
            while (rs.next()) {
                rows.add(new SessionRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
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
                        Optional.ofNullable(rs.getString(28))));
            }
        } catch (SQLException e) {
            throw new RecordException("cannot read sessions: " + e.getMessage(), e);
        }
        return rows;
    }

    private interface SqlWork {
        void run() throws SQLException;
    }

    private void transaction(SqlWork work) {
        try {
            connection.setAutoCommit(false);
            try {
                work.run();
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new RecordException("record write failed: " + e.getMessage(), e);
        }
    }

    private void update(String sql, Object... values) {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, values);
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new RecordException("record write failed: " + e.getMessage(), e);
        }
    }

    private static void bind(PreparedStatement statement, Object... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            statement.setObject(i + 1, values[i]);
        }
    }


    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new RecordException("cannot close the record store: " + e.getMessage(), e);
        }
    }
}
