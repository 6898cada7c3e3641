package org.tmshost.record;

import org.tmshost.testing.TestStores;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 17, schema 12: an excitability measurement's record. Its row is written before its first
 * trial and each trial before it is fired; amplitudes and the end are the only updates; it is sealed
 * when it ends; its pulses count in the dose ledger as a hunt's; a dead host's measurement is closed
 * INTERRUPTED at the next start with its trials; a schema 11 store gains the tables with its data kept.
 */
@Tag("unit")
class ExcitabilityRecordTest {
    private static final Instant MORNING = Instant.parse("2026-11-22T08:00:00Z");
    private static final List<String> CONDITIONS = List.of("test", "sici-2", "icf-10");
    private static final long SICI_ISI = 2_000_000;
    private static final long ICF_ISI = 10_000_000;
    private static final String RESULTS = "{\"conditions\":[{\"name\":\"sici-2\",\"ratio\":0.42}]}";

    @TempDir
    Path dir;

    /** The wall clock, stepped by the tests (no real time). */
    private Instant now = MORNING;
    private final InstantSource clock = () -> now;

    private Path db() {
        return dir.resolve("records.db");
    }

    private static NewMeasurement measurement(String subject, Optional<Long> course, Optional<Integer> courseSession) {
        return new NewMeasurement(subject, "op1", NewMeasurement.PAIRED_PULSE, CONDITIONS, 2, 52.5, 80, 120, 5, 1.5,
                42L, "virtual:typical", "magstim-bistim", "sim:simulator?profile=magstim-bistim", true, course,
                courseSession, HostName.local()); // this host: a site recovers only its own host's measurements
    }

    private static NewMeasurement measurement(String subject) {
        return measurement(subject, Optional.empty(), Optional.empty());
    }

    private static long course(RecordStore store, String subject) {
        store.ensureSubject(subject, MORNING);
        return store.createCourse(new NewCourse("c-" + subject, subject, "10hz-m1", "sha", "name: 10 Hz\n", "left M1",
                "M1 contralateral to pain", 10, "daily", LocalDate.of(2026, 11, 22), 1, 0, 0, "80% RMT", "week",
                "pain-nrs", "UTC", "op1"), "planned", MORNING);
    }

    /** Trial {@code i} of the plan: the conditions in turn, one block each round. */
    private void give(ExcitabilityRecord record, int i) {
        int condition = i % CONDITIONS.size();
        switch (condition) {
            case 0 -> record.trialFiring(i, i / 3, 0, 0, 63, 0);
            case 1 -> record.trialFiring(i, i / 3, 1, 42, 63, SICI_ISI);
            default -> record.trialFiring(i, i / 3, 2, 42, 63, ICF_ISI);
        }
    }

    private void sql(String statement) throws Exception {
        TestStores.execute(db(), statement);
    }

