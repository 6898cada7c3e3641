package org.tmshost.record;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tmshost.profile.LimitsFile;
import org.tmshost.testing.PostgresServer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code records migrate} (contracts.md §8) on a real PostgreSQL server: a host's SQLite records are
 * copied into a site database that already holds another host's session 1 and course, every record
 * exactly as the source reads it, with new site ids and every reference following them; the site
 * verifies; a second run copies nothing; a run stopped half-way goes on without duplicates; a
 * tampered source, a course name the site has, open records and a changed copy are each dealt with.
 */
@Tag("unit")
class SiteMigrationTest {
    private static final Instant MORNING = Instant.parse("2026-11-22T08:00:00Z");

    @TempDir
    Path dir;
    private TmsHome home;
    private RecordsLocation.SiteDatabase site;
    private String siteDatabase;
    private String previousHost;

    @BeforeEach
    void aSiteWithAnotherHostsSessionAndCourse() throws Exception {
        previousHost = System.getProperty(HostName.PROPERTY);
        home = new TmsHome(Files.createDirectories(dir.resolve("host-a")));
        siteDatabase = PostgresServer.shared().createDatabase("migrate");
        site = RecordsLocation.parse(PostgresServer.shared().url(siteDatabase));
        System.setProperty(HostName.PROPERTY, "host-b");
        try (RecordStore other = RecordStore.open(new TmsHome(Files.createDirectories(dir.resolve("host-b"))), site, Map.of())) {
            long session = other.createSession(new NewSession("s1", "op9", "itbs", "name: iTBS\n", "simulator", "p",
                    "e", "sim:simulator", true, "PASS", 1), MORNING.minusSeconds(86_400));
            other.appendPulses(session, List.of(new PulseRow(0, 0, 5, 30, 0)));
            other.endSession(session, "ARMED", "COMPLETED", "done", "op9", MORNING.minusSeconds(86_000));
            other.createCourse(course("c-b"), "planned", MORNING.minusSeconds(86_400));
        }
        System.setProperty(HostName.PROPERTY, "host-a");
    }

    @AfterEach
    void restoreHost() {
        if (previousHost == null) {
            System.clearProperty(HostName.PROPERTY);
        } else {
            System.setProperty(HostName.PROPERTY, previousHost);
        }
    }

    private static NewCourse course(String name) {
        return new NewCourse(name, "s1", "10hz-m1", "sha", "name: 10 Hz\n", "left M1", "M1 contralateral to pain", 10,
                "daily", LocalDate.of(2026, 11, 22), 1, 0, 0, "80% RMT", "week", "pain-nrs", "UTC", "op1");
    }

    private static LimitsFile limits(String text) {
        return new LimitsFile("lab/" + text + ".yaml", text, "sha-" + text, LimitsFile.Standing.INSTALLED, "installed");
    }

