package org.tmshost.session;

import org.tmshost.record.DoseTotals;
import org.tmshost.record.RecordStore;
import org.tmshost.record.SubjectId;
import org.tmshost.safety.DoseHistory;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import java.util.Set;

/**
 * Per subject: session pulses and threshold-hunt pulses today, sessions today and time since the last session, read from the record
 * store; feeds the envelope's dose rules ({@link DoseHistory}) when a session is prepared and again
 * at arming.
 */
public final class DoseLedger {
    private final RecordStore store;
    private final ZoneId zone;
    private final Set<Long> treatment;

    public DoseLedger(RecordStore store, ZoneId zone) {
        this(store, zone, Set.of());
    }

    /**
     * A continuation's ledger: the sessions it continues are left out (their delivered pulses are
     * part of the plan it is checked with, and their end does not start an intersession interval
     * for the rest of the same treatment).
     */
    public DoseLedger(RecordStore store, ZoneId zone, Set<Long> treatment) {
        this.store = store;
        this.zone = zone;
        this.treatment = Set.copyOf(treatment);
    }

    /** The subject's ledger now. */
    public Entry entry(String entered, Instant now) {
        String subjectId = SubjectId.of(entered).value();
        DoseTotals totals = store.doseTotals(subjectId, now, zone, treatment);
        return new Entry(subjectId, totals.pulsesToday(), totals.huntPulsesToday(), totals.sessionsToday(),
                totals.lastSessionEnded(), now);
    }

    /** What the envelope sees. */
    public DoseHistory history(String subjectId, Instant now) {
        return entry(subjectId, now).history();
    }

    /** One subject's ledger at one moment. */
    public record Entry(String subjectId, int pulsesToday, int huntPulsesToday, int sessionsToday,
                        Optional<Instant> lastSessionEnded, Instant now) {
        public Optional<Duration> sinceLastSession() {
            return lastSessionEnded.map(ended -> Duration.between(ended, now));
        }

        public DoseHistory history() {
            return new DoseHistory(pulsesToday, huntPulsesToday, lastSessionEnded, now);
        }
    }
}