    @Test
    void aMeasurementComesBackAsRecordedWithItsTrialsResultsAndCourse() {
        long id;
        long course;
        NewMeasurement planned;
        try (RecordStore store = TestStores.open(db())) {
            course = course(store, "q1");
            planned = measurement("Q1 ", Optional.of(course), Optional.of(3)); // the id is normalised
            ExcitabilityRecord record = ExcitabilityRecord.start(store, planned, clock);
            id = record.id();
            for (int i = 0; i < 6; i++) {
                now = now.plusSeconds(5);
                give(record, i);
                record.amplitudeTaken(i, 100.0 * (i + 1));
            }
            assertThat(record.trialsRecorded()).isEqualTo(6);
            assertThat(record.pulsesRecorded()).as("2 per paired trial, 1 alone").isEqualTo(10);
            now = now.plusSeconds(2);
            record.complete(RESULTS);
            record.end("STOPPED"); // once: completion was the end
        }
        try (RecordStore store = TestStores.open(db())) {
            MeasurementRow row = store.measurement(id).orElseThrow();
            assertThat(row.measurement()).isEqualTo(planned);
            assertThat(row.measurement().subjectId()).isEqualTo("q1");
            assertThat(row.measurement().conditions()).containsExactlyElementsOf(CONDITIONS);
            assertThat(row.startedAt()).isEqualTo(MORNING);
            assertThat(row.endedAt()).contains(MORNING.plusSeconds(32));
            assertThat(row.outcome()).contains("COMPLETED");
            assertThat(row.resultsJson()).contains(RESULTS);
            assertThat(row.pulses()).isEqualTo(10);
            assertThat(row.trials()).hasSize(6);
            assertThat(row.trials().get(0)).isEqualTo(new MeasurementTrialRow(0, 0, "test", 0, 63, 0,
                    MORNING.plusSeconds(5), Optional.of(100.0), true));
            assertThat(row.trials().get(4)).isEqualTo(new MeasurementTrialRow(4, 1, "sici-2", 42, 63, SICI_ISI,
                    MORNING.plusSeconds(25), Optional.of(500.0), true));
            assertThat(store.courseMeasurements(course)).extracting(MeasurementRow::id).containsExactly(id);
            assertThat(store.measurement(id + 1)).isEmpty();

            long later = store.startMeasurement(measurement("q1"), MORNING.plusSeconds(3600));
            assertThat(store.measurements("q1")).as("newest first").extracting(MeasurementRow::id)
                    .containsExactly(later, id);
            assertThat(store.courseMeasurements(course)).as("the later one names no course")
                    .extracting(MeasurementRow::id).containsExactly(id);
            assertThat(store.measurement(later).orElseThrow().outcome()).as("still running").isEmpty();
        }
    }

    /** Each trial is on record, without its amplitude, when it is fired; one that cannot be recorded is not fired. */
    @Test
    void eachTrialIsWrittenBeforeItIsFiredAndOneThatCannotBeIsNotFired() {
        try (RecordStore store = RecordStore.open(db()) /* a full disk: SQLite's page cap */) {
            ExcitabilityRecord record = ExcitabilityRecord.start(store, measurement("s1"), clock);
            var seenAtFiring = new ArrayList<MeasurementTrialRow>();
            for (int i = 0; i < 3; i++) {
                give(record, i);
                // the pulse path fires here: the record already holds this trial, and no reading yet
                List<MeasurementTrialRow> trials = store.measurement(record.id()).orElseThrow().trials();
                seenAtFiring.add(trials.get(trials.size() - 1));
                record.amplitudeTaken(i, 250.0);
            }
            assertThat(seenAtFiring).extracting(MeasurementTrialRow::trialIndex).containsExactly(0, 1, 2);
            assertThat(seenAtFiring).allSatisfy(t -> assertThat(t.amplitudeMicrovolts()).isEmpty());

            assertThatThrownBy(() -> record.amplitudeTaken(2, 300.0)).isInstanceOf(RecordException.class)
                    .hasMessageContaining("no trial 2 awaiting its amplitude");
            assertThatThrownBy(() -> record.trialFiring(3, 1, 7, 0, 63, 0)).isInstanceOf(RecordException.class)
                    .hasMessageContaining("condition 7 of 3");
            assertThatThrownBy(() -> store.recordMeasurementTrial(record.id(), 3, 1, "icf-12", 42, 63, 12_000_000, now))
                    .isInstanceOf(RecordException.class).hasMessageContaining("no condition 'icf-12'");

            FullDisk.fill(store);
            int fired = 3;
            RecordException refused = null;
            for (int i = 3; i < 10_000 && refused == null; i++) {
                try {
                    give(record, i);
                    fired++; // the pulse path fires only after the record took the trial
                } catch (RecordException e) {
                    refused = e;
                }
            }
            assertThat(refused).as("a full disk refuses a trial").isNotNull();
            assertThat(record.trialsRecorded()).isEqualTo(fired);
            assertThat(store.measurement(record.id()).orElseThrow().trials()).as("every trial fired is on record, "
                    + "the refused one is not").hasSize(fired);
        }
        try (RecordStore store = RecordStore.open(db()) /* a full disk: SQLite's page cap */) {
            long id = store.measurements("s1").get(0).id();
            store.endMeasurement(id, "RECORD_FAILURE", null, now);
            assertThatThrownBy(() -> store.recordMeasurementTrial(id, 9_999, 0, "test", 0, 63, 0, now))
                    .as("no trial after the end").isInstanceOf(RecordException.class).hasMessageContaining("has ended");
            assertThatThrownBy(() -> store.endMeasurement(id, "COMPLETED", RESULTS, now))
                    .as("ended once").isInstanceOf(RecordException.class).hasMessageContaining("already ended");
        }
    }