    /**
     * Host A's records: session 1 (faulted by the host, with trains, pulses, a trip, an override, coil
     * temperatures, its device and limits) continued by session 2; a hunt with its threshold and a
     * threshold for session 1; course c-a with both sessions, outcomes and an adverse event; a
     * measurement in the course; a user change and a limits installation.
     */
    private void hostARecords() {
        try (RecordStore store = RecordStore.open(home.database())) {
            long first = store.createSession(new NewSession("s1", "op1", "10hz-m1", "name: 10 Hz\nkind: rtms\n",
                    "simulator", "p1", "e1", "sim:simulator", true, "NEEDS_OVERRIDE", 4, Optional.of(52.5),
                    Optional.of(40.0), "EMG", Optional.of(new SessionLimits(limits("profile: x"), "site-policy",
                            limits("policy: y")))), MORNING);
            long course = store.createCourse(course("c-a"), "planned", MORNING);
            store.joinCourse(course, first, "op1", "session 1 of 10", MORNING);
            store.recordTrains(first, List.of(new TrainRow(0, 0, 2, 0), new TrainRow(1, 2, 2, 1_000_000_000L)));
            store.recordOverride(first, "policy.train-duration", "sup1", "protocol approved", MORNING);
            store.recordDelivery(first, "device-timed-trains", "each train");
            store.recordDeviceIdentity(first, "Simulated Magstim", "1.2.3");
            store.recordTransition(first, "PREPARED", "ARMED", "armed", "op1", MORNING.plusSeconds(1));
            store.recordStart(first, 123_456_789L, MORNING.plusSeconds(2));
            store.appendPulses(first, List.of(new PulseRow(0, 0, 12, 42, 0), new PulseRow(1, 100_000_000L,
                    100_000_040L, 42, 0)));
            store.appendCoilTemperatures(first, List.of(new CoilTemperatureRow(0, 24.5), new CoilTemperatureRow(
                    1_000_000, 25.25)));
            store.recordTrip(first, "LINK_LOST", "no reply", MORNING.plusSeconds(3), Optional.of(2_500L));
            store.recordMayHaveDelivered(first, 1);
            store.endSession(first, "RUNNING", "FAULTED", "LINK_LOST", "the link was lost", null,
                    MORNING.plusSeconds(3), Optional.empty());
            store.confirmPulses(first, 2, true);
            store.recordThreshold("s1", "RMT", 52.5, "EMG", MORNING, "simulator", first);

            long second = store.createSession(new NewSession("s1", "op1", "10hz-m1", "name: 10 Hz\nkind: rtms\n",
                    "simulator", "p1", "e1", "sim:simulator", true, "PASS", 2), MORNING.plusSeconds(60));
            store.joinCourse(course, second, "op1", "session 1 of 10, continued", MORNING.plusSeconds(60));
            store.recordContinuation(second, first, 3);
            store.appendPulses(second, List.of(new PulseRow(0, 0, 9, 42, 0), new PulseRow(1, 100_000_000L,
                    100_000_020L, 42, 0)));
            store.endSession(second, "RUNNING", "COMPLETED", "done", "op1", MORNING.plusSeconds(70));

            long hunt = store.startHunt(new NewHunt("s1", "op1", "RMT", "ML-PEST (Awiszus)", 50, "virtual", "simulator",
                    "sim:simulator", true), MORNING.plusSeconds(100));
            store.recordHuntPulse(hunt, 0, MORNING.plusSeconds(101), 60);
            store.recordHuntReading(hunt, 0, 80.0, null);
            store.recordHuntPulse(hunt, 1, MORNING.plusSeconds(106), 55);
            store.recordHuntReading(hunt, 1, null, false);
            store.completeHunt(hunt, "s1", "RMT", 55.5, "EMG", MORNING.plusSeconds(110), "simulator");

            store.recordCourseOutcome(course, "pain-nrs", "before", 7, LocalDate.of(2026, 11, 22), Optional.of(first),
                    "op1", MORNING);
            store.recordCourseOutcome(course, "pain-nrs", "after", 4, LocalDate.of(2026, 11, 22), Optional.of(second),
                    "op1", MORNING.plusSeconds(80));
            store.recordAdverseEvent(course, "headache", "moderate", "after session 1", LocalDate.of(2026, 11, 22),
                    Optional.of(second), "op1", MORNING.plusSeconds(90), Optional.of("adverse event: headache"));

            long measurement = store.startMeasurement(new NewMeasurement("s1", "op1", NewMeasurement.PAIRED_PULSE,
                    List.of("test", "sici-2"), 1, 52.5, 80, 120, 5, 1.5, 42L, "virtual:typical", "magstim-bistim",
                    "sim:simulator?profile=magstim-bistim", true, Optional.of(course), Optional.of(1), "host-a"),
                    MORNING.plusSeconds(200));
            store.recordMeasurementTrial(measurement, 0, 0, "test", 0, 63, 0, MORNING.plusSeconds(201));
            store.recordMeasurementAmplitude(measurement, 0, 812.5);
            store.recordMeasurementTrial(measurement, 1, 0, "sici-2", 42, 63, 2_000_000, MORNING.plusSeconds(206));
            store.recordMeasurementTrialVoid(measurement, 1);
            store.endMeasurement(measurement, "COMPLETED", "{\"sici-2\": 0.4}", MORNING.plusSeconds(210));

            store.recordUserChange("host-a", "sup1", "op1", "added", "role operator", MORNING);
            store.recordLimitInstall("profile", "simulator", "ab12", "model: x", "lab/simulator.yaml", "sup1", MORNING);
        }
    }

