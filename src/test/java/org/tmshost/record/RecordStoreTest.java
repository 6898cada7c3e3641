package org.tmshost.record;

import org.tmshost.testing.TestStores;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

@Tag("unit")
class RecordStoreTest {
    private static final Instant MORNING = Instant.parse("2026-11-22T08:00:00Z");

    private static NewSession session(String subject, int planned) {
        return new NewSession(subject, "op1", "itbs", "name: iTBS\n", "simulator", "p-sha", "e-sha", "sim:simulator",
                true, "PASS", planned);
    }

    @Test
    void aSessionKeepsItsPulsesTransitionsAndHashesAcrossReopening(@TempDir Path dir) {
        Path db = dir.resolve("tmshost.db");
        long id;
        try (RecordStore store = TestStores.open(db)) {
            id = store.createSession(session("s1", 3), MORNING);
            store.recordTransition(id, "PREPARED", "ARMED", "operator armed", "op1", MORNING);
            store.appendPulses(id, List.of(new PulseRow(0, 0, 1_000, 40, 0), new PulseRow(1, 100_000_000, 100_002_000, 40, 0)));
            store.appendPulses(id, List.of(new PulseRow(1, 100_000_000, 100_002_000, 40, 0))); // re-import is a no-op
        }
        try (RecordStore store = TestStores.open(db)) {
            SessionRow row = store.session(id).orElseThrow();
            assertThat(row.state()).isEqualTo("ARMED");
            assertThat(row.deliveredPulses()).isEqualTo(2);
            assertThat(row.profileSha256()).isEqualTo("p-sha");
            assertThat(row.envelopeSha256()).isEqualTo("e-sha");
            assertThat(row.simulated()).isTrue();
            assertThat(store.pulses(id)).extracting(PulseRow::actualNanos).containsExactly(1_000L, 100_002_000L);
            assertThat(store.unfinishedSessions()).extracting(SessionRow::id).containsExactly(id);
            store.endSession(id, "RUNNING", "ABORTED", "stop button", "op1", MORNING.plusSeconds(5));
            assertThat(store.unfinishedSessions()).isEmpty();
            assertThat(store.session(id).orElseThrow().endReason()).contains("stop button");
        }
    }

    @Test
    void theDoseLedgerCountsTodaysPulsesAndTheLastEnd(@TempDir Path dir) {
        try (RecordStore store = TestStores.open(dir.resolve("t.db"))) {
            long yesterday = store.createSession(session("s1", 2), MORNING.minus(Duration.ofDays(1)));
            store.appendPulses(yesterday, List.of(new PulseRow(0, 0, 0, 40, 0), new PulseRow(1, 1, 1, 40, 0)));
            store.endSession(yesterday, "RUNNING", "COMPLETED", "done", "op1", MORNING.minus(Duration.ofDays(1)));
            long today = store.createSession(session("s1", 1), MORNING);
            store.appendPulses(today, List.of(new PulseRow(0, 0, 0, 40, 0)));
            store.endSession(today, "RUNNING", "COMPLETED", "done", "op1", MORNING.plusSeconds(60));
            long refused = store.createSession(session("s1", 600), MORNING.plusSeconds(120));
            store.endSession(refused, "PREPARED", "ABORTED", "arming refused", "op1", MORNING.plusSeconds(180));
            long other = store.createSession(session("s2", 1), MORNING);
            store.appendPulses(other, List.of(new PulseRow(0, 0, 0, 40, 0)));

            DoseTotals totals = store.doseTotals("s1", MORNING.plusSeconds(3600), ZoneOffset.UTC);
            assertThat(totals.pulsesToday()).isEqualTo(1);
            assertThat(totals.sessionsToday()).as("the refused session was not held").isEqualTo(1);
            assertThat(totals.lastSessionEnded()).as("a session without pulses does not start the interval")
                    .contains(MORNING.plusSeconds(60));
            assertThat(store.doseTotals("nobody", MORNING, ZoneOffset.UTC)).isEqualTo(new DoseTotals(0, 0, 0, java.util.Optional.empty()));
        }
    }