    @Test
    void aTrialTheTableRefusesIsNotRecordedNorCounted() {
        try (RecordStore store = TestStores.open(db())) {
            ExcitabilityRecord record = ExcitabilityRecord.start(store, measurement("s1"), clock);
            assertThatThrownBy(() -> record.trialFiring(0, 0, 1, 42, 63, 0)).as("a pair needs an interval")
                    .isInstanceOf(RecordException.class);
            assertThatThrownBy(() -> record.trialFiring(0, 0, 0, 0, 0, 0)).as("a test pulse needs an output")
                    .isInstanceOf(RecordException.class);
            assertThat(record.trialsRecorded()).isZero();
            assertThat(store.measurement(record.id()).orElseThrow().trials()).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "UPDATE excitability_trials SET amplitude_uv = 20 WHERE trial_index = 1 | excitability_trials changed",
            "UPDATE excitability_measurements SET results_json = '{\"ratio\":1.0}' | excitability_measurements changed",
            "UPDATE excitability_measurements SET outcome = 'STOPPED'             | excitability_measurements changed",
            "DELETE FROM excitability_trials WHERE trial_index = 2                | excitability_trials has 2 row(s), 3 sealed"})
    void recordsVerifyCatchesAnEditOfAnEndedMeasurement(String edit, String failure) throws Exception {
        long id;
        try (RecordStore store = TestStores.open(db())) {
            ExcitabilityRecord record = ExcitabilityRecord.start(store, measurement("s1"), clock);
            id = record.id();
            for (int i = 0; i < 3; i++) {
                give(record, i);
                record.amplitudeTaken(i, 150.0 + i);
            }
            assertThat(store.verifyMeasurement(id).status()).as("open: written, not sealed")
                    .isEqualTo(RecordVerification.Status.NOT_YET_SEALED);
            record.complete(RESULTS);
            assertThat(store.verifyRecords()).filteredOn(r -> r.kind().equals("excitability"))
                    .extracting(RecordVerification::toString).containsExactly("excitability measurement " + id
                            + ": verified");
        }
        sql(edit);
        try (RecordStore store = TestStores.open(db())) {
            assertThat(store.verifyRecords()).filteredOn(RecordVerification::fails).extracting(RecordVerification::toString)
                    .singleElement().asString().startsWith("excitability measurement " + id + ": FAILS: " + failure);
        }
    }

    /** The store's own late reading after an outside edit does not seal the edit over. */
    @Test
    void aLateAmplitudeAfterAnOutsideEditNeverSealsItOver() throws Exception {
        long id;
        try (RecordStore store = TestStores.open(db())) {
            ExcitabilityRecord record = ExcitabilityRecord.start(store, measurement("s1"), clock);
            id = record.id();
            give(record, 0);
            give(record, 1);
            record.amplitudeTaken(0, 90.0);
            record.end("STOPPED");
        }
        sql("UPDATE excitability_trials SET amplitude_uv = 900 WHERE trial_index = 0");
        try (RecordStore store = TestStores.open(db())) {
            store.recordMeasurementAmplitude(id, 1, 80.0);
            assertThat(store.verifyMeasurement(id).said()).startsWith("FAILS: excitability_trials changed");
        }
    }

