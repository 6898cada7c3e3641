package org.tmshost.testing;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

@Tag("unit")
class PostgresServerTest {

    @Test
    void aRowWrittenBeforeARestartIsReadAfterIt() throws SQLException {
        long t0 = System.nanoTime();
        try (PostgresServer server = PostgresServer.startNew()) {
            long started = System.nanoTime();
            String database = server.createDatabase("restart_");
            assertThat(server.url(database))
                    .isEqualTo("postgresql://127.0.0.1:" + server.port() + "/" + database + "?user=tmshost");
            try (Connection c = DriverManager.getConnection(server.jdbcUrl(database));
                 Statement s = c.createStatement()) {
                s.execute("CREATE TABLE pulses (id integer PRIMARY KEY, site text NOT NULL)");
                s.execute("INSERT INTO pulses VALUES (1, 'left M1')");
            }

            long r0 = System.nanoTime();
            server.restart();
            long restarted = System.nanoTime();
            System.out.printf("PostgresServer: initdb + start %d ms, restart %d ms%n",
                    (started - t0) / 1_000_000, (restarted - r0) / 1_000_000);

            assertThat(server.running()).isTrue();
            try (Connection c = DriverManager.getConnection(server.jdbcUrl(database));
                 Statement s = c.createStatement();
                 ResultSet rows = s.executeQuery("SELECT site FROM pulses WHERE id = 1")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("left M1");
            }
        }
    }

    @Test
    void aStoppedServerRefusesConnectionsUntilStartedAgain() throws SQLException {
        try (PostgresServer server = PostgresServer.startNew()) {
            String database = server.createDatabase("stop_");
            Connection open = DriverManager.getConnection(server.jdbcUrl(database));

            server.stop();

            assertThat(server.running()).isFalse();
            assertThat(open.isValid(5)).isFalse();
            assertThatThrownBy(() -> DriverManager.getConnection(server.jdbcUrl(database)))
                    .isInstanceOf(SQLException.class);
            int port = server.port();

            server.start();

            assertThat(server.port()).isEqualTo(port);
            try (Connection c = DriverManager.getConnection(server.jdbcUrl(database))) {
                assertThat(c.isValid(5)).isTrue();
            }
        }
    }

    @Test
    void aRoleWithAPasswordIsRefusedAWrongOneAndAcceptedTheRightOne() throws SQLException {
        PostgresServer server = PostgresServer.shared();
        server.createRole("pgserver_test_role", "s3cret'pw");
        String database = server.createDatabase("role_", "pgserver_test_role");

        SQLException wrong = catchThrowableOfType(
                () -> DriverManager.getConnection(server.jdbcUrl(database, "pgserver_test_role"), password("wrong")),
                SQLException.class);
        SQLException missing = catchThrowableOfType(
                () -> DriverManager.getConnection(server.jdbcUrl(database, "pgserver_test_role")), SQLException.class);

        assertThat(wrong.getSQLState()).isEqualTo("28P01"); // invalid_password
        assertThat(missing.getMessage()).contains("password");
        try (Connection c = DriverManager.getConnection(server.jdbcUrl(database, "pgserver_test_role"), password("s3cret'pw"));
             Statement s = c.createStatement()) {
            // the owner of its database may create tables in it (PostgreSQL 15 grants public no CREATE)
            s.execute("CREATE TABLE t (x integer)");
            assertThat(c.getMetaData().getUserName()).isEqualTo("pgserver_test_role");
        }
    }

    @Test
    void eachDatabaseIsNewAndTheSharedServerIsOne() {
        PostgresServer server = PostgresServer.shared();

        assertThat(server.createDatabase("fresh_")).isNotEqualTo(server.createDatabase("fresh_"));
        assertThat(PostgresServer.shared()).isSameAs(server);
        assertThat(server.log()).exists();
        assertThatThrownBy(() -> server.createDatabase("x; DROP DATABASE postgres; --"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SQL name");
        assertThatThrownBy(() -> server.createRole("tmshost", "pw"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static Properties password(String password) {
        Properties properties = new Properties();
        properties.setProperty("password", password);
        return properties;
    }
}
