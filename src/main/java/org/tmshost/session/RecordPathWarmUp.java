package org.tmshost.session;

import org.tmshost.record.JournalImporter;
import org.tmshost.record.NewSession;
import org.tmshost.record.RecordStore;
import org.tmshost.timing.FireJournal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A rehearsal of the recorder's path on a throwaway store in a temporary directory: a session
 * record, journal imports in batches, the dose ledger. Why: the recorder's first import of a real
 * session (class loading, method-handle spinning, statement preparation) landed a few ms after the
 * first pulse and, on a 2-core host, made the second pulse 1.6-2.1 ms late. Nothing here touches the
 * real record.
 */
final class RecordPathWarmUp {
    private static final int PULSES = 400;
    private static final int BATCH = 20;

    private RecordPathWarmUp() {
    }

    static void run() {
        Path dir;
        try {
            dir = Files.createTempDirectory("tmshost-warm-up");
        } catch (IOException e) {
            return; // no temporary space: the session runs without the rehearsal
        }
        try (RecordStore store = RecordStore.open(dir.resolve("warm-up.db"))) {
            Instant now = Instant.now();
            long id = store.createSession(new NewSession("warm-up", "warm-up", "warm-up", "warm-up", "warm-up",
                    "-", "-", "sim:warm-up", true, "PASS", PULSES), now);
            store.recordStart(id, 0, now);
            FireJournal journal = FireJournal.inMemory(PULSES);
            JournalImporter importer = new JournalImporter(journal, store, id, 0);
            for (int pulse = 0; pulse < PULSES; pulse++) {
                journal.append(pulse, pulse * 1_000_000L, pulse * 1_000_000L + 1_000, 40, 0);
                if (pulse % BATCH == BATCH - 1) {
                    importer.importAvailable();
                }
            }
            store.doseTotals("warm-up", now, java.time.ZoneOffset.UTC);
        } catch (RuntimeException e) {
            // a rehearsal that fails costs nothing but the rehearsal
        } finally {
            delete(dir);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            dir.toFile().deleteOnExit();
        }
    }
}
