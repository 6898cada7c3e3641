package org.tmshost.record;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The Java step of the migration to schema 6 (see {@code schema-v6.sql}): every stored subject id
 * becomes {@link SubjectId#normalise its normalised form}. Ids that agree once normalised become one
 * subject (the earliest creation time); each rewritten row keeps its old id in
 * {@code subject_id_as_entered}, each merged-away subjects row is kept in {@code subject_aliases}.
 * An id the doors would now refuse (a space inside, not the site's pattern) is normalised and kept:
 * its history stays on record, and no new session can use it.
 */
final class SubjectIdMigration {
    /** The tables that name a subject, with their subject column {@code subject_id}. */
    private static final List<String> TABLES = List.of("sessions", "motor_thresholds", "threshold_hunts");

    private SubjectIdMigration() {
    }

    static void apply(Connection connection) throws SQLException {
        List<String> stored = new ArrayList<>();
        try (PreparedStatement ids = connection.prepareStatement("SELECT id FROM subjects UNION "
                + "SELECT subject_id FROM sessions UNION SELECT subject_id FROM motor_thresholds UNION "
                + "SELECT subject_id FROM threshold_hunts"); ResultSet rs = ids.executeQuery()) {
            while (rs.next()) {
                stored.add(rs.getString(1));
            }
        }
        for (String old : stored) {
            String id = SubjectId.normalise(old);
            if (!id.equals(old)) {
                rewrite(connection, old, id);
            }
        }
    }

    /** {@code old} becomes {@code id}: the subject row first (foreign keys), the old row last. */
    private static void rewrite(Connection connection, String old, String id) throws SQLException {
        String createdAt = first(connection, "SELECT created_at FROM subjects WHERE id = ?", old);
        String since = createdAt != null ? createdAt
                : first(connection, "SELECT MIN(created_at) FROM sessions WHERE subject_id = ?", old);
        update(connection, "INSERT OR IGNORE INTO subjects(id, created_at) VALUES (?, ?)", id, since);
        update(connection, "UPDATE subjects SET created_at = ? WHERE id = ? AND created_at > ?", since, id, since);
        for (String table : TABLES) {
            update(connection, "UPDATE " + table + " SET subject_id_as_entered = subject_id, subject_id = ? "
                    + "WHERE subject_id = ?", id, old);
        }
        if (createdAt != null) {
            update(connection, "INSERT OR IGNORE INTO subject_aliases(alias, subject_id, created_at) VALUES (?, ?, ?)",
                    old, id, createdAt);
            update(connection, "DELETE FROM subjects WHERE id = ?", old);
        }
    }

    private static String first(Connection connection, String sql, String value) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, value);
            try (ResultSet rs = query.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static void update(Connection connection, String sql, Object... values) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            StoreConnection.bind(statement, values);
            statement.executeUpdate();
        }
    }
}
