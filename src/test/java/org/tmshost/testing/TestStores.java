package org.tmshost.testing;

import org.tmshost.record.RecordStore;
import org.tmshost.record.RecordsLocation;
import org.tmshost.record.TmsHome;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The record store a store-agnostic test opens: this host's SQLite file (the default), or, when the
 * suite runs with {@code -Dtmshost.test.store=postgresql}, a fresh database of its own on a real
 * PostgreSQL server ({@link PostgresServer#shared()}), so the same tests check both stores
 * (issue 18). A test names its store by the SQLite path it would use; the same path opens the
 * same database again.
 */
public final class TestStores {
    public static final String PROPERTY = "tmshost.test.store";
    private static final Map<Path, String> DATABASES = new ConcurrentHashMap<>();

    private TestStores() {
    }

    /** True when this run checks the site database (PostgreSQL). */
    public static boolean postgres() {
        return "postgresql".equalsIgnoreCase(System.getProperty(PROPERTY, "sqlite"));
    }

    /** The store named by {@code file}: that SQLite file, or its own database on the test server. */
    public static RecordStore open(Path file) {
        if (!postgres()) {
            return RecordStore.open(file);
        }
        return RecordStore.open(new TmsHome(file.toAbsolutePath().getParent()), location(file), Map.of());
    }

    /** The site database standing for {@code file} (created empty on first use). */
    public static RecordsLocation.SiteDatabase location(Path file) {
        String database = DATABASES.computeIfAbsent(file.toAbsolutePath(), f -> PostgresServer.shared().createDatabase("t"));
        return (RecordsLocation.SiteDatabase) RecordsLocation.parse(PostgresServer.shared().url(database));
    }

    /**
     * Runs {@code sql} on the store's database directly, as an outside program would (a tampering
     * test). On PostgreSQL as its superuser with the foreign keys' triggers off, as SQLite's are on a
     * plain connection: an administrator can write what tmshost never would.
     */
    public static void execute(Path file, String sql) {
        try (Connection c = connect(file); Statement st = c.createStatement()) {
            if (postgres()) {
                st.execute("SET session_replication_role = replica");
            }
            st.executeUpdate(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /** A connection of its own to the store's database, as an outside program would open it. */
    public static Connection connect(Path file) throws SQLException {
        return DriverManager.getConnection(postgres() ? PostgresServer.shared().jdbcUrl(location(file).database())
                : "jdbc:sqlite:" + file);
    }

    /** The {@code tmshost.records} value a command-line test of {@code home} runs with: empty for SQLite. */
    public static String recordsFor(Path home) {
        return postgres() ? location(new TmsHome(home).database()).describe() : "";
    }
}