    @Test
    void huntPulsesAreKeptOneByOneAndCountedApartInTodaysDose(@TempDir Path dir) {
        try (RecordStore store = TestStores.open(dir.resolve("t.db"))) {
            long session = store.createSession(session("s1", 1), MORNING);
            store.appendPulses(session, List.of(new PulseRow(0, 0, 0, 40, 0)));
            long yesterday = store.startHunt(hunt("s1"), MORNING.minus(Duration.ofDays(1)));
            store.recordHuntPulse(yesterday, 0, MORNING.minus(Duration.ofDays(1)), 60);
            long hunt = store.startHunt(hunt("s1"), MORNING);
            store.recordHuntPulse(hunt, 0, MORNING.plusSeconds(5), 60);
            store.recordHuntReading(hunt, 0, 812.5, null);
            store.recordHuntPulse(hunt, 1, MORNING.plusSeconds(10), 55);
            store.recordHuntReading(hunt, 1, null, false);
            store.recordHuntPulse(hunt, 2, MORNING.plusSeconds(15), 52); // stopped before its reading
            store.endHunt(hunt, "STOPPED", null, MORNING.plusSeconds(16));
            long justAfterMidnight = store.startHunt(hunt("s1"), MORNING);
            store.recordHuntPulse(justAfterMidnight, 0, Instant.parse("2026-11-22T00:00:00.5Z"), 40);
            store.recordHuntPulse(justAfterMidnight, 1, Instant.parse("2026-11-21T23:59:59.999Z"), 40);
            long other = store.startHunt(hunt("s2"), MORNING);
            store.recordHuntPulse(other, 0, MORNING.plusSeconds(5), 60);

            DoseTotals totals = store.doseTotals("s1", MORNING.plusSeconds(60), ZoneOffset.UTC);
            assertThat(totals.pulsesToday()).as("session pulses").isEqualTo(1);
            assertThat(totals.huntPulsesToday()).as("today's 4 hunt pulses (one 0.5 s after midnight), not yesterday's, "
                    + "not s2's").isEqualTo(4);
            assertThat(totals.sessionsToday()).as("a hunt is not a session").isEqualTo(1);
            HuntRow row = store.hunts("s1").get(1);
            assertThat(RecordStore.sortableLowerBound(Instant.parse("2026-11-22T00:00:00Z")))
                    .isLessThan("2026-11-22T00:00:00Z").isLessThan("2026-11-22T00:00:00.5Z")
                    .isGreaterThan("2026-11-21T23:59:59.999999999Z");
            assertThat(row.id()).isEqualTo(hunt);
            assertThat(row.pulses()).isEqualTo(3);
            assertThat(row.outcome()).contains("STOPPED");
            assertThat(row.thresholdPercentMso()).isEmpty();
            assertThat(row.simulated()).isTrue();
            assertThat(store.hunts("s1").get(0).outcome()).as("never ended (e.g. a crash)").isEmpty();
            assertThat(store.huntPulses(hunt)).containsExactly(
                    new HuntPulseRow(0, MORNING.plusSeconds(5), 60, Optional.of(812.5), Optional.empty()),
                    new HuntPulseRow(1, MORNING.plusSeconds(10), 55, Optional.empty(), Optional.of(false)),
                    new HuntPulseRow(2, MORNING.plusSeconds(15), 52, Optional.empty(), Optional.empty()));
        }
    }

