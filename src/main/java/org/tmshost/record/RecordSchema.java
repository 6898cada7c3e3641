package org.tmshost.record;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

/**
 * The store's durability settings and schema: WAL with {@code synchronous=FULL}, foreign keys, the
 * busy timeout, then {@code /record/schema-v1.sql} and each migration {@code schema-vN.sql} up to
 * {@link #VERSION}, each applied once with its {@link JavaStep} if it has one, all or nothing. A
 * store newer than this code is refused. A site database on PostgreSQL runs the same files,
 * translated by {@link Dialect}, all in one transaction under an advisory lock, so the hosts that
 * start at once upgrade it once.
 */
final class RecordSchema {
    /** The schema version this code writes. */
    static final int VERSION = 13;

    /** A migration step SQL cannot express; runs after its {@code schema-vN.sql}, in the same transaction. */
    interface JavaStep {
        void apply(Connection connection) throws SQLException;
    }

    /** Java steps by schema version (most migrations have none). */
    private static final Map<Integer, JavaStep> JAVA_STEPS = Map.of(6, SubjectIdMigration::apply);

    private RecordSchema() {
    }

    /** The advisory lock the hosts of a site take to upgrade its database one at a time ("tmsh" in ASCII). */
    private static final long SITE_UPGRADE_LOCK = 0x746d7368L;

    /** Brings a site database on PostgreSQL to {@link #VERSION}: one transaction, one host at a time. */
    static void prepareSite(Connection connection) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_advisory_xact_lock(" + SITE_UPGRADE_LOCK + ")");
            for (String sql : schema("schema-v1.sql")) {
                statement.execute(Dialect.POSTGRESQL.ddl(sql));
            }
            int version = version(statement);
            if (version == 0) {
                statement.execute("INSERT INTO schema_version(version) VALUES (1)");
                version = 1;
            }
            if (version > VERSION) {
                throw new SQLException("the site database has schema version " + version + ", newer than this tmshost ("
                        + VERSION + "); use a newer tmshost on every host");
            }
            for (int next = version + 1; next <= VERSION; next++) {
                for (String sql : schema("schema-v" + next + ".sql")) {
                    statement.execute(Dialect.POSTGRESQL.ddl(sql));
                }
                JavaStep step = JAVA_STEPS.get(next);
                if (step != null) {
                    step.apply(connection);
                }
                statement.execute("INSERT INTO schema_version(version) VALUES (" + next + ")");
            }
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    /** Sets the connection up and brings the store to {@link #VERSION}. */
    static void prepare(Connection connection, int busyTimeoutMillis) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA journal_mode=WAL");
            statement.execute("PRAGMA synchronous=FULL");
            statement.execute("PRAGMA foreign_keys=ON");
            statement.execute("PRAGMA busy_timeout=" + Math.max(0, busyTimeoutMillis));
            for (String sql : schema("schema-v1.sql")) {
                statement.execute(sql);
            }
            int version = version(statement);
            if (version == 0) {
                statement.execute("INSERT INTO schema_version(version) VALUES (1)");
                version = 1;
            }
            if (version > VERSION) {
                throw new SQLException("the store has schema version " + version + ", newer than this tmshost ("
                        + VERSION + "); use a newer tmshost");
            }
            for (int next = version + 1; next <= VERSION; next++) {
                migrate(statement, next);
            }
        }
    }

    private static int version(Statement statement) throws SQLException {
        try (ResultSet rs = statement.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /**
     * Applies {@code schema-vN.sql}, then its Java step, and records version N, all or nothing. The
     * write lock is taken first and the version read again under it, so two processes opening an old
     * store at once migrate it once.
     */
    private static void migrate(Statement statement, int version) throws SQLException {
        statement.execute("BEGIN IMMEDIATE");
        try {
            if (version(statement) < version) {
                for (String sql : schema("schema-v" + version + ".sql")) {
                    statement.execute(sql);
                }
                JavaStep step = JAVA_STEPS.get(version);
                if (step != null) {
                    step.apply(statement.getConnection());
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
        try (InputStream in = RecordSchema.class.getResourceAsStream("/record/" + resource)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).replaceAll("(?m)--.*$", "");
            return java.util.Arrays.stream(text.split(";")).filter(sql -> !sql.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
