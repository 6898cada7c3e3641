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

    /** Opens (creating if needed) the store at {@code file}. */
    public static RecordStore open(Path file) {
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
                for (String sql : schema().split(";")) {
                    if (!sql.isBlank()) {
                        statement.execute(sql);
                    }
                }
                try (ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM schema_version")) {
                    if (rs.next() && rs.getInt(1) == 0) {
                        statement.execute("INSERT INTO schema_version(version) VALUES (1)");
                    }
                }
            }
            return new RecordStore(connection);
        } catch (SQLException | IOException e) {
            throw new RecordException("cannot open the record store " + file + ": " + e.getMessage(), e);
        }
    }

    private static String schema() {
        try (InputStream in = RecordStore.class.getResourceAsStream("/record/schema-v1.sql")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return text.replaceAll("(?m)--.*$", "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public synchronized void ensureSubject(String subjectId, Instant now) {
        update("INSERT OR IGNORE INTO subjects(id, created_at) VALUES (?, ?)", subjectId, now.toString());
    }

    public synchronized void recordThreshold(String subjectId, String kind, double percentMso, String method,
                                             Instant measuredAt, String profileName) {
        ensureSubject(subjectId, measuredAt);
        update("INSERT INTO motor_thresholds(subject_id, kind, percent_mso, method, measured_at, profile_name) "
                + "VALUES (?, ?, ?, ?, ?, ?)", subjectId, kind, percentMso, method, measuredAt.toString(), profileName);
    }

    /** Creates a session in state PREPARED and returns its id. */
    public synchronized long createSession(NewSession session, Instant now) {
        ensureSubject(session.subjectId(), now);
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO sessions(subject_id, operator_id, "
                + "protocol_name, protocol_sha256, protocol_text, profile_name, profile_sha256, envelope_sha256, "
                + "device_uri, simulated, verdict, state, planned_pulses, created_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'PREPARED', ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
            bind(insert, session.subjectId(), session.operatorId(), session.protocolName(),
                    ContentDigest.sha256(session.protocolText()), session.protocolText(), session.profileName(),
                    session.profileSha256(), session.envelopeSha256(), session.deviceUri(),
                    session.simulated() ? 1 : 0, session.verdict(), session.plannedPulses(), now.toString());
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        } catch (SQLException e) {
            throw new RecordException("cannot create the session record: " + e.getMessage(), e);
        }
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
        update("INSERT INTO interlock_trips(session_id, at, cause, detail) VALUES (?, ?, ?, ?)",
                sessionId, at.toString(), cause, detail);
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
                    + "pulse_index, planned_nanos, actual_nanos, output_percent_mso, channel) VALUES (?, ?, ?, ?, ?, ?)")) {
                for (PulseRow pulse : pulses) {
                    bind(insert, sessionId, pulse.index(), pulse.plannedNanos(), pulse.actualNanos(),
                            pulse.outputPercentMso(), pulse.channel());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            update("UPDATE sessions SET delivered_pulses = (SELECT COUNT(*) FROM pulses WHERE session_id = ?) "
                    + "WHERE id = ?", sessionId, sessionId);
        });
    }

    /** Ends a session: final state (COMPLETED, ABORTED, FAULTED, INTERRUPTED) and why. */
    public synchronized void endSession(long sessionId, String from, String finalState, String reason, String userId,
                                        Instant at) {
        transaction(() -> {
            update("INSERT INTO transitions(session_id, at, from_state, to_state, reason, user_id) VALUES (?, ?, ?, ?, ?, ?)",
                    sessionId, at.toString(), from, finalState, reason, userId);
            update("UPDATE sessions SET state = ?, end_reason = ?, ended_at = ? WHERE id = ?",
                    finalState, reason, at.toString(), sessionId);
        });
    }

    /** Sessions that never ended: the process died while they were open. */
    public synchronized List<SessionRow> unfinishedSessions() {
        return sessions("WHERE ended_at IS NULL ORDER BY id");
    }

    public synchronized List<SessionRow> allSessions() {
        return sessions("ORDER BY id");
    }

    public synchronized Optional<SessionRow> session(long id) {
        List<SessionRow> rows = sessions("WHERE id = " + id);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    public synchronized List<PulseRow> pulses(long sessionId) {
        var rows = new ArrayList<PulseRow>();
        try (PreparedStatement query = connection.prepareStatement("SELECT pulse_index, planned_nanos, actual_nanos, "
                + "output_percent_mso, channel FROM pulses WHERE session_id = ? ORDER BY pulse_index")) {
            query.setLong(1, sessionId);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    rows.add(new PulseRow(rs.getInt(1), rs.getLong(2), rs.getLong(3), rs.getInt(4), rs.getInt(5)));
                }
            }
        } catch (SQLException e) {
            throw new RecordException("cannot read pulses: " + e.getMessage(), e);
        }
        return rows;
    }

    /** Pulses the subject received since local midnight, and when their last session ended. */
    public synchronized DoseTotals doseTotals(String subjectId, Instant now, ZoneId zone) {
        String midnight = now.atZone(zone).toLocalDate().atStartOfDay(zone).toInstant().toString();
        try (PreparedStatement query = connection.prepareStatement("SELECT COALESCE(SUM(delivered_pulses), 0), "
                + "MAX(ended_at) FROM sessions WHERE subject_id = ? AND (ended_at IS NULL OR ended_at >= ?)");
             PreparedStatement last = connection.prepareStatement(
                     "SELECT MAX(ended_at) FROM sessions WHERE subject_id = ? AND ended_at IS NOT NULL")) {
            bind(query, subjectId, midnight);
            bind(last, subjectId);
            int today;
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                today = rs.getInt(1);
            }
            Optional<Instant> lastEnded;
            try (ResultSet rs = last.executeQuery()) {
                rs.next();
                lastEnded = Optional.ofNullable(rs.getString(1)).map(Instant::parse);
            }
            return new DoseTotals(today, lastEnded);
        } catch (SQLException e) {
            throw new RecordException("cannot read the dose ledger: " + e.getMessage(), e);
        }
    }

    private List<SessionRow> sessions(String where) {
        var rows = new ArrayList<SessionRow>();
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT id, subject_id, operator_id, protocol_name, profile_name, "
                     + "profile_sha256, envelope_sha256, device_uri, simulated, verdict, state, end_reason, "
                     + "planned_pulses, delivered_pulses, journal_path, created_at, ended_at FROM sessions " + where)) {
            while (rs.next()) {
                rows.add(new SessionRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getInt(9) == 1,
                        rs.getString(10), rs.getString(11), Optional.ofNullable(rs.getString(12)), rs.getInt(13),
                        rs.getInt(14), Optional.ofNullable(rs.getString(15)), Instant.parse(rs.getString(16)),
                        Optional.ofNullable(rs.getString(17)).map(Instant::parse)));
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