    /** A store as version 2 left it, with one completed session of 600 pulses. */
    private static Path version2Store(Path dir) throws Exception {
        Path db = dir.resolve("v2.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement()) {
            for (String file : List.of("schema-v1.sql", "schema-v2.sql")) {
                String text = new String(RecordStore.class.getResourceAsStream("/record/" + file).readAllBytes(),
                        StandardCharsets.UTF_8).replaceAll("(?m)--.*$", "");
                for (String sql : text.split(";")) {
                    if (!sql.isBlank()) {
                        st.execute(sql);
                    }
                }
            }
            st.execute("INSERT INTO schema_version(version) VALUES (1)");
            st.execute("INSERT INTO schema_version(version) VALUES (2)");
            st.execute("INSERT INTO sessions(subject_id, operator_id, protocol_name, protocol_sha256, protocol_text, "
                    + "profile_name, profile_sha256, envelope_sha256, device_uri, simulated, verdict, state, "
                    + "planned_pulses, delivered_pulses, created_at, ended_at) VALUES ('s1', 'op1', 'itbs', 'x', "
                    + "'name: iTBS', 'simulator', 'p', 'e', 'sim:simulator', 1, 'PASS', 'COMPLETED', 600, 600, "
                    + "'2026-11-22T07:00:00Z', '2026-11-22T07:03:12Z')");
        }
        return db;
    }

    @Test
    void aVersion2StoreIsMigratedWithItsSessionsKept(@TempDir Path dir) throws Exception {
        Path db = version2Store(dir);
        try (RecordStore store = RecordStore.open(db)) {
            SessionRow old = store.session(1).orElseThrow();
            assertThat(old.deliveredPulses()).isEqualTo(600);
            long hunt = store.startHunt(hunt("s1"), MORNING);
            store.recordHuntPulse(hunt, 0, MORNING, 60);
            assertThat(store.doseTotals("s1", MORNING, ZoneOffset.UTC)).isEqualTo(new DoseTotals(600, 1, 1,
                    Optional.of(Instant.parse("2026-11-22T07:03:12Z"))));
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT MAX(version), COUNT(*) FROM schema_version")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(RecordStore.SCHEMA_VERSION).isEqualTo(13);
            assertThat(rs.getInt(2)).as("versions 1 to 13 each recorded once").isEqualTo(13);
        }
        try (RecordStore reopened = RecordStore.open(db)) {
            assertThat(reopened.hunts("s1")).hasSize(1);
        }
    }

    /** Records from before the chain are sealed once at upgrade, and say so; a change after it is found. */
    @Test
    void recordsFromBeforeTheChainAreSealedAtUpgrade(@TempDir Path dir) throws Exception {
        Path db = version2Store(dir);
        try (RecordStore store = RecordStore.open(db)) {
            assertThat(store.verifySession(1).status()).isEqualTo(RecordVerification.Status.SEALED_AT_UPGRADE);
        }
        try (RecordStore store = RecordStore.open(db)) {
            assertThat(store.verifyRecords()).extracting(RecordVerification::toString).containsExactly(
                    "session 1: verified since it was sealed at upgrade (not verifiable before)");
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement()) {
            st.executeUpdate("UPDATE sessions SET delivered_pulses = 60");
        }
        try (RecordStore store = RecordStore.open(db)) {
            assertThat(store.verifySession(1).said()).startsWith("FAILS: sessions changed since sealed at");
        }
    }

    @Test
    void twoProcessesOpeningAnOldStoreAtOnceMigrateItOnce(@TempDir Path dir) throws Exception {
        Path db = version2Store(dir);
        java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(2);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            List<java.util.concurrent.Future<Integer>> opened = pool.invokeAll(List.of(() -> {
                start.await();
                try (RecordStore store = RecordStore.open(db, 10_000)) {
                    return store.hunts("s1").size();
                }
            }, () -> {
                start.await();
                try (RecordStore store = RecordStore.open(db, 10_000)) {
                    return store.hunts("s1").size();
                }
            }));
            for (var f : opened) {
                assertThat(f.get()).isZero();
            }
        } finally {
            pool.shutdownNow();
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT version, COUNT(*) FROM schema_version GROUP BY version "
                     + "HAVING COUNT(*) > 1")) {
            assertThat(rs.next()).as("no schema version recorded twice").isFalse();
        }
    }

    private static NewHunt hunt(String subject) {
        return new NewHunt(subject, "op1", "RMT", "ML-PEST (Awiszus)", 50, "virtual subject typical", "simulator",
                "sim:simulator", true);
    }
}
