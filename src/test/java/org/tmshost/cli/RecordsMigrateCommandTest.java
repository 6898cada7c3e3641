package org.tmshost.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tmshost.record.HostName;
import org.tmshost.record.NewHunt;
import org.tmshost.record.NewSession;
import org.tmshost.record.PulseRow;
import org.tmshost.record.RecordStore;
import org.tmshost.record.RecordVerification;
import org.tmshost.record.RecordsLocation;
import org.tmshost.record.TmsHome;
import org.tmshost.testing.PostgresServer;
import org.tmshost.testing.TmsHostCli;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code tmshost records migrate --to URL} (contracts.md §8) through the command line, into a real
 * PostgreSQL site database: the summary table, a second run that copies nothing, a dry run that
 * writes nothing, a tampered source refused with exit 6, a URL that is not a site database with exit 2.
 */
@Tag("unit")
class RecordsMigrateCommandTest {
    private static final Instant MORNING = Instant.parse("2026-11-22T08:00:00Z");

    @TempDir
    Path home;
    private TmsHostCli cli;
    private String url;
    private String previousHost;

    @BeforeEach
    void aHostWithASessionAndAHunt() {
        previousHost = System.getProperty(HostName.PROPERTY);
        System.setProperty(HostName.PROPERTY, "host-a");
        cli = new TmsHostCli(home);
        url = PostgresServer.shared().url(PostgresServer.shared().createDatabase("migratecli"));
        try (RecordStore store = RecordStore.open(new TmsHome(home).database())) {
            long session = store.createSession(new NewSession("s1", "op1", "itbs", "name: iTBS\n", "simulator", "p", "e",
                    "sim:simulator", true, "PASS", 2), MORNING);
            store.appendPulses(session, List.of(new PulseRow(0, 0, 10, 40, 0), new PulseRow(1, 100, 110, 40, 0)));
            store.endSession(session, "RUNNING", "COMPLETED", "done", "op1", MORNING.plusSeconds(1));
            long hunt = store.startHunt(new NewHunt("s1", "op1", "RMT", "ML-PEST", 50, "virtual", "simulator",
                    "sim:simulator", true), MORNING);
            store.recordHuntPulse(hunt, 0, MORNING, 60);
            store.completeHunt(hunt, "s1", "RMT", 55.0, "EMG", MORNING, "simulator");
        }
    }

    @AfterEach
    void restore() {
        cli.close();
        if (previousHost == null) {
            System.clearProperty(HostName.PROPERTY);
        } else {
            System.setProperty(HostName.PROPERTY, previousHost);
        }
    }

    private int tmshost(String... args) {
        return cli.run("", args);
    }

    private String line(String kind) {
        return cli.out().lines().filter(l -> l.startsWith(kind + " ")).findFirst().orElseThrow()
                .replaceAll(" +", " ");
    }

    @Test
    void migrateCopiesEverythingOnceAndSaysSoInItsTable() {
        assertThat(tmshost("records", "migrate", "--to", url, "--dry-run")).as(cli.err()).isZero();
        assertThat(cli.out()).contains("(dry run, nothing written)").contains("would copy 4 record(s)");
        assertThat(line("session")).isEqualTo("session 1 0 1 0 0 0");

        assertThat(tmshost("records", "migrate", "--to", url)).as(cli.err() + cli.out()).isZero();
        assertThat(cli.out()).contains("from " + new TmsHome(home).database() + " to " + url)
                .containsPattern("kind +in source +already in site +copied now +verified +left open +not copied")
                .containsPattern("copied 4 record\\(s\\) in \\d+\\.\\d s; every record of this host is in the site, "
                        + "verified");
        assertThat(line("session")).isEqualTo("session 1 0 1 1 0 0");
        assertThat(line("hunt")).isEqualTo("hunt 1 0 1 1 0 0");
        assertThat(line("threshold")).isEqualTo("threshold 1 0 1 1 0 0");
        assertThat(line("subject")).isEqualTo("subject 1 0 1 1 0 0");

        assertThat(tmshost("records", "migrate", "--to", url)).as(cli.err()).isZero();
        assertThat(cli.out()).contains("copied 0 record(s)");
        assertThat(line("session")).isEqualTo("session 1 1 0 1 0 0");

        try (RecordStore site = RecordStore.open(new TmsHome(home), RecordsLocation.parse(url), Map.of())) {
            assertThat(site.allSessions()).singleElement().satisfies(s -> assertThat(s.host()).contains("host-a"));
            assertThat(site.verifyRecords()).filteredOn(RecordVerification::fails).isEmpty();
        }
    }

    /** As every start does, a session left open by a tmshost that died is closed (INTERRUPTED) and then copied. */
    @Test
    void aSessionLeftOpenByATmshostThatDiedIsRecoveredThenCopied() {
        try (RecordStore store = RecordStore.open(new TmsHome(home).database())) {
            store.createSession(new NewSession("s2", "op1", "itbs", "name: iTBS\n", "simulator", "p", "e",
                    "sim:simulator", true, "PASS", 2), MORNING.plusSeconds(60));
        }

        assertThat(tmshost("records", "migrate", "--to", url)).as(cli.err()).isZero();

        assertThat(cli.out()).contains("recovered session 2 as INTERRUPTED before copying it");
        assertThat(line("session")).isEqualTo("session 2 0 2 2 0 0");
        try (RecordStore site = RecordStore.open(new TmsHome(home), RecordsLocation.parse(url), Map.of())) {
            assertThat(site.allSessions()).extracting(s -> s.state()).containsExactly("COMPLETED", "INTERRUPTED");
        }
    }

    @Test
    void aTamperedSourceIsRefusedWithExitSixAndNothingCopied() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + new TmsHome(home).database());
             Statement st = c.createStatement()) {
            st.executeUpdate("UPDATE sessions SET operator_id = 'op2'");
        }

        assertThat(tmshost("records", "migrate", "--to", url)).isEqualTo(6);

        assertThat(cli.out()).contains("FAILS  session 1: sessions changed")
                .contains("1 of this host's records fail 'records verify'; nothing was copied");
        try (RecordStore site = RecordStore.open(new TmsHome(home), RecordsLocation.parse(url), Map.of())) {
            assertThat(site.allSessions()).isEmpty();
        }
    }

    @Test
    void aUrlThatIsNotASiteDatabaseIsBadInput() {
        assertThat(tmshost("records", "migrate", "--to", "mysql://db/records")).isEqualTo(2);
        assertThat(cli.err()).contains("only postgresql:// is supported");
    }
}
