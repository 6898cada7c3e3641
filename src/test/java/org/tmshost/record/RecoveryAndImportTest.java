package org.tmshost.record;

import org.tmshost.testing.TestStores;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tmshost.timing.FireJournal;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@Tag("unit")
class RecoveryAndImportTest {
    private static final Instant NOW = Instant.parse("2026-11-22T09:00:00Z");

    private static NewSession session() {
        return new NewSession("s1", "op1", "itbs", "name: x\n", "simulator", "p", "e", "sim:simulator", true,
                "PASS", 10);
    }

    @Test
    void theImporterCopiesOnlyNewEntriesRelativeToT0(@TempDir Path dir) throws Exception {
        FireJournal journal = FireJournal.mapped(dir.resolve("j"), 10);
        try (RecordStore store = TestStores.open(dir.resolve("db"))) {
            long id = store.createSession(session(), NOW);
            JournalImporter importer = new JournalImporter(journal, store, id, 1_000);
            journal.append(0, 1_000, 1_500, 40, 0);
            journal.append(1, 2_000, 2_100, 40, 0);
            assertThat(importer.importAvailable()).isEqualTo(2);
            assertThat(importer.importAvailable()).isZero();
            journal.append(2, 3_000, 3_050, 41, 1);
            assertThat(importer.importAvailable()).isEqualTo(1);
            assertThat(store.pulses(id)).containsExactly(new PulseRow(0, 0, 500, 40, 0),
                    new PulseRow(1, 1_000, 1_100, 40, 0), new PulseRow(2, 2_000, 2_050, 41, 1));
        }
    }

    @Test
    void recoveryClosesAnOpenSessionWithExactlyTheJournalsPulses(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("session.journal");
        FireJournal journal = FireJournal.mapped(file, 10);
        long id;
        try (RecordStore store = TestStores.open(dir.resolve("db"))) {
            id = store.createSession(session(), NOW);
            store.setJournalPath(id, file);
            store.recordStart(id, 100, NOW);
            for (int i = 0; i < 7; i++) {
                journal.append(i, 100 + i * 10L, 101 + i * 10L, 40, 0);
            }
            new JournalImporter(journal, store, id, 100).importAvailable(); // the recorder got some in
            journal.append(7, 170, 171, 40, 0); // ... and the process died before importing this one
        }
        assertThat(FireJournal.open(file).count()).isEqualTo(8);
        try (RecordStore store = TestStores.open(dir.resolve("db"))) {
            var recovered = InterruptedSessions.closeAll(store, NOW.plusSeconds(60));
            assertThat(recovered).extracting(InterruptedSessions.Recovered::deliveredPulses).containsExactly(8);
            SessionRow row = store.session(id).orElseThrow();
            assertThat(row.state()).isEqualTo("INTERRUPTED");
            assertThat(row.endCause()).contains("INTERRUPTED");
            assertThat(row.deliveredPulses()).isEqualTo(8);
            assertThat(store.pulses(id).get(7).actualNanos()).isEqualTo(71);
            assertThat(InterruptedSessions.closeAll(store, NOW)).isEmpty();
        }
    }

    /**
     * A device-timed train runs on after the host is killed, until the device stops on its own (its
     * lease runs out) or its train ends: recovery records what it delivered in that time, from the
     * train written ahead in the journal, never a pulse not yet due.
     */
    @Test
    void recoveryRecordsTheDeviceTimedPulsesTheDeviceDeliveredBeforeItStoppedOnItsOwn(@TempDir Path dir)
            throws Exception {
        long base = System.nanoTime() - 10_000_000_000L; // the train started 10 s ago, on this boot's clock
        long ms = 1_000_000L;
        Path leased = dir.resolve("leased.journal");
        FireJournal journal = FireJournal.mapped(leased, 10);
        journal.append(0, base, base, 40, 0); // the host started the train
        for (int k = 1; k < 10; k++) {
            journal.expect(k - 1, k, base + k * 100 * ms, base + k * 100 * ms, 40, 0);
        }
        journal.deviceRanUntil(base + 450 * ms); // the last acknowledged command plus the lease, as the monitor wrote it
        journal.deviceStopsBy(base + 550 * ms); // the last command written plus the lease: pulse 5 may have come
        Path unleased = dir.resolve("unleased.journal");
        FireJournal runsOut = FireJournal.mapped(unleased, 10);
        long now = System.nanoTime();
        runsOut.append(0, now - 250 * ms, now - 250 * ms, 40, 0);
        runsOut.expect(0, 1, now - 150 * ms, now - 150 * ms, 40, 0);
        runsOut.expect(1, 2, now - 50 * ms, now - 50 * ms, 40, 0);
        runsOut.expect(2, 3, now + 10_000 * ms, now + 10_000 * ms, 40, 0); // not due yet when recovery runs
        runsOut.deviceRanUntil(Long.MAX_VALUE); // a MagPro: nothing stops its train but a command
        runsOut.deviceStopsBy(Long.MAX_VALUE);
        long leasedId;
        long unleasedId;
        try (RecordStore store = TestStores.open(dir.resolve("db"))) {
            leasedId = store.createSession(session(), NOW);
            store.setJournalPath(leasedId, leased);
            store.recordStart(leasedId, base, NOW);
            unleasedId = store.createSession(session(), NOW);
            store.setJournalPath(unleasedId, unleased);
            store.recordStart(unleasedId, now - 250 * ms, NOW);
        }
        try (RecordStore store = TestStores.open(dir.resolve("db"))) {
            var recovered = InterruptedSessions.closeAll(store, NOW.plusSeconds(60));
            assertThat(recovered).extracting(InterruptedSessions.Recovered::deliveredPulses).containsExactly(5, 3);
            assertThat(store.pulses(leasedId)).extracting(PulseRow::index).containsExactly(0, 1, 2, 3, 4);
            assertThat(store.pulses(leasedId).get(4).actualNanos()).isEqualTo(400 * ms);
            assertThat(store.pulses(leasedId).get(4).confirmed()).isEmpty();
            assertThat(recovered.get(0).reason()).contains("4 more the device timed on its own")
                    .contains("may have delivered up to 1 more");
            assertThat(recovered.get(1).reason()).doesNotContain("may have delivered");
        }
    }

    @Test
    void aSessionThatNeverStartedIsClosedWithNoPulses(@TempDir Path dir) {
        try (RecordStore store = TestStores.open(dir.resolve("db"))) {
            long id = store.createSession(session(), NOW);
            assertThat(InterruptedSessions.closeAll(store, NOW)).singleElement()
                    .satisfies(r -> assertThat(r.reason()).contains("had not started"));
            assertThat(store.session(id).orElseThrow().deliveredPulses()).isZero();
        }
    }

    @Test
    void theHomeDirectoryPropertyWinsOverTheEnvironment() {
        assertThat(TmsHome.resolve("/p", Map.of(TmsHome.ENV, "/e")).directory()).isEqualTo(Path.of("/p"));
        assertThat(TmsHome.resolve(null, Map.of(TmsHome.ENV, "/e")).directory()).isEqualTo(Path.of("/e"));
        assertThat(TmsHome.resolve(null, Map.of()).directory().getFileName().toString()).isEqualTo(".tmshost");
    }
}
