package org.tmshost.record;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The record store's one connection and the few ways it is used: a parameterised read row by
 * row, a write, a batch of writes, an insert returning its id, a transaction. Every failure becomes
 * a {@link RecordException} naming what could not be read or written. Statements are written in
 * SQLite's dialect and run in the store's ({@link Dialect}). A site database's connection that
 * fails because the server is out of reach is dropped and made again on the next use, so the
 * same write succeeds once the server is back. Not thread-safe: the {@link RecordStore} lock guards it.
 */
final class StoreConnection {
    /** Makes the connection (again, after a site database's server was out of reach). */
    interface Connector {
        Connection connect() throws SQLException;
    }

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

    private final Connector connector;
    private final Dialect dialect;
    private Connection connection;

    StoreConnection(Connector connector, Dialect dialect) throws SQLException {
        this.connector = connector;
        this.dialect = dialect;
        this.connection = connector.connect();
    }

    Dialect dialect() {
        return dialect;
    }

    /** The connection, made again if the last one was lost with the server. */
    Connection connection() throws SQLException {
        if (connection == null) {
            connection = connector.connect();
        }
        return connection;
    }

    PreparedStatement prepare(String sql) throws SQLException {
        return connection().prepareStatement(dialect.statement(sql));
    }

    /** A failure that says the server is out of reach drops the connection: the next use makes a new one. */
    private <E extends SQLException> E seen(E e) {
        if (dialect.unreachable(e) && connection != null) {
            try {
                connection.close();
            } catch (SQLException closing) {
                e.addSuppressed(closing);
            }
            connection = null;
        }
        return e;
    }

    /** Every row of {@code sql} with {@code values} bound; a failure reads "cannot read the record". */
    void query(String sql, RowReader reader, Object... values) {
        query("the record", sql, reader, values);
    }

    /** Every row of {@code sql} with {@code values} bound; a failure reads "cannot read {@code what}". */
    void query(String what, String sql, RowReader reader, Object... values) {
        try (PreparedStatement query = prepare(sql)) {
            bind(query, values);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    reader.read(rs);
                }
            }
        } catch (SQLException e) {
            throw new RecordException("cannot read " + what + ": " + seen(e).getMessage(), e);
        }
    }

    void update(String sql, Object... values) {
        try (PreparedStatement statement = prepare(sql)) {
            bind(statement, values);
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new RecordException("record write failed: " + seen(e).getMessage(), e);
        }
    }

    /** A write that says how many rows it changed (a conditional update that must change exactly one). */
    int changed(String sql, Object... values) {
        try (PreparedStatement statement = prepare(sql)) {
            bind(statement, values);
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new RecordException("record write failed: " + seen(e).getMessage(), e);
        }
    }

    /** Inserts one row and returns its generated id; a failure reads "cannot create the {@code what}". */
    long insert(String what, String sql, Object... values) {
        try (PreparedStatement insert = dialect == Dialect.POSTGRESQL
                ? connection().prepareStatement(dialect.statement(sql), new String[]{"id"})
                : connection().prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            bind(insert, values);
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        } catch (SQLException e) {
            throw new RecordException("cannot create the " + what + ": " + seen(e).getMessage(), e);
        }
    }

    /** {@code sql} once per row, as one batch; call inside {@link #transaction}. */
    <T> void batch(String sql, List<T> rows, RowValues<T> values) throws SQLException {
        try (PreparedStatement insert = prepare(sql)) {
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
        Connection c;
        try {
            c = connection();
            if (!c.getAutoCommit()) {
                work.run(); // the enclosing transaction commits or rolls back
                return;
            }
            c.setAutoCommit(false);
        } catch (SQLException e) {
            throw new RecordException("record write failed: " + seen(e).getMessage(), e);
        }
        Exception failure = null;
        try {
            work.run();
            c.commit();
        } catch (SQLException | RuntimeException e) {
            failure = e;
            try {
                c.rollback();
            } catch (SQLException rollback) {
                e.addSuppressed(rollback);
            }
        }
        if (connection == c) {
            try {
                c.setAutoCommit(true);
            } catch (SQLException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure instanceof SQLException sql) {
            seen(sql);
        } else if (failure instanceof RecordException record && record.getCause() instanceof SQLException sql) {
            seen(sql);
        }
        if (failure instanceof RuntimeException unchecked) {
            throw unchecked;
        } else if (failure != null) {
            throw new RecordException("record write failed: " + failure.getMessage(), failure);
        }
    }

    static void bind(PreparedStatement statement, Object... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            // flags are 0/1 integers in both stores (SQLite's driver does this itself; PostgreSQL's would send a boolean)
            statement.setObject(i + 1, values[i] instanceof Boolean flag ? (flag ? 1 : 0) : values[i]);
        }
    }

    void close() throws SQLException {
        if (connection != null) {
            connection.close();
        }
    }
}