    /** Trial pulses count with hunt pulses: 2 per pair, 1 alone, today's only, this subject's only. */
    @Test
    void aMeasurementsPulsesCountInTheDoseLedgerAsHuntPulsesDo() {
        try (RecordStore store = TestStores.open(db())) {
            long session = store.createSession(new NewSession("s1", "op1", "itbs", "name: iTBS\n", "simulator", "p",
                    "e", "sim:simulator", true, "PASS", 1), MORNING);
            store.appendPulses(session, List.of(new PulseRow(0, 0, 0, 40, 0)));
            long hunt = store.startHunt(new NewHunt("s1", "op1", "RMT", "ML-PEST", 50, "virtual", "simulator",
                    "sim:simulator", true), MORNING);
            store.recordHuntPulse(hunt, 0, MORNING, 60);

            now = MORNING.minus(Duration.ofDays(1));
            ExcitabilityRecord yesterday = ExcitabilityRecord.start(store, measurement("s1"), clock);
            give(yesterday, 1);
            yesterday.end("COMPLETED");
            now = MORNING.plusSeconds(10);
            ExcitabilityRecord today = ExcitabilityRecord.start(store, measurement("s1"), clock);
            give(today, 0); // test alone: 1
            give(today, 1); // sici-2: 2
            give(today, 2); // icf-10: 2 (stopped before its reading: it was given)
            today.end("STOPPED");
            ExcitabilityRecord other = ExcitabilityRecord.start(store, measurement("s2"), clock);
            give(other, 1);

            DoseTotals totals = store.doseTotals("S1", MORNING.plusSeconds(600), ZoneOffset.UTC);
            assertThat(totals.huntPulsesToday()).as("1 hunt pulse + 5 trial pulses today; not yesterday's, not s2's")
                    .isEqualTo(6);
            assertThat(totals.pulsesToday()).as("session pulses apart").isEqualTo(1);
            assertThat(totals.sessionsToday()).as("a measurement is not a session").isEqualTo(1);
            assertThat(store.doseTotals("s2", MORNING.plusSeconds(600), ZoneOffset.UTC).huntPulsesToday()).isEqualTo(2);
        }
    }

