package org.tmshost.record;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The record store's one SQLite connection and the few ways it is used: a parameterised read row by
 * row, a write, a batch of writes, an insert returning its id, a transaction. Every failure becomes
 * a {@link RecordException} naming what could not be read or written. Not thread-safe: the
 * {@link RecordStore} lock guards it.
 */
final class StoreConnection {
    /** Reads one row of a result. */
    interface RowReader {
        void read(ResultSet rs) throws SQLException;
    }

    /** Work on the connection that may fail with an {@link SQLException}. */
    interface SqlWork {
        void run() throws SQLException;
    }

    /** The values to bind for one row of a batch. */
    interface RowValues<T> {
        Object[] of(T row);
    }

    private final Connection connection;

    StoreConnection(Connection connection) {
        this.connection = connection;
    }

    PreparedStatement prepare(String sql) throws SQLException {
        return connection.prepareStatement(sql);
    }

    /** Every row of {@code sql} with {@code values} bound; a failure reads "cannot read the record". */
    void query(String sql, RowReader reader, Object... values) {
        query("the record", sql, reader, values);
    }

    /** Every row of {@code sql} with {@code values} bound; a failure reads "cannot read {@code what}". */
    void query(String what, String sql, RowReader reader, Object... values) {
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            bind(query, values);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    reader.read(rs);
                }
            }
        } catch (SQLException e) {
            throw new RecordException("cannot read " + what + ": " + e.getMessage(), e);
        }
    }

    void update(String sql, Object... values) {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, values);
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new RecordException("record write failed: " + e.getMessage(), e);
        }
    }

    /** A write that says how many rows it changed (a conditional update that must change exactly one). */
    int changed(String sql, Object... values) {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, values);
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new RecordException("record write failed: " + e.getMessage(), e);
        }
    }

    /** Inserts one row and returns its generated id; a failure reads "cannot create the {@code what}". */
    long insert(String what, String sql, Object... values) {
        try (PreparedStatement insert = connection.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            bind(insert, values);
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        } catch (SQLException e) {
            throw new RecordException("cannot create the " + what + ": " + e.getMessage(), e);
        }
    }

    /** {@code sql} once per row, as one batch; call inside {@link #transaction}. */
    <T> void batch(String sql, List<T> rows, RowValues<T> values) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(sql)) {
            for (T row : rows) {
                bind(insert, values.of(row));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /**
     * {@code work} all or nothing. A failure is reported as the work or the commit saw it: SQLite
     * rolls a transaction back by itself on some errors (a full disk, an I/O error), and rolling
     * back or ending it again then fails with "no transaction is active", which must not hide why.
     * Inside another transaction it is part of that one, which commits or rolls back.
     */
    void transaction(SqlWork work) {
        try {
            if (!connection.getAutoCommit()) {
                work.run(); // the enclosing transaction commits or rolls back
                return;
            }
            connection.setAutoCommit(false);
        } catch (SQLException e) {
            throw new RecordException("record write failed: " + e.getMessage(), e);
        }
        Exception failure = null;
        try {
            work.run();
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            failure = e;
            try {
                connection.rollback();
            } catch (SQLException rollback) {
                e.addSuppressed(rollback);
            }
        }
        try {
            connection.setAutoCommit(true);
        } catch (SQLException e) {
            if (failure == null) {
                failure = e;
            } else {
                failure.addSuppressed(e);
            }
        }
        if (failure instanceof RuntimeException unchecked) {
            throw unchecked;
        } else if (failure != null) {
            throw new RecordException("record write failed: " + failure.getMessage(), failure);
        }
    }

    static void bind(PreparedStatement statement, Object... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            statement.setObject(i + 1, values[i]);
        }
    }

    void close() throws SQLException {
        connection.close();
    }
}
