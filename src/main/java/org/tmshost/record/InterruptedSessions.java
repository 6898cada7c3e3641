package org.tmshost.record;

import org.tmshost.timing.FireJournal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Start-up recovery (design.md invariant 6): every session still open in the record belongs to a
 * process that died (killed, crashed, power lost). Each is closed as {@value #STATE} with exactly the
 * pulses its memory-mapped fire journal holds: those are imported first (the ones the recorder had
 * already imported are no-ops), then the session ends. A session whose host saw the record fail
 * (disk full, read-only, I/O error) left a {@link RecordFailureNote}: it is closed as that note says
 * (FAULTED, {@code RECORD_FAILURE}, the store's reason), not as a process that died.
 */
public final class InterruptedSessions {
    public static final String STATE = "INTERRUPTED";

    /** One recovered session: its id, the pulses now on record, what the journal said, and the end state recorded. */
    public record Recovered(long sessionId, int deliveredPulses, String reason, String state) {
    }

    private InterruptedSessions() {
    }

    /**
     * Closes every open session in {@code store}, and every open excitability measurement
     * ({@link InterruptedMeasurements}). Call once at start-up, before a new session opens (a session
     * of this process is open too, while it runs).
     */
    public static List<Recovered> closeAll(RecordStore store, Instant now) {
        var recovered = new ArrayList<Recovered>();
        for (SessionRow session : store.unfinishedSessions()) {
            recovered.add(close(store, session, now));
        }
        InterruptedMeasurements.closeAll(store, now); // a measurement's host died with its session
        return recovered;
    }

    /**
     * The entries the device delivered if it stopped at {@code stopsBy}: the published ones, and those of a
     * device-timed train written ahead whose time came before, as the session's monitor last recorded
     * it; never later than now (the train cannot have run further yet, and this host
     * disarms the device when it next opens it). Same boot, same monotonic clock as the dead writer.
     */
    private static int settled(FireJournal journal, long stopsBy) {
        if (stopsBy == 0) {
            return journal.count(); // no monitor ever wrote it: nothing was written ahead either
        }
        long now = System.nanoTime();
        if (journal.count() > 0 && now - journal.actualNanos(journal.count() - 1) < 0) {
            return journal.count(); // the clock restarted (the host rebooted): the device's stop cannot be placed
        }
        return journal.deliveredIfStoppedBy(stopsBy - now < 0 ? stopsBy : now);
    }

    private static Recovered close(RecordStore store, SessionRow session, Instant now) {
        String journalNote;
        Optional<Path> path = session.journalPath().map(Path::of);
        if (path.isPresent() && Files.isRegularFile(path.get())) {
            try {
                FireJournal journal = FireJournal.open(path.get());
                long t0 = session.t0Nanos().orElse(journal.count() > 0 ? journal.plannedNanos(0) : 0L);
                int ranOn = settled(journal, journal.deviceRanUntilNanos()) - journal.count();
                int unconfirmed = journal.unconfirmedCount(); // fire commands the device did not confirm
                int mayHave = settled(journal, journal.deviceStopsByNanos()) - journal.count() - ranOn + unconfirmed;
                new JournalImporter(journal, store, session.id(), t0).importThrough(journal.count() + ranOn);
                if (mayHave > 0) { // a continuation starts past them
                    store.recordMayHaveDelivered(session.id(), mayHave);
                }
                journalNote = "its fire journal holds " + (journal.count() - unconfirmed) + " fired pulse(s), all now on record"
                        + (ranOn > 0 ? ", and " + ranOn + " more the device timed on its own before it stopped "
                        + "(its lease ran out, or its loaded train ended), recorded unconfirmed" : "")
                        + (mayHave > 0 ? "; the device may have delivered up to " + mayHave + " more before its "
                        + "lease ran out (not on record: the host cannot tell whether its last command arrived)" : "");
            } catch (IOException e) {
                journalNote = "its fire journal could not be read (" + e.getMessage()
                        + "); only the pulses imported before the stop are on record";
            }
        } else {
            journalNote = session.journalPath().isPresent()
                    ? "its fire journal is missing; only the pulses imported before the stop are on record"
                    : "it had not started firing";
        }
        int delivered = store.session(session.id()).map(SessionRow::deliveredPulses).orElse(0);
        String counted = " (" + delivered + " of " + session.plannedPulses() + " planned)";
        Optional<RecordFailureNote.Note> noted = failureNote(path);
        if (noted.isPresent()) {
            RecordFailureNote.Note note = noted.get();
            String reason = note.reason() + "; recorded at the next start: " + journalNote + counted;
            if (!note.cause().equals(note.state())
                    && store.trips(session.id()).stream().noneMatch(t -> t.cause().equals(note.cause()))) {
                store.recordTrip(session.id(), note.cause(), note.reason(), now);
            }
            store.endSession(session.id(), session.state(), note.state(), note.cause(), reason, null, now,
                    Optional.empty());
            RecordFailureNote.clear(path.get());
            return new Recovered(session.id(), delivered, reason, note.state());
        }
        String reason = "tmshost stopped while this session was " + session.state()
                + " (process killed, crashed or power lost); " + journalNote + counted;
        store.endSession(session.id(), session.state(), STATE, STATE, reason, null, now, Optional.empty());
        return new Recovered(session.id(), delivered, reason, STATE);
    }

    /** The end the session's host noted when its record failed, if it did (an unreadable note is no note). */
    private static Optional<RecordFailureNote.Note> failureNote(Optional<Path> journal) {
        try {
            return journal.isPresent() ? RecordFailureNote.read(journal.get()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
