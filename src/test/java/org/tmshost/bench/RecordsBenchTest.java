package org.tmshost.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tmshost.record.PulseRow;
import org.tmshost.record.RecordStore;
import org.tmshost.record.RecordsLocation;
import org.tmshost.record.TmsHome;
import org.tmshost.testing.PostgresServer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The records bench runs the recorder's real path (fire journal, importer, store) on SQLite and on a
 * real PostgreSQL server, and checks that each run leaves exactly the journal's pulses on record:
 * also when the server is restarted mid-run. Structure and the exactly-once invariant only; the
 * numbers are the bench's to report, not the tests' to judge.
 */
@Tag("unit")
class RecordsBenchTest {
    private static final RecordsBench.Settings SHORT = new RecordsBench.Settings(2_000, 40, 400, Duration.ofMillis(5),
            Duration.ofSeconds(60));

    @Test
    void bothStoresHoldExactlyTheJournalsPulsesAfterEachRun(@TempDir Path dir) throws Exception {
        PostgresServer server = PostgresServer.shared();
        RecordsLocation.SiteDatabase site = RecordsLocation.parse(server.url(server.createDatabase("bench")));
        Path scratch = Files.createDirectory(dir.resolve("scratch"));

        List<RecordsBench.StoreResult> stores = new RecordsBench(SHORT).run(scratch, Optional.of(site), Map.of(),
                Optional.empty());

        assertThat(stores).extracting(RecordsBench.StoreResult::store).containsExactly("sqlite", "site");
        assertThat(stores.get(1).location()).isEqualTo(site.describe());
        for (RecordsBench.StoreResult store : stores) {
            assertThat(store.runs()).extracting(RecordsBench.Run::kind)
                    .containsExactly(RecordsBench.Kind.CEILING, RecordsBench.Kind.STEADY);
            assertThat(store.notes()).singleElement().asString().contains("no restart run");
            RecordsBench.Run ceiling = store.runs().get(0);
            RecordsBench.Run steady = store.runs().get(1);
            assertThat(ceiling.pulses()).isEqualTo(2_000);
            assertThat(ceiling.latencyMicros().getTotalCount()).isZero();
            assertThat(steady.pulses()).isEqualTo(40);
            assertThat(steady.latencyMicros().getTotalCount()).as("one latency per pulse").isEqualTo(40);
            for (RecordsBench.Run run : store.runs()) {
                assertThat(run.ok()).as(run.toString()).isTrue();
                assertThat(run.verified()).isEqualTo(new RecordsBench.Verification(run.pulses(), run.pulses(),
                        run.pulses(), true));
                assertThat(run.batches()).isPositive();
                assertThat(run.pulsesPerSecond()).isPositive();
                assertThat(run.restart()).isEmpty();
            }
        }
        assertThat(stores.get(1).notes().get(0)).contains("no --restart-command");
        assertThat(scratch).doesNotExist(); // the scratch homes, their SQLite file and journals are gone

        String table = RecordsBench.table(SHORT, stores);
        assertThat(table).contains("pulses/s", "p50 ms", "p99 ms", "max ms", "pulses on record")
                .contains("full speed", "400 Hz", "2000/2000 once", "40/40 once", site.describe());
        JsonNode json = new ObjectMapper().readTree(RecordsBench.json(SHORT, stores));
        assertThat(json.get("stores")).hasSize(2);
        JsonNode siteSteady = json.get("stores").get(1).get("runs").get(1);
        assertThat(siteSteady.get("run").asText()).isEqualTo("steady");
        assertThat(siteSteady.get("verified").get("exactlyOnce").asBoolean()).isTrue();
        assertThat(siteSteady.get("latencyMicros").get("p99").isNumber()).isTrue();
        assertThat(json.get("stores").get(0).get("runs").get(0).get("latencyMicros").isNull()).isTrue();
    }

