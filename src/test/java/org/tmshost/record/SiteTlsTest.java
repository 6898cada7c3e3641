package org.tmshost.record;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tmshost.testing.PostgresServer;
import org.tmshost.testing.SelfSignedCa;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 18: TLS to the site's server where the records URL asks for it. Against a real server that
 * takes TLS connections only ({@link PostgresServer#startNewWithTls()}): {@code sslmode=verify-full}
 * with the site's CA opens the store over TLS; without TLS the server's refusal is reported (and no
 * password with it); a server whose certificate the named CA did not sign is not trusted.
 */
@Tag("unit")
class SiteTlsTest {
    private static final String PASSWORD = "tls-test-secret-7f3a";
    private static final Map<String, String> ENV = Map.of(RecordsLocation.PASSWORD_ENV, PASSWORD);

    @TempDir
    static Path dir;

    private static PostgresServer server;

    @BeforeAll
    static void startServer() {
        server = PostgresServer.startNewWithTls();
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    private static RecordStore open(String home, String options) throws Exception {
        String url = server.url(server.createDatabase("tls")) + options;
        return RecordStore.open(new TmsHome(Files.createDirectories(dir.resolve(home))), RecordsLocation.parse(url), ENV);
    }

    @Test
    void verifyFullWithTheSitesCaOpensTheStoreOverTls() throws Exception {
        try (RecordStore store = open("verified", "&sslmode=verify-full&sslrootcert=" + server.caCertificate());
             Statement statement = store.connection().connection().createStatement();
             ResultSet row = statement.executeQuery("SELECT ssl, version FROM pg_stat_ssl WHERE pid = pg_backend_pid()")) {
            assertThat(row.next()).isTrue();
            assertThat(row.getBoolean("ssl")).as("the store's own connection is encrypted").isTrue();
            assertThat(row.getString("version")).startsWith("TLSv1.");
        }
    }

    @Test
    void withoutTlsTheServersRefusalIsReportedWithoutThePassword() {
        assertThatThrownBy(() -> open("plain", "&sslmode=disable"))
                .isInstanceOf(RecordException.class)
                .hasMessageContaining("cannot open the site records")
                .hasMessageContaining("pg_hba.conf rejects connection")
                .hasMessageContaining("no encryption")
                .message().doesNotContain(PASSWORD);
    }

    @Test
    void aServerCertificateTheNamedCaDidNotSignIsNotTrusted() {
        SelfSignedCa stranger = SelfSignedCa.create(dir.resolve("other-ca"), "some other CA");
        assertThatThrownBy(() -> open("untrusted", "&sslmode=verify-full&sslrootcert=" + stranger.certificate()))
                .isInstanceOf(RecordException.class)
                .hasMessageContaining("cannot open the site records")
                .hasMessageContaining("unable to find valid certification path")
                .hasRootCauseInstanceOf(java.security.cert.CertPathBuilderException.class)
                .message().doesNotContain(PASSWORD);
    }
}
