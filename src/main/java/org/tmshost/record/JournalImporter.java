package org.tmshost.record;

import org.tmshost.timing.FireJournal;

import java.util.ArrayList;
import java.util.List;

/**
 * Copies fired pulses from a session's {@link FireJournal} into the {@link RecordStore}, in batches:
 * the recorder thread calls {@link #importAvailable()} every few tens of milliseconds, the session
 * calls it once more at the end, and recovery calls it on a journal a killed process left behind.
 * Pulse times are stored relative to the session's t0.
 *
 * <p>Thread contract: one thread at a time calls {@link #importAvailable()}; the journal may be
 * appended concurrently by its single writer (entries below its published count are complete).
 * A failed batch ({@link RecordException}) is not counted as imported, so the next call retries it;
 * re-importing a pulse is a no-op in the store.
 */
public final class JournalImporter {
    private final FireJournal journal;
    private final RecordStore store;
    private final long sessionId;
    private final long t0Nanos;
    private volatile int imported;
    private volatile int recorded;
    private volatile long batches;
    private volatile long busyNanos;
    private volatile long longestBatchNanos;

    public JournalImporter(FireJournal journal, RecordStore store, long sessionId, long t0Nanos) {
        this.journal = journal;
        this.store = store;
        this.sessionId = sessionId;
        this.t0Nanos = t0Nanos;
    }

    /**
     * Imports every journal entry not yet in the record, in one transaction.
     *
     * @return how many journal entries this call imported
     * @throws RecordException if the store cannot take them (disk full, locked); nothing is lost,
     *                         the journal still holds them
     */
    public int importAvailable() {
        return importThrough(journal.count());
    }

    /**
     * Imports entries up to {@code end} (exclusive), which may reach past the published count into
     * entries the device delivered on its own after the host stopped ({@link FireJournal#deliveredIfStoppedBy}).
     * Only once the journal's writer has halted.
     */
    public int importThrough(int end) {
        int from = imported;
        int to = end;
        if (to <= from) {
            return 0;
        }
        List<PulseRow> rows = new ArrayList<>(to - from);
        for (int entry = from; entry < to; entry++) {
            if (journal.unconfirmed(entry)) {
                continue; // the device may not have delivered it: the session counts it among those it may have
            }
            rows.add(new PulseRow(journal.pulseIndex(entry), journal.plannedNanos(entry) - t0Nanos,
                    journal.actualNanos(entry) - t0Nanos, journal.outputPercentMso(entry), journal.channel(entry),
                    journal.refused(entry) ? java.util.Optional.of(false) : java.util.Optional.empty()));
        }
        long started = System.nanoTime();
        store.appendPulses(sessionId, rows);
        long took = System.nanoTime() - started;
        imported = to;
        recorded = recorded + rows.size();
        batches = batches + 1;
        busyNanos = busyNanos + took;
        longestBatchNanos = Math.max(longestBatchNanos, took);
        return to - from;
    }

    /** Journal entries imported so far. */
    public int imported() {
        return imported;
    }

    /** Pulses put on record so far: the entries imported but those the device did not confirm. */
    public int recorded() {
        return recorded;
    }

    /** Batches written so far. */
    public long batches() {
        return batches;
    }

    /** Total time spent in store writes (each a durable transaction). */
    public long busyNanos() {
        return busyNanos;
    }

    /** The slowest single batch write. */
    public long longestBatchNanos() {
        return longestBatchNanos;
    }
}