    @Test
    void aServerRestartedMidRunStillGetsEveryPulseExactlyOnce(@TempDir Path dir) throws Exception {
        // enough pulses after the restart begins that the recorder meets the server down
        RecordsBench.Settings settings = new RecordsBench.Settings(500, 300, 100, Duration.ofMillis(5),
                Duration.ofSeconds(60));
        AtomicInteger restarts = new AtomicInteger();
        try (PostgresServer server = PostgresServer.startNew()) {
            RecordsLocation.SiteDatabase site = RecordsLocation.parse(server.url(server.createDatabase("restart")));
            TmsHome home = new TmsHome(dir);
            Files.createDirectories(home.journals());
            try (RecordStore store = RecordStore.open(home, site, Map.of())) {
                RecordsBench.StoreResult result = new RecordsBench(settings).measure("site", site.describe(), store,
                        home.journals(), Optional.of(() -> {
                            restarts.incrementAndGet();
                            server.restart();
                        }));

                assertThat(restarts).hasValue(1);
                assertThat(result.notes()).isEmpty();
                RecordsBench.Run restarted = result.runs().get(2);
                assertThat(restarted.kind()).isEqualTo(RecordsBench.Kind.RESTART);
                assertThat(restarted.restart()).hasValueSatisfying(r -> {
                    assertThat(r.failure()).isEmpty();
                    assertThat(r.tookNanos()).isPositive();
                });
                assertThat(restarted.outOfReachRounds()).as("the recorder met the server down").isPositive();
                assertThat(restarted.failure()).isEmpty();
                assertThat(restarted.verified().exactlyOnce()).as(restarted.verified().toString()).isTrue();
                assertThat(restarted.latencyMicros().getTotalCount()).isEqualTo(300);
                assertThat(RecordsBench.table(settings, List.of(result))).contains("100 Hz, restart", "300/300 once",
                        "found the server out of reach");
                // what the run left is a session of its own, ended, with each pulse index once
                long session = store.allSessions().stream().filter(s -> s.protocolName().endsWith("restart"))
                        .findFirst().orElseThrow().id();
                List<PulseRow> pulses = store.pulses(session);
                assertThat(pulses).extracting(PulseRow::index).doesNotHaveDuplicates().hasSize(300);
                assertThat(store.allSessions()).allSatisfy(s -> assertThat(s.state()).isEqualTo("ABORTED"));
            }
        }
    }

    @Test
    void aRestartThatFailsIsReportedAndTheRecordStillChecked(@TempDir Path dir) throws Exception {
        RecordsBench.Settings settings = new RecordsBench.Settings(100, 20, 400, Duration.ofMillis(5),
                Duration.ofSeconds(60));
        TmsHome home = new TmsHome(dir);
        Files.createDirectories(home.journals());
        try (RecordStore store = RecordStore.open(home, new RecordsLocation.LocalFile(home.database()), Map.of())) {
            Runnable failing = new RestartCommand("echo no server here; exit 3", dir, Duration.ofSeconds(30));
            RecordsBench.StoreResult result = new RecordsBench(settings).measure("sqlite", "x", store, home.journals(),
                    Optional.of(failing));
            RecordsBench.Run run = result.runs().get(2);
            assertThat(run.restart()).hasValueSatisfying(r -> assertThat(r.failure()).hasValueSatisfying(f ->
                    assertThat(f).contains("exit 3", "no server here")));
            assertThat(run.ok()).isTrue();
            assertThat(RecordsBench.table(settings, List.of(result))).contains("FAILED", "exit 3");
        }
    }

    @Test
    void aRecordThatIsNotExactlyTheJournalFails() {
        assertThat(new RecordsBench.Verification(10, 10, 10, true).exactlyOnce()).isTrue();
        RecordsBench.Verification missing = new RecordsBench.Verification(10, 9, 9, true);
        RecordsBench.Verification duplicate = new RecordsBench.Verification(10, 11, 10, true);
        RecordsBench.Verification reimported = new RecordsBench.Verification(10, 10, 10, false);
        assertThat(List.of(missing, duplicate, reimported)).noneMatch(RecordsBench.Verification::exactlyOnce);
        assertThat(missing.words()).isEqualTo("9/10 FAILS: 1 missing");
        assertThat(duplicate.words()).isEqualTo("10/10 FAILS: 1 extra");
        assertThat(reimported.words()).isEqualTo("10/10 FAILS: re-import added rows");
        assertThat(new RecordsBench.Verification(10, -1, 0, false).words()).isEqualTo("not read back");
    }
}