    private MigrationReport migrate() {
        return migrate((kind, id) -> { });
    }

    private MigrationReport migrate(SiteMigration.BeforeCommit beforeCommit) {
        try (RecordStore source = RecordStore.open(home.database()); RecordStore target = openSite()) {
            return SiteMigration.migrate(source, target, false, beforeCommit);
        }
    }

    private RecordStore openSite() {
        return RecordStore.open(home, site, Map.of());
    }

    /** Source id → site id of each record of {@code kind} migrated. */
    private Map<Long, Long> siteIds(String kind) {
        var ids = new HashMap<Long, Long>();
        try (RecordStore target = openSite()) {
            target.connection().query("SELECT source_id, site_id FROM migrated_records WHERE kind = ?",
                    rs -> ids.put(rs.getLong(1), rs.getLong(2)), kind);
        }
        return ids;
    }

    private int siteCount(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(PostgresServer.shared().jdbcUrl(siteDatabase));
             Statement st = c.createStatement(); var rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Test
    void everyRecordIsReproducedExactlyWithSiteIdsAndTheSiteVerifies() {
        hostARecords();
        MigrationReport report = migrate();

        assertThat(report.complete()).as(report.toString()).isTrue();
        assertThat(report.warnings()).isEmpty();
        assertThat(report.tally("session")).isEqualTo(new MigrationReport.Tally("session", 2, 0, 2, 2, 0, 0));
        assertThat(report.tally("subject")).isEqualTo(new MigrationReport.Tally("subject", 1, 1, 0, 1, 0, 0));
        assertThat(report.tally("threshold").copiedNow()).isEqualTo(2);
        assertThat(List.of("hunt", "course", "measurement", "user-change", "limit-install"))
                .allSatisfy(kind -> assertThat(report.tally(kind).verified()).as(kind).isEqualTo(1));
        assertThat(report.table()).contains("session").contains("copied now");

        Map<Long, Long> sessions = siteIds("session");
        assertThat(sessions.keySet()).containsExactlyInAnyOrder(1L, 2L);
        assertThat(sessions.values()).doesNotContain(1L); // the site's session 1 is host B's
        Map<Long, Long> courses = siteIds("course");
        try (RecordStore source = RecordStore.open(home.database()); RecordStore target = openSite()) {
            for (long id : List.of(1L, 2L)) {
                long copy = sessions.get(id);
                SessionRow was = source.session(id).orElseThrow();
                SessionRow is = target.session(copy).orElseThrow();
                assertThat(is).usingRecursiveComparison().ignoringFields("id").isEqualTo(was);
                assertThat(is.host()).contains("host-a");
                assertThat(target.pulses(copy)).isEqualTo(source.pulses(id));
                assertThat(target.trains(copy)).isEqualTo(source.trains(id));
                assertThat(target.transitions(copy)).isEqualTo(source.transitions(id));
                assertThat(target.trips(copy)).isEqualTo(source.trips(id));
                assertThat(target.overrides(copy)).isEqualTo(source.overrides(id));
                assertThat(target.coilTemperatures(copy)).isEqualTo(source.coilTemperatures(id));
                assertThat(target.sessionLimits(copy)).isEqualTo(source.sessionLimits(id));
                assertThat(target.protocolText(copy)).isEqualTo(source.protocolText(id));
                assertThat(target.courseOf(copy)).contains(courses.get(source.courseOf(id).orElseThrow()));
            }
            assertThat(target.sessionLimits(sessions.get(1L)).policyText()).contains("policy: y");
            assertThat(target.continuity(sessions.get(2L))).isEqualTo(new Continuity(Optional.of(sessions.get(1L)), 3, 0,
                    Optional.empty()));
            assertThat(target.continuity(sessions.get(1L)).continuedBy()).contains(sessions.get(2L));

            HuntRow hunt = source.hunts("s1").get(0);
            HuntRow huntCopy = target.hunts("s1").get(0);
            assertThat(huntCopy).usingRecursiveComparison().ignoringFields("id").isEqualTo(hunt);
            assertThat(huntCopy.id()).isEqualTo(siteIds("hunt").get(hunt.id()));
            assertThat(target.huntPulses(huntCopy.id())).isEqualTo(source.huntPulses(hunt.id()));
            RecordStore.StoredThreshold threshold = source.latestThreshold("s1", "RMT").orElseThrow();
            assertThat(target.latestThreshold("s1", "RMT")).contains(new RecordStore.StoredThreshold("s1", "RMT",
                    threshold.percentMso(), threshold.method(), threshold.measuredAt(), threshold.profileName(), null,
                    huntCopy.id()));
            assertThat(target.thresholdsMeasuredAt(sessions.get(1L))).isEqualTo(source.thresholdsMeasuredAt(1L));

            CourseRow course = source.course("c-a").orElseThrow();
            CourseRow courseCopy = target.course("c-a").orElseThrow();
            assertThat(courseCopy).usingRecursiveComparison().ignoringFields("id").isEqualTo(course);
            assertThat(target.courseChanges(courseCopy.id())).usingRecursiveFieldByFieldElementComparatorIgnoringFields(
                    "id", "courseId").isEqualTo(source.courseChanges(course.id()));
            assertThat(target.courseSessions(courseCopy.id())).extracting(SessionRow::id)
                    .containsExactly(sessions.get(1L), sessions.get(2L));
            assertThat(target.courseOutcomes(courseCopy.id())).usingRecursiveFieldByFieldElementComparatorIgnoringFields(
                    "id", "courseId", "sessionId").isEqualTo(source.courseOutcomes(course.id()));
            assertThat(target.courseOutcomes(courseCopy.id())).extracting(o -> o.sessionId().orElseThrow())
                    .containsExactly(sessions.get(1L), sessions.get(2L));
            assertThat(target.adverseEvents(courseCopy.id())).usingRecursiveFieldByFieldElementComparatorIgnoringFields(
                    "id", "courseId").extracting(AdverseEventRow::note, AdverseEventRow::sessionId)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("after session 1", Optional.of(sessions.get(2L))));

            MeasurementRow measurement = source.measurements("s1").get(0);
            MeasurementRow measurementCopy = target.measurements("s1").get(0);
            assertThat(measurementCopy).usingRecursiveComparison().ignoringFields("id", "measurement.courseId")
                    .isEqualTo(measurement);
            assertThat(measurementCopy.measurement().courseId()).contains(courseCopy.id());
            assertThat(target.userChanges()).usingRecursiveFieldByFieldElementComparatorIgnoringFields("id")
                    .isEqualTo(source.userChanges());

            assertThat(target.verifyRecords()).filteredOn(RecordVerification::fails).isEmpty();
            assertThat(target.verifySession(sessions.get(1L)).status()).isEqualTo(RecordVerification.Status.VERIFIED);
            assertThat(target.session(1).orElseThrow().host()).contains("host-b"); // the other host's, untouched
        }
    }