    @Test
    void aCourseNotOnRecordOrAnotherSubjectsIsRefusedAndNothingIsWritten() {
        try (RecordStore store = TestStores.open(db())) {
            long q1Course = course(store, "q1");
            assertThatThrownBy(() -> ExcitabilityRecord.start(store, measurement("q1", Optional.of(q1Course + 10),
                    Optional.of(1)), clock)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("no course " + (q1Course + 10) + " on record: the measurement is not started");
            assertThatThrownBy(() -> ExcitabilityRecord.start(store, measurement("q2", Optional.of(q1Course),
                    Optional.empty()), clock)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("course " + q1Course + " is subject q1's, not q2's: the measurement is not started");
            assertThat(store.measurements("q1")).isEmpty();
            assertThat(store.measurements("q2")).isEmpty();
            assertThat(store.subjectOnRecord("q2")).as("the refused start created no subject").isFalse();
            assertThatThrownBy(() -> measurement("q1", Optional.empty(), Optional.of(2)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs a course");
            assertThat(store.startMeasurement(measurement("q1", Optional.of(q1Course), Optional.of(1)), MORNING))
                    .as("the subject's own course").isPositive();
        }
    }

    /** A host that died mid-measurement: the next start closes it INTERRUPTED with every trial it recorded. */
    @Test
    void aMeasurementWhoseHostDiedIsClosedInterruptedWithItsTrials() {
        long id;
        try (RecordStore store = TestStores.open(db())) {
            ExcitabilityRecord record = ExcitabilityRecord.start(store, measurement("s1"), clock);
            id = record.id();
            give(record, 0);
            record.amplitudeTaken(0, 120.0);
            give(record, 1); // the host dies before its reading: the store is closed without an end
        }
        Instant restart = MORNING.plusSeconds(900);
        try (RecordStore store = TestStores.open(db())) {
            assertThat(store.unfinishedMeasurements()).extracting(MeasurementRow::id).containsExactly(id);
            assertThat(store.verifyMeasurement(id).status()).isEqualTo(RecordVerification.Status.NOT_YET_SEALED);
            assertThat(InterruptedSessions.closeAll(store, restart)).as("no session was open").isEmpty();

            MeasurementRow row = store.measurement(id).orElseThrow();
            assertThat(row.outcome()).contains("INTERRUPTED");
            assertThat(row.endedAt()).contains(restart);
            assertThat(row.resultsJson()).isEmpty();
            assertThat(row.trials()).extracting(MeasurementTrialRow::amplitudeMicrovolts)
                    .containsExactly(Optional.of(120.0), Optional.empty());
            assertThat(row.pulses()).isEqualTo(3);
            assertThat(store.unfinishedMeasurements()).isEmpty();
            assertThat(store.verifyMeasurement(id).said()).isEqualTo("verified");
            assertThat(InterruptedMeasurements.closeAll(store, restart)).as("closed once").isEmpty();
        }
    }

    @Test
    void recoveryReportsEachMeasurementItClosed() {
        try (RecordStore store = TestStores.open(db())) {
            ExcitabilityRecord record = ExcitabilityRecord.start(store, measurement("s1"), clock);
            give(record, 1);
            give(record, 0);
            assertThat(InterruptedMeasurements.closeAll(store, MORNING.plusSeconds(60)))
                    .containsExactly(new InterruptedMeasurements.Recovered(record.id(), 2, 3));
        }
    }

    /** A store schema 11 left, built from its migration files, with a session, a hunt and a course. */
    private Path version11Store() throws Exception {
        Path db = db();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement()) {
            OldSchemas.applyUpTo(st, 11);
            st.execute("INSERT INTO subjects(id, created_at) VALUES ('q1', '2026-11-21T07:00:00Z')");
            st.execute("INSERT INTO sessions(subject_id, operator_id, protocol_name, protocol_sha256, protocol_text, "
                    + "profile_name, profile_sha256, envelope_sha256, device_uri, simulated, verdict, state, "
                    + "planned_pulses, delivered_pulses, created_at, ended_at) VALUES ('q1', 'op1', 'itbs', 'x', "
                    + "'name: iTBS', 'simulator', 'p', 'e', 'sim:simulator', 1, 'PASS', 'COMPLETED', 600, 600, "
                    + "'2026-11-22T07:00:00Z', '2026-11-22T07:03:12Z')");
            st.execute("INSERT INTO threshold_hunts(subject_id, operator_id, kind, method, criterion_uv, mep_input, "
                    + "profile_name, device_uri, simulated, started_at, ended_at, outcome) VALUES ('q1', 'op1', 'RMT', "
                    + "'ML-PEST', 50, 'operator', 'simulator', 'sim:simulator', 1, '2026-11-22T06:00:00Z', "
                    + "'2026-11-22T06:05:00Z', 'STOPPED')");
            st.execute("INSERT INTO hunt_pulses(hunt_id, pulse_index, fired_at, output_percent_mso) "
                    + "VALUES (1, 0, '2026-11-22T06:01:00Z', 55)");
            st.execute("INSERT INTO courses(name, subject_id, protocol_name, protocol_sha256, protocol_text, target, "
                    + "target_site, planned_sessions, schedule, start_date, sessions_per_day, maintenance_sessions, "
                    + "maintenance_every_days, intensity_rule, thresholds_every, outcomes, zone, planned_by, planned_at) "
                    + "VALUES ('c1', 'q1', 'itbs', 'x', 'name: iTBS', 'left M1', 'M1', 10, 'daily', '2026-11-22', 1, 0, "
                    + "0, '80% RMT', 'week', 'pain-nrs', 'UTC', 'op1', '2026-11-21T08:00:00Z')");
            st.execute("INSERT INTO course_sessions(course_id, session_id, linked_at) VALUES (1, 1, '2026-11-22T07:00:00Z')");
        }
        return db;
    }

    @Test
    void aSchema11StoreIsMigratedTo12WithItsDataKept() throws Exception {
        Path db = version11Store();
        try (RecordStore store = RecordStore.open(db)) {
            assertThat(store.session(1).orElseThrow().deliveredPulses()).isEqualTo(600);
            assertThat(store.hunts("q1")).extracting(HuntRow::pulses).containsExactly(1);
            assertThat(store.courseSessions(1)).extracting(SessionRow::id).containsExactly(1L);
            assertThat(store.verifyRecords()).filteredOn(RecordVerification::fails).isEmpty();
            long id = store.startMeasurement(measurement("q1", Optional.of(1L), Optional.of(1)), MORNING);
            store.recordMeasurementTrial(id, 0, 0, "sici-2", 42, 63, SICI_ISI, MORNING.plusSeconds(5));
            assertThat(store.doseTotals("q1", MORNING.plusSeconds(60), ZoneOffset.UTC))
                    .isEqualTo(new DoseTotals(600, 1 + 2, 1, Optional.of(Instant.parse("2026-11-22T07:03:12Z"))));
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT MAX(version), COUNT(*) FROM schema_version")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(RecordStore.SCHEMA_VERSION).isEqualTo(13);
            assertThat(rs.getInt(2)).as("versions 1 to 13 each recorded once").isEqualTo(13);
        }
        try (RecordStore reopened = RecordStore.open(db)) {
            assertThat(reopened.courseMeasurements(1)).hasSize(1);
            assertThat(reopened.verifySession(1).status()).isEqualTo(RecordVerification.Status.SEALED_AT_UPGRADE);
        }
    }

    /**
     * A void pair (its test pulse would have been late and was not given) is recorded as such: one
     * pulse in the trial, the record and the dose ledger, no amplitude; a test pulse alone cannot be
     * void; the void mark is sealed with the rest.
     */
    @Test
    void aVoidPairKeepsItsConditioningPulseOnlyAndNoAmplitude() throws Exception {
        long id;
        try (RecordStore store = TestStores.open(db())) {
            ExcitabilityRecord record = ExcitabilityRecord.start(store, measurement("v1"), clock);
            id = record.id();
            give(record, 0);
            record.amplitudeTaken(0, 100);
            give(record, 1); // a pair
            record.trialVoid(1);
            assertThat(record.pulsesRecorded()).isEqualTo(2);
            assertThatThrownBy(() -> record.amplitudeTaken(1, 300)).isInstanceOf(RecordException.class);
            assertThatThrownBy(() -> record.trialVoid(1)).as("void once").isInstanceOf(RecordException.class);
            assertThatThrownBy(() -> record.trialVoid(0)).as("a test pulse alone has no conditioning pulse to keep")
                    .isInstanceOf(RecordException.class);
            give(record, 2);
            record.amplitudeTaken(2, 900);
            record.complete(RESULTS);
            MeasurementRow row = store.measurement(id).orElseThrow();
            assertThat(row.trials().get(1).testGiven()).isFalse();
            assertThat(row.trials().get(1).amplitudeMicrovolts()).isEmpty();
            assertThat(row.trials().get(1).pulses()).isEqualTo(1);
            assertThat(row.pulses()).isEqualTo(1 + 1 + 2);
            assertThat(store.doseTotals("v1", now, ZoneOffset.UTC).huntPulsesToday()).isEqualTo(4);
            assertThat(store.verifyMeasurement(id).fails()).isFalse();
        }
        sql("UPDATE excitability_trials SET test_given = 1 WHERE trial_index = 1");
        try (RecordStore store = TestStores.open(db())) {
            assertThat(store.verifyMeasurement(id).fails()).as("a void trial made whole after the fact").isTrue();
        }
    }
}
