package org.tmshost.record;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tmshost.testing.PostgresServer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 18's site-wide rules on a real PostgreSQL server: hosts sharing one site database see each
 * other's sessions in the dose ledger, cannot both have a session of one subject open, recover only
 * their own open sessions, name themselves in every session and hunt; the password never travels in
 * the URL; a server out of reach is a typed, retryable failure and the same store works once it is back.
 */
@Tag("unit")
class SiteDatabaseTest {
    private static final Instant MORNING = Instant.parse("2026-11-30T08:00:00Z");

    @TempDir
    Path dir;

    @AfterEach
    void noHostName() {
        System.clearProperty(HostName.PROPERTY);
    }

    private static NewSession session(String subject, int planned) {
        return new NewSession(subject, "op1", "itbs", "name: iTBS\n", "simulator", "p-sha", "e-sha", "sim:simulator",
                true, "PASS", planned);
    }

    /** A host of the site: its own home, its own name, the shared database. */
    private RecordStore host(String name, RecordsLocation site) throws Exception {
        System.setProperty(HostName.PROPERTY, name);
        return RecordStore.open(new TmsHome(Files.createDirectories(dir.resolve(name))), site, Map.of());
    }

    private static RecordsLocation site(PostgresServer server) {
        return RecordsLocation.parse(server.url(server.createDatabase("site")));
    }

    @Test
    void aSecondHostCannotOpenASessionOfASubjectInSessionAndSeesItInTheLedger() throws Exception {
        RecordsLocation site = site(PostgresServer.shared());
        try (RecordStore a = host("host-a", site); RecordStore b = host("host-b", site)) {
            long first = a.createSession(session("s1", 3), MORNING);
            a.appendPulses(first, List.of(new PulseRow(0, 0, 10, 40, 0), new PulseRow(1, 100, 110, 40, 0)));
            assertThatThrownBy(() -> b.createSession(session("s1", 3), MORNING.plusSeconds(1)))
                    .isInstanceOf(SubjectInSession.class)
                    .hasMessageContaining("subject s1 is in session " + first + " on host host-a");
            assertThat(b.createSession(session("s2", 3), MORNING.plusSeconds(2))).as("another subject").isPositive();
            assertThat(b.doseTotals("s1", MORNING.plusSeconds(3), ZoneOffset.UTC).pulsesToday())
                    .as("host B's ledger counts host A's pulses").isEqualTo(2);

            a.endSession(first, "RUNNING", "COMPLETED", "done", "op1", MORNING.plusSeconds(60));
            assertThat(b.doseTotals("s1", MORNING.plusSeconds(61), ZoneOffset.UTC).lastSessionEnded())
                    .as("the intersession interval counts from host A's end").contains(MORNING.plusSeconds(60));
            long second = b.createSession(session("s1", 3), MORNING.plusSeconds(3600));
            assertThat(b.session(second).orElseThrow().host()).contains("host-b");
            assertThat(a.session(first).orElseThrow().host()).contains("host-a");
            long hunt = b.startHunt(new NewHunt("s3", "op1", "RMT", "ML-PEST (Awiszus)", 50, "virtual subject typical",
                    "simulator", "sim:simulator", true), MORNING);
            assertThat(b.hunts("s3")).extracting(HuntRow::id).containsExactly(hunt);
        }
    }

    /** A hunt or a measurement holds its subject as a session does; a hunt a dead host left open, for two hours. */
    @Test
    void aHuntOrAMeasurementOnOneHostHoldsItsSubjectOnTheOthers() throws Exception {
        RecordsLocation site = site(PostgresServer.shared());
        try (RecordStore a = host("host-a", site); RecordStore b = host("host-b", site)) {
            long hunt = a.startHunt(new NewHunt("s1", "op1", "RMT", "ML-PEST (Awiszus)", 50, "virtual subject typical",
                    "simulator", "sim:simulator", true), MORNING);
            assertThatThrownBy(() -> b.createSession(session("s1", 3), MORNING.plusSeconds(60)))
                    .isInstanceOf(SubjectInSession.class).hasMessageContaining("is in threshold hunt " + hunt + " on host host-a");
            assertThatThrownBy(() -> b.startMeasurement(measurement("s1", "host-b"), MORNING.plusSeconds(60)))
                    .isInstanceOf(SubjectInSession.class).hasMessageContaining("threshold hunt " + hunt);
            assertThat(b.createSession(session("s1", 3), MORNING.plus(SubjectLock.HUNT_HOLDS).plusSeconds(1)))
                    .as("a hunt left open by a dead host holds its subject no longer than a hunt takes").isPositive();

            long measuring = a.startMeasurement(measurement("s2", "host-a"), MORNING);
            assertThatThrownBy(() -> b.startHunt(new NewHunt("s2", "op2", "RMT", "ML-PEST (Awiszus)", 50,
                    "virtual subject typical", "simulator", "sim:simulator", true), MORNING.plusSeconds(5)))
                    .isInstanceOf(SubjectInSession.class)
                    .hasMessageContaining("is in excitability measurement " + measuring + " on host host-a");
        }
    }