    @Test
    void aSecondRunCopiesNothingAndVerifiesEverythingAgain() throws Exception {
        hostARecords();
        migrate();
        int chainEntries = siteCount("SELECT COUNT(*) FROM record_chain");

        MigrationReport again = migrate();

        assertThat(again.complete()).isTrue();
        assertThat(again.copiedNow()).isZero();
        assertThat(again.tally("session")).isEqualTo(new MigrationReport.Tally("session", 2, 2, 0, 2, 0, 0));
        assertThat(again.tally("course")).isEqualTo(new MigrationReport.Tally("course", 1, 1, 0, 1, 0, 0));
        assertThat(siteCount("SELECT COUNT(*) FROM sessions")).isEqualTo(3);
        assertThat(siteCount("SELECT COUNT(*) FROM record_chain")).isEqualTo(chainEntries);
    }

    @Test
    void aRunStoppedAfterTheFirstSessionGoesOnWithoutDuplicates() throws Exception {
        hostARecords();
        assertThatThrownBy(() -> migrate((kind, id) -> {
            if (kind == MigrationKind.SESSION && id == 2) {
                throw new IllegalStateException("killed");
            }
        })).hasMessage("killed");
        assertThat(siteIds("session")).containsOnlyKeys(1L);
        assertThat(siteCount("SELECT COUNT(*) FROM sessions")).isEqualTo(2); // host B's and session 1: 2 rolled back
        assertThat(siteCount("SELECT COUNT(*) FROM pulses")).isEqualTo(3);

        MigrationReport resumed = migrate();

        assertThat(resumed.complete()).isTrue();
        assertThat(resumed.tally("session")).isEqualTo(new MigrationReport.Tally("session", 2, 1, 1, 2, 0, 0));
        assertThat(siteCount("SELECT COUNT(*) FROM sessions")).isEqualTo(3);
        assertThat(siteCount("SELECT COUNT(*) FROM pulses")).isEqualTo(5);
        assertThat(siteCount("SELECT COUNT(*) FROM migrated_records")).isEqualTo(9);
        try (RecordStore target = openSite()) {
            assertThat(target.verifyRecords()).filteredOn(RecordVerification::fails).isEmpty();
        }
    }

