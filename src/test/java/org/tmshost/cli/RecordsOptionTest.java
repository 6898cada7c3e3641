package org.tmshost.cli;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tmshost.record.RecordsLocation;
import org.tmshost.testing.PostgresServer;
import org.tmshost.testing.TmsHostCli;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code --records} on any command (contracts.md §8): a wrong URL is bad input, named; a right one is the site's records. */
@Tag("unit")
class RecordsOptionTest {
    @Test
    void aWrongRecordsUrlIsBadInputNamingWhatIsExpected(@TempDir Path home) {
        try (TmsHostCli cli = new TmsHostCli(home)) {
            String before = System.getProperty(RecordsLocation.PROPERTY);
            assertThat(cli.run("", "sessions", "--records", "mysql://127.0.0.1/tms?user=u")).isEqualTo(2);
            assertThat(cli.err()).contains("only postgresql:// is supported");
            assertThat(cli.run("", "--records", "postgresql://127.0.0.1/tms", "sessions")).isEqualTo(2);
            assertThat(cli.err()).contains("names no user");
            assertThat(cli.run("", "sessions", "--records", "postgresql://127.0.0.1/tms?user=u&password=hunter2"))
                    .isEqualTo(2);
            assertThat(cli.err()).contains("TMSHOST_RECORDS_PASSWORD_FILE").doesNotContain("hunter2");
            assertThat(System.getProperty(RecordsLocation.PROPERTY)).as("nothing left behind for the next command")
                    .isEqualTo(before);
        }
    }

    @Test
    void theOptionNamesTheSitesRecordsForThatCommandOnlyAndAdoptRefusesThem(@TempDir Path home) {
        PostgresServer server = PostgresServer.shared();
        String site = server.url(server.createDatabase("opt"));
        try (TmsHostCli cli = new TmsHostCli(home)) {
            String before = System.getProperty(RecordsLocation.PROPERTY);
            assertThat(cli.run("", "sessions", "--records", site)).as(cli.err()).isZero();
            assertThat(System.getProperty(RecordsLocation.PROPERTY)).as("restored after the command").isEqualTo(before);
            assertThat(cli.run("", "records", "adopt", "--records", site)).isEqualTo(2);
            assertThat(cli.err()).contains("adopt takes this host's own SQLite file");
        }
    }
}
