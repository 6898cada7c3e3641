package org.tmshost.session;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tmshost.record.CoilTemperatureRow;
import org.tmshost.record.RecordStore;
import org.tmshost.record.RecordVerification;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The coil temperature the interlock monitor reads is kept for the session report (issue 15):
 * sampled at most about once a second or on a change of 0.5 C, written by the recorder, sealed with
 * the session in the record chain without changing the seal of a session that has none.
 */
@Tag("unit")
class CoilTemperatureRecordTest {
    @TempDir
    Path dir;

    @Test
    void aSteadyCoilIsKeptOnceASecondAndAChangeOfHalfADegreeAtOnce() {
        CoilTemperatureLog log = new CoilTemperatureLog(null, 1, 0, true);
        for (long t = 0; t < 10_000_000_000L; t += 2_000_000L) { // the monitor's 2 ms rounds, 10 s, 25.0 C
            log.offer(t, 25.0);
        }
        assertThat(log.pendingSamples()).as("one a second over 10 s").isEqualTo(10);
        log.offer(9_050_000_000L, 25.4); // 0.4 C, 50 ms after the last kept (at 9 s): not yet
        log.offer(9_060_000_000L, 25.5); // 0.5 C but 60 ms after: not yet
        assertThat(log.pendingSamples()).isEqualTo(10);
        log.offer(9_100_000_000L, 25.5); // 0.5 C, 100 ms after: kept
        assertThat(log.pendingSamples()).isEqualTo(11);
        log.offer(9_300_000_000L, 26.5); // 1 C, 200 ms after: kept
        log.offer(9_400_000_000L, 26.8); // 0.3 C: not
        assertThat(log.pendingSamples()).isEqualTo(12);
        log.offer(10_400_000_000L, Double.NaN);
        assertThat(log.pendingSamples()).as("a reading that is no number is not kept").isEqualTo(12);
    }

    @Test
    void aDeviceThatDoesNotReadItsCoilKeepsNone() {
        CoilTemperatureLog log = new CoilTemperatureLog(null, 1, 0, false);
        log.offer(0, 30.0);
        log.offer(5_000_000_000L, 40.0);
        assertThat(log.pendingSamples()).isZero();
    }

    @Test
    void aSessionRecordsItsCoilTemperatureSealedWithItAndAnEditedSampleFailsVerify() throws Exception {
        long id;
        try (SessionRig rig = new SessionRig(dir)) {
            Session session = rig.started(SessionRig.PASSING);
            id = session.id();
            assertThat(rig.end(session).state()).isEqualTo(SessionState.COMPLETED);
            List<CoilTemperatureRow> samples = rig.store.coilTemperatures(id);
            // 3.5 s of plan plus the start: one a second at least, never two within 100 ms
            assertThat(samples).hasSizeBetween(4, 40);
            // the monitor's first round comes before the first pulse (t0): up to the start's lead earlier
            assertThat(samples.get(0).atMicros()).isBetween(-1_000_000L, 10_000L);
            for (int i = 1; i < samples.size(); i++) {
                long gap = samples.get(i).atMicros() - samples.get(i - 1).atMicros();
                assertThat(gap).isGreaterThanOrEqualTo(100_000L);
                assertThat(gap >= 1_000_000L || Math.abs(samples.get(i).celsius() - samples.get(i - 1).celsius()) >= 0.5)
                        .as("sample %d kept by the rule", i).isTrue();
            }
            assertThat(samples).allSatisfy(s -> assertThat(s.celsius()).isBetween(15.0, 45.0));
            assertThat(rig.store.verifySession(id).status()).isEqualTo(RecordVerification.Status.VERIFIED);
            assertThat(sealedSections(id)).contains("coil_temperatures=" + samples.size() + ":");
        }
        sql("UPDATE coil_temperatures SET celsius = celsius - 5 WHERE at_micros = (SELECT MAX(at_micros) FROM coil_temperatures)");
        try (RecordStore store = RecordStore.open(dir.resolve("records.db"))) {
            assertThat(store.verifyRecords()).filteredOn(RecordVerification::fails)
                    .extracting(RecordVerification::detail).singleElement().asString()
                    .startsWith("coil_temperatures changed");
        }
        sql("DELETE FROM coil_temperatures");
        try (RecordStore store = RecordStore.open(dir.resolve("records.db"))) {
            assertThat(store.verifySession(id).detail()).startsWith("coil_temperatures removed");
        }
    }

    /**
     * A session sealed before schema 10 (none had samples) seals exactly the parts schema 9 sealed, so
     * its seal still verifies; samples inserted into it later fail it.
     */
    @Test
    void aSessionWithoutSamplesSealsWhatSchema9SealedAndInsertedSamplesFailIt() throws Exception {
        long id;
        try (SessionRig rig = new SessionRig(dir)) {
            Session session = rig.started(SessionRig.PASSING);
            id = session.id();
            rig.end(session);
        }
        sql("DELETE FROM coil_temperatures");
        // reseal the session as schema 9 would have: its six parts, no coil_temperatures
        sql("DELETE FROM record_chain");
        sql("DELETE FROM sqlite_sequence WHERE name = 'record_chain'");
        sql("INSERT INTO chain_upgrade_pending(pending) VALUES (1)");
        sql("DELETE FROM schema_version WHERE version >= 10");
        sql("DROP TABLE coil_temperatures");
        // schema 12's and 11's tables, dropped too: this is a store of schema 9
        for (String laterTable : new String[]{"excitability_trials", "excitability_measurements", "course_events",
                "course_outcomes", "course_sessions", "course_changes", "courses"}) {
            sql("DROP TABLE " + laterTable);
        }
        // and schema 13's
        sql("DROP INDEX sessions_open_by_subject");
        sql("DROP TABLE migrated_records");
        sql("DROP TABLE chain_issued");
        sql("ALTER TABLE sessions DROP COLUMN host");
        sql("ALTER TABLE threshold_hunts DROP COLUMN host");
        try (RecordStore store = RecordStore.open(dir.resolve("records.db"))) { // migrates to 13, seals at upgrade
            assertThat(sealedSections(id)).doesNotContain("coil_temperatures")
                    .startsWith("sessions=1:").contains(";pulses=30:", ";trains=3:", ";transitions=", ";interlock_trips=0:",
                            ";overrides=0:");
            assertThat(store.verifyRecords()).filteredOn(RecordVerification::fails).isEmpty();
        }
        sql("INSERT INTO coil_temperatures(session_id, at_micros, celsius) VALUES (" + id + ", 0, 25.0)");
        try (RecordStore store = RecordStore.open(dir.resolve("records.db"))) {
            assertThat(store.verifySession(id).detail()).startsWith("coil_temperatures not sealed");
        }
    }

    private String sealedSections(long id) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("records.db"));
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT sections FROM record_chain WHERE kind = 'session' AND ref = " + id
                     + " ORDER BY seq DESC LIMIT 1")) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1);
        }
    }

    private void sql(String statement) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("records.db"));
             Statement st = c.createStatement()) {
            st.execute(statement);
        }
    }
}