    @Test
    void aTamperedSourceIsRefusedAndNothingIsCopied() throws Exception {
        hostARecords();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + home.database());
             Statement st = c.createStatement()) {
            st.executeUpdate("UPDATE pulses SET output_percent_mso = 90 WHERE session_id = 2 AND pulse_index = 1");
        }

        MigrationReport report = migrate();

        assertThat(report.sourceFailures()).extracting(RecordVerification::toString).singleElement().asString()
                .startsWith("session 2: FAILS: pulses changed");
        assertThat(report.complete()).isFalse();
        assertThat(report.copiedNow()).isZero();
        assertThat(siteCount("SELECT COUNT(*) FROM migrated_records")).isZero();
        assertThat(siteCount("SELECT COUNT(*) FROM sessions")).isEqualTo(1);
    }

    @Test
    void aCourseNameTheSiteHasFromAnotherHostIsRefusedWithWhatNamesItAndTheRestIsCopied() throws Exception {
        try (RecordStore store = RecordStore.open(home.database())) {
            store.ensureSubject("s1", MORNING);
            long course = store.createCourse(course("c-b"), "planned", MORNING);
            store.startMeasurement(new NewMeasurement("s1", "op1", NewMeasurement.RECRUITMENT, List.of("100%RMT"), 1,
                    50, 0, 100, 5, 1, 1L, "virtual", "simulator", "sim:simulator", true, Optional.of(course),
                    Optional.empty(), "host-a"), MORNING);
            store.endMeasurement(1, "STOPPED", null, MORNING.plusSeconds(5));
            store.recordUserChange("host-a", "sup1", "op1", "added", "role operator", MORNING);
        }

        MigrationReport report = migrate();

        assertThat(report.complete()).isFalse();
        assertThat(report.refused()).hasSize(2);
        assertThat(report.refused().get(0)).startsWith("course 1 not copied: the site already has a course named \"c-b\"")
                .contains("subject s1, planned by op1").contains("tmshost does not rename a course");
        assertThat(report.refused().get(1)).isEqualTo("excitability measurement 1 not copied: it names course 1, "
                + "which was not copied (" + report.refused().get(0).substring("course 1 not copied: ".length()) + ")");
        assertThat(report.tally("user-change").copiedNow()).isEqualTo(1);
        assertThat(report.tally("course")).isEqualTo(new MigrationReport.Tally("course", 1, 0, 0, 0, 0, 1));
        assertThat(siteCount("SELECT COUNT(*) FROM courses")).isEqualTo(1);
    }

    @Test
    void anOpenRecordIsLeftWithAWarningAndCopiedOnceItHasEndedAndALookAlikeSubjectIsWarnedOf() {
        long open;
        try (RecordStore store = RecordStore.open(home.database())) {
            open = store.createSession(new NewSession("s2", "op1", "itbs", "name: iTBS\n", "simulator", "p", "e",
                    "sim:simulator", true, "PASS", 1), MORNING);
            store.startHunt(new NewHunt("s2", "op1", "RMT", "ML-PEST", 50, "virtual", "simulator", "sim:simulator", true),
                    MORNING);
            store.ensureSubject("sl", MORNING);
        }

        MigrationReport first = migrate();

        assertThat(first.complete()).isTrue(); // an open record is not yet a record to copy
        assertThat(first.tally("session")).isEqualTo(new MigrationReport.Tally("session", 1, 0, 0, 0, 1, 0));
        assertThat(first.tally("hunt").leftOpen()).isEqualTo(1);
        assertThat(first.warnings()).contains("session 1 is still open (being written, or left open by a tmshost that "
                + "stopped): not copied; run migrate again once it has ended");
        assertThat(first.tally("subject").copiedNow()).isEqualTo(2);
        assertThat(first.warnings()).contains("subject \"sl\" resembles the site's subject \"s1\": check with the "
                + "clinic that they are not one subject typed two ways");

        try (RecordStore store = RecordStore.open(home.database())) {
            store.endSession(open, "PREPARED", "ABORTED", "cancelled", "op1", MORNING.plusSeconds(5));
        }
        MigrationReport second = migrate();
        assertThat(second.tally("session")).isEqualTo(new MigrationReport.Tally("session", 1, 0, 1, 1, 0, 0));
    }

    @Test
    void aCopyChangedInTheSiteIsFoundByTheNextRunNamingIt() throws Exception {
        hostARecords();
        migrate();
        long copy = siteIds("session").get(2L);
        try (Connection c = DriverManager.getConnection(PostgresServer.shared().jdbcUrl(siteDatabase));
             Statement st = c.createStatement()) {
            st.executeUpdate("UPDATE pulses SET actual_nanos = 10 WHERE session_id = " + copy + " AND pulse_index = 0");
        }

        MigrationReport again = migrate();

        assertThat(again.complete()).isFalse();
        assertThat(again.mismatches()).containsExactly("session 2 (site session " + copy + "): the copy differs from "
                + "the source: pulses differ");
        assertThat(again.tally("session").verified()).isEqualTo(1);
    }

    /** A session recorded before schema 13 names no host: the site's copy names this one; a seal at upgrade stays one. */
    @Test
    void aSessionFromBeforeHostsWereNamedGetsThisHostAndKeepsItsSealAtUpgrade() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + home.database());
             Statement st = c.createStatement()) {
            OldSchemas.applyUpTo(st, 12);
            st.execute("INSERT INTO subjects(id, created_at) VALUES ('s3', '2026-11-01T08:00:00Z')");
            st.execute("INSERT INTO sessions(subject_id, operator_id, protocol_name, protocol_sha256, protocol_text, "
                    + "profile_name, profile_sha256, envelope_sha256, device_uri, simulated, verdict, state, "
                    + "planned_pulses, delivered_pulses, created_at, ended_at) VALUES ('s3', 'op1', 'x', 'x', 'x', "
                    + "'simulator', 'p', 'e', 'sim:simulator', 1, 'PASS', 'COMPLETED', 1, 1, '2026-11-01T08:00:00Z', "
                    + "'2026-11-01T08:01:00Z')");
            st.execute("INSERT INTO pulses(session_id, pulse_index, planned_nanos, actual_nanos, output_percent_mso, "
                    + "channel) VALUES (1, 0, 0, 7, 40, 0)");
        }

        MigrationReport report = migrate();

        assertThat(report.complete()).as(report.toString()).isTrue();
        long copy = siteIds("session").get(1L);
        try (RecordStore target = openSite()) {
            assertThat(target.session(copy).orElseThrow().host()).contains("host-a");
            assertThat(target.verifySession(copy).status()).isEqualTo(RecordVerification.Status.SEALED_AT_UPGRADE);
            assertThat(target.pulses(copy)).hasSize(1);
        }
    }
}
