package org.tmshost.record;

import org.tmshost.testing.TestStores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hash chain (issue 14): a record changed, removed or inserted with an SQLite tool (JDBC here, as
 * sqlite3 would) fails {@link RecordStore#verifyRecords()} naming it; an untouched store verifies.
 */
@Tag("unit")
class RecordChainTest {
    private static final Instant MORNING = Instant.parse("2026-11-22T08:00:00Z");

    @TempDir
    Path dir;
    private Path db;
    private long session;

    /** One ended session with pulses, trains, a trip, an override and transitions; a threshold; a hunt. */
    @BeforeEach
    void aStoreWithOneOfEverything() {
        db = dir.resolve("records.db");
        try (RecordStore store = TestStores.open(db)) {
            session = store.createSession(new NewSession("s1", "op1", "itbs", "name: iTBS\n", "simulator", "p", "e",
                    "sim:simulator", true, "NEEDS_OVERRIDE", 3), MORNING);
            store.recordTrains(session, List.of(new TrainRow(0, 0, 3, 0)));
            store.recordOverride(session, "policy.patterned-intensity", "sup1", "protocol approved", MORNING);
            store.recordTransition(session, "PREPARED", "ARMED", "armed", "op1", MORNING);
            store.appendPulses(session, List.of(new PulseRow(0, 0, 10, 40, 0), new PulseRow(1, 100, 110, 40, 0),
                    new PulseRow(2, 200, 210, 40, 0)));
            store.recordTrip(session, "STOP_BUTTON", "pressed", MORNING.plusSeconds(1), Optional.of(1_000L));
            store.endSession(session, "ARMED", "COMPLETED", "done", "op1", MORNING.plusSeconds(2));
            store.confirmPulses(session, 3);
            store.recordThreshold("s1", "RMT", 52.0, "EMG", MORNING, "simulator");
            long hunt = store.startHunt(new NewHunt("s1", "op1", "RMT", "ML-PEST (Awiszus)", 50, "virtual", "simulator",
                    "sim:simulator", true), MORNING);
            store.recordHuntPulse(hunt, 0, MORNING, 60);
            store.recordHuntReading(hunt, 0, 80.0, null);
            store.completeHunt(hunt, "s1", "RMT", 55.0, "EMG", MORNING, "simulator");
            store.recordUserChange("lab-pc", "sup1", "op1", "added", "role operator", MORNING);
            store.recordLimitInstall("profile", "simulator", "ab12", "model: x", "lab/simulator.yaml", "sup1", MORNING);
        }
    }

    private List<RecordVerification> verify() {
        try (RecordStore store = TestStores.open(db)) {
            return store.verifyRecords();
        }
    }

    private List<String> failures() {
        return verify().stream().filter(RecordVerification::fails).map(RecordVerification::toString).toList();
    }

    private void sql(String statement) throws Exception {
        TestStores.execute(db, statement);
    }

    @Test
    void anUntouchedStoreVerifies() {
        List<RecordVerification> results = verify();
        assertThat(results).filteredOn(RecordVerification::fails).isEmpty();
        assertThat(results).extracting(r -> r.noun() + " " + r.ref() + ": " + r.status()).containsExactlyInAnyOrder(
                "session 1: VERIFIED", "overrides of session 1: VERIFIED", "motor threshold 1: VERIFIED",
                "motor threshold 2: VERIFIED", "threshold hunt 1: VERIFIED", "user change 1: VERIFIED",
                "limits installation 1: VERIFIED");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "UPDATE sessions SET delivered_pulses = 30       | session 1: FAILS: sessions changed",
            "UPDATE sessions SET operator_id = 'op2'         | session 1: FAILS: sessions changed",
            "UPDATE sessions SET verdict = 'PASS'            | session 1: FAILS: sessions changed",
            "UPDATE pulses SET output_percent_mso = 90 WHERE pulse_index = 1 | session 1: FAILS: pulses changed",
            "UPDATE motor_thresholds SET percent_mso = 40 WHERE id = 1 | motor threshold 1: FAILS: motor_thresholds changed",
            "UPDATE hunt_pulses SET mep_uv = 20              | threshold hunt 1: FAILS: hunt_pulses changed",
            "UPDATE user_changes SET actor = 'op1'           | user change 1: FAILS: user_changes changed",
            "DELETE FROM user_changes                        | user change 1: FAILS: user_changes removed",
            "UPDATE limit_installs SET text = 'model: y'     | limits installation 1: FAILS: limit_installs changed"})
    void anEditedRowFailsNamingItsRecord(String edit, String failure) throws Exception {
        sql(edit);
        assertThat(failures()).hasSize(1).first().asString().startsWith(failure);
    }

    @Test
    void aDeletedOverrideFailsItsSessionAndItsOverrides() throws Exception {
        sql("DELETE FROM overrides");
        assertThat(failures()).containsExactlyInAnyOrder(
                "session 1: FAILS: overrides removed (1 row(s) sealed, none now) since sealed at "
                        + sealedAt("session") + " (chain entry " + lastSeq("session") + ")",
                "overrides of session 1: FAILS: overrides removed (1 row(s) sealed, none now) since sealed at "
                        + sealedAt("overrides") + " (chain entry " + lastSeq("overrides") + ")");
    }

    /** tmshost writes to a record after its end (the device's count, a hunt's late reading, an override). */
    @Test
    void tmshostsOwnWriteAfterAnOutsideEditNeverSealsItOver() throws Exception {
        sql("UPDATE sessions SET operator_id = 'op2'");
        sql("UPDATE hunt_pulses SET output_percent_mso = 45");
        sql("DELETE FROM overrides");
        try (RecordStore store = TestStores.open(db)) {
            store.confirmPulses(1, 3);
            store.recordHuntReading(1, 0, 80.0, null);
            store.recordOverride(1, "policy.train-duration", "sup1", "second approval", MORNING);
        }
        assertThat(failures()).extracting(f -> f.substring(0, f.indexOf(" since"))).containsExactlyInAnyOrder(
                "session 1: FAILS: sessions changed; overrides changed",
                "threshold hunt 1: FAILS: hunt_pulses changed",
                "overrides of session 1: FAILS: overrides changed");
    }

    @Test
    void anInsertedPulseFailsItsSession() throws Exception {
        sql("INSERT INTO pulses(session_id, pulse_index, planned_nanos, actual_nanos, output_percent_mso, channel) "
                + "VALUES (1, 3, 300, 310, 40, 0)");
        assertThat(failures()).hasSize(1).first().asString()
                .startsWith("session 1: FAILS: pulses has 4 row(s), 3 sealed (rows inserted)");
    }

    @Test
    void aSessionInsertedOutsideTmshostFailsAsNeverSealed() throws Exception {
        sql("INSERT INTO sessions(subject_id, operator_id, protocol_name, protocol_sha256, protocol_text, profile_name, "
                + "profile_sha256, envelope_sha256, device_uri, simulated, verdict, state, planned_pulses, created_at, "
                + "ended_at) VALUES ('s1', 'op1', 'x', 'x', 'x', 'simulator', 'p', 'e', 'sim:simulator', 1, 'PASS', "
                + "'COMPLETED', 1, '2026-11-21T08:00:00Z', '2026-11-21T08:01:00Z')");
        sql("INSERT INTO pulses(session_id, pulse_index, planned_nanos, actual_nanos, output_percent_mso, channel) "
                + "VALUES (77, 0, 0, 0, 40, 0)");
        assertThat(failures()).containsExactlyInAnyOrder(
                "session 2: FAILS: never sealed by tmshost: written or ended outside tmshost",
                "session 77: FAILS: never sealed by tmshost: written or ended outside tmshost");
    }

    @Test
    void aRemovedRecordOrChainEntryIsFound() throws Exception {
        sql("DELETE FROM motor_thresholds WHERE id = 1");
        sql("DELETE FROM record_chain WHERE seq = " + lastSeq("overrides"));
        sql("DELETE FROM record_chain WHERE seq = (SELECT MAX(seq) FROM record_chain)");
        List<String> failures = failures();
        assertThat(failures).anyMatch(f -> f.startsWith("motor threshold 1: FAILS: motor_thresholds removed"));
        assertThat(failures).anyMatch(f -> f.startsWith("chain entry ") && f.contains("does not link to the entry before it"));
        assertThat(failures).anyMatch(f -> f.contains("were removed from the end of the chain"));
    }

    @Test
    void anOpenSessionIsNotYetSealedUntilItIsRecovered() {
        long open;
        try (RecordStore store = TestStores.open(db)) {
            open = store.createSession(new NewSession("s2", "op1", "itbs", "name: iTBS\n", "simulator", "p", "e",
                    "sim:simulator", true, "PASS", 3), MORNING);
            store.appendPulses(open, List.of(new PulseRow(0, 0, 10, 40, 0)));
            assertThat(store.verifySession(open).said()).isEqualTo("not yet sealed (still being written)");
            InterruptedSessions.closeAll(store, MORNING.plusSeconds(60));
            assertThat(store.verifySession(open).said()).isEqualTo("verified");
            assertThat(store.verifySession(session).said()).isEqualTo("verified");
        }
    }

    private String sealedAt(String kind) throws Exception {
        return chainValue("sealed_at", kind);
    }

    private String lastSeq(String kind) throws Exception {
        return chainValue("seq", kind);
    }

    private String chainValue(String column, String kind) throws Exception {
        try (Connection c = TestStores.connect(db); Statement st = c.createStatement();
             var rs = st.executeQuery("SELECT " + column + " FROM record_chain WHERE kind = '" + kind
                     + "' ORDER BY seq DESC LIMIT 1")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