    private static NewMeasurement measurement(String subject, String host) {
        return new NewMeasurement(subject, "op1", NewMeasurement.PAIRED_PULSE, List.of("test", "sici-2"), 2, 52.5, 80,
                120, 5, 1.5, 42L, "virtual:typical", "magstim-bistim", "sim:simulator?profile=magstim-bistim", true,
                java.util.Optional.empty(), java.util.Optional.empty(), host);
    }

    /** Two hosts arming one subject at the same moment, many times over: exactly one of each pair wins. */
    @Test
    void ofTwoHostsArmingOneSubjectAtOnceExactlyOneSucceeds() throws Exception {
        RecordsLocation site = site(PostgresServer.shared());
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (RecordStore a = host("host-a", site); RecordStore b = host("host-b", site)) {
            for (int round = 0; round < 25; round++) {
                String subject = "race" + round;
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Long>> arms = new ArrayList<>();
                for (RecordStore host : List.of(a, b)) {
                    arms.add(pool.submit(() -> {
                        go.await();
                        try {
                            return host.createSession(session(subject, 3), MORNING);
                        } catch (SubjectInSession refused) {
                            return -1L;
                        }
                    }));
                }
                go.countDown();
                long winners = 0;
                for (Future<Long> arm : arms) {
                    winners += arm.get() > 0 ? 1 : 0;
                }
                assertThat(winners).as("round " + round).isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Hosts seal their records into one chain at the same moments: it never forks, and it verifies. */
    @Test
    void twoHostsSealingAtOnceKeepOneChainThatVerifies() throws Exception {
        RecordsLocation site = site(PostgresServer.shared());
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (RecordStore a = host("host-a", site); RecordStore b = host("host-b", site)) {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> hosts = new ArrayList<>();
            for (RecordStore host : List.of(a, b)) {
                hosts.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < 15; i++) {
                        long id = host.createSession(session(host.host() + "-s" + i, 1), MORNING);
                        host.appendPulses(id, List.of(new PulseRow(0, 0, 10, 40, 0)));
                        host.endSession(id, "RUNNING", "COMPLETED", "done", "op1", MORNING.plusSeconds(1));
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> host : hosts) {
                host.get();
            }
            assertThat(a.verifyRecords()).filteredOn(RecordVerification::fails).isEmpty();
            assertThat(a.verifyRecords()).filteredOn(r -> r.noun().equals("session")).hasSize(30);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aHostRecoversOnlyItsOwnOpenSessionsAndMeasurements() throws Exception {
        RecordsLocation site = site(PostgresServer.shared());
        try (RecordStore a = host("host-a", site); RecordStore b = host("host-b", site)) {
            long running = a.createSession(session("s1", 3), MORNING);
            long measuring = a.startMeasurement(measurement("s9", "host-a"), MORNING);
            assertThat(InterruptedSessions.closeAll(b, MORNING.plusSeconds(5))).as("host B's start").isEmpty();
            assertThat(b.session(running).orElseThrow().ended()).as("host A's session runs on").isFalse();
            assertThat(b.measurement(measuring).orElseThrow().endedAt()).isEmpty();
            assertThat(InterruptedSessions.closeAll(a, MORNING.plusSeconds(6))).extracting(InterruptedSessions.Recovered::sessionId)
                    .containsExactly(running);
            assertThat(a.measurement(measuring).orElseThrow().outcome()).contains(InterruptedSessions.STATE);
        }
    }

    @Test
    void thePasswordComesFromAnOwnerOnlyFileOrTheEnvironmentNeverTheUrl() throws Exception {
        PostgresServer server = PostgresServer.shared();
        server.createRole("clinic_host", "s3cret'pass");
        String db = server.createDatabase("pw", "clinic_host");
        RecordsLocation site = RecordsLocation.parse(server.url(db, "clinic_host"));
        TmsHome home = new TmsHome(Files.createDirectories(dir.resolve("pw")));

        Path file = Files.writeString(dir.resolve("password"), "s3cret'pass\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        assertThatThrownBy(() -> RecordStore.open(home, site, Map.of(RecordsLocation.PASSWORD_FILE_ENV, file.toString())))
                .isInstanceOf(RecordsLocationRefused.class).hasMessageContaining("can be read by others")
                .hasMessageContaining("chmod 600");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        try (RecordStore store = RecordStore.open(home, site, Map.of(RecordsLocation.PASSWORD_FILE_ENV, file.toString()))) {
            assertThat(store.shared()).isTrue();
            assertThat(store.where()).doesNotContain("s3cret");
        }
        try (RecordStore store = RecordStore.open(home, site, Map.of(RecordsLocation.PASSWORD_ENV, "s3cret'pass"))) {
            assertThat(store.createSession(session("s1", 1), MORNING)).isPositive();
        }
        assertThatThrownBy(() -> RecordStore.open(home, site, Map.of(RecordsLocation.PASSWORD_ENV, "wrong")))
                .isInstanceOf(RecordException.class).hasMessageNotContaining("wrong").hasMessageNotContaining("s3cret");

        assertThatThrownBy(() -> RecordsLocation.parse(server.url(db, "clinic_host") + "&password=x"))
                .isInstanceOf(RecordsLocationRefused.class).hasMessageContaining("would be logged").hasMessageNotContaining("=x");
        assertThatThrownBy(() -> RecordsLocation.parse("postgresql://u:x@127.0.0.1/db?user=u"))
                .isInstanceOf(RecordsLocationRefused.class).hasMessageContaining(RecordsLocation.PASSWORD_FILE_ENV);
        assertThatThrownBy(() -> RecordsLocation.parse("postgresql://127.0.0.1/db?user=u&ssl=true"))
                .isInstanceOf(RecordsLocationRefused.class).hasMessageContaining("unknown option 'ssl'");
        assertThatThrownBy(() -> RecordsLocation.parse("mysql://127.0.0.1/db?user=u"))
                .isInstanceOf(RecordsLocationRefused.class).hasMessageContaining("only postgresql://");
        assertThat(RecordsLocation.parse("postgresql://db.clinic/tms?user=u&sslmode=verify-full").describe())
                .isEqualTo("postgresql://db.clinic:5432/tms?user=u&sslmode=verify-full");
    }

    @Test
    void aServerOutOfReachIsARetryableFailureAndTheSameStoreWritesOnceItIsBack() throws Exception {
        try (PostgresServer server = PostgresServer.startNew()) {
            RecordsLocation site = RecordsLocation.parse(server.url(server.createDatabase("down")));
            try (RecordStore a = host("host-a", site)) {
                long id = a.createSession(session("s1", 4), MORNING);
                a.appendPulses(id, List.of(new PulseRow(0, 0, 10, 40, 0)));
                server.stop();
                RecordException down = null;
                try {
                    a.appendPulses(id, List.of(new PulseRow(1, 100, 110, 40, 0)));
                } catch (RecordException e) {
                    down = e;
                }
                assertThat(down).as("a write to a stopped server fails").isNotNull();
                assertThat(down.unreachable()).as(down.getMessage()).isTrue();
                assertThat(down.lockedByAnother()).isFalse();
                server.start();
                a.appendPulses(id, List.of(new PulseRow(1, 100, 110, 40, 0), new PulseRow(2, 200, 210, 40, 0)));
                a.appendPulses(id, List.of(new PulseRow(2, 200, 210, 40, 0))); // sent again: once on record
                assertThat(a.pulses(id)).extracting(PulseRow::index).containsExactly(0, 1, 2);
            }
        }
    }

    @Test
    void aHomeThatKeptItsOwnDatabaseGetsSiteIdsAboveItsJournals() throws Exception {
        RecordsLocation site = site(PostgresServer.shared());
        Path home = Files.createDirectories(dir.resolve("old-host"));
        Files.createDirectories(home.resolve("journals"));
        Files.writeString(home.resolve("journals").resolve("session-41.journal"), "an old session's journal");
        System.setProperty(HostName.PROPERTY, "old-host");
        try (RecordStore store = RecordStore.open(new TmsHome(home), site, Map.of())) {
            assertThat(store.createSession(session("s1", 1), MORNING)).isGreaterThan(41);
        }
    }
}
