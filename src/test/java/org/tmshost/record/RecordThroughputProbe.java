package org.tmshost.record;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tmshost.timing.FireJournal;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Measures (prints, never asserts) what the recorder costs: a journal fed at 50 pulses/s for 10 s
 * and imported every 50 ms as a session does, then the ceiling with larger batches. Run with
 * {@code ./mvnw -o -q test -Pslow -Dtest=RecordThroughputProbe}.
 */
@Tag("slow")
class RecordThroughputProbe {
    @Test
    void recorderAtFiftyPulsesPerSecond(@TempDir Path dir) throws Exception {
        int pulses = 500;
        FireJournal journal = FireJournal.mapped(dir.resolve("j"), 20_000);
        try (RecordStore store = RecordStore.open(dir.resolve("db"))) {
            long id = store.createSession(new NewSession("s", "op", "p", "x", "simulator", "p", "e", "sim:simulator",
                    true, "PASS", pulses), Instant.now());
            JournalImporter importer = new JournalImporter(journal, store, id, 0);
            long start = System.nanoTime();
            long nextImport = start;
            for (int i = 0; i < pulses; i++) {
                long due = start + i * 20_000_000L;
                while (System.nanoTime() < due) {
                    if (System.nanoTime() >= nextImport) {
                        importer.importAvailable();
                        nextImport += 50_000_000L;
                    }
                    LockSupport.parkNanos(1_000_000L);
                }
                journal.append(i, due, System.nanoTime(), 40, 0);
            }
            importer.importAvailable();
            double seconds = (System.nanoTime() - start) / 1e9;
            assertThat(importer.imported()).isEqualTo(pulses);
            System.out.printf(Locale.ROOT, "[record @50 pulses/s] %d pulses in %.1f s, %d batches, busy %.1f ms "
                            + "(%.2f%% of wall time), mean batch %.2f ms, longest %.2f ms%n", pulses, seconds,
                    importer.batches(), importer.busyNanos() / 1e6, 100 * importer.busyNanos() / 1e9 / seconds,
                    importer.busyNanos() / 1e6 / importer.batches(), importer.longestBatchNanos() / 1e6);
            for (int batch : new int[]{3, 50, 1000}) {
                long sessionId = store.createSession(new NewSession("s", "op", "p", "x", "simulator", "p", "e",
                        "sim:simulator", true, "PASS", 10_000), Instant.now());
                FireJournal big = FireJournal.mapped(dir.resolve("b" + batch), 10_000);
                JournalImporter bulk = new JournalImporter(big, store, sessionId, 0);
                long t = System.nanoTime();
                for (int i = 0; i < 3_000; i++) {
                    big.append(i, i, i, 40, 0);
                    if ((i + 1) % batch == 0) {
                        bulk.importAvailable();
                    }
                }
                bulk.importAvailable();
                double s = (System.nanoTime() - t) / 1e9;
                System.out.printf(Locale.ROOT, "[record ceiling] batches of %d: %.0f pulses/s%n", batch, 3_000 / s);
            }
        }
    }
}
