package org.tmshost.session;

import org.tmshost.record.FailureChain;
import org.tmshost.record.JournalImporter;
import org.tmshost.record.RecordException;

/**
 * The recorder's duty cycle: imports what the fire journal holds into the record store (on the
 * session's {@code tmshost-recorder} thread, or stepped by a session on virtual time). A write the
 * store refuses trips the session and ends the loop; the journal keeps every fired pulse.
 */
final class SessionRecorder implements DutyCycle {
    private final JournalImporter importer;
    private final InterlockTrips trips;
    private volatile boolean done;

    SessionRecorder(JournalImporter importer, InterlockTrips trips) {
        this.importer = importer;
        this.trips = trips;
    }

    /** @return the pulses imported */
    @Override
    public int doWork() {
        try {
            return importer.importAvailable();
        } catch (RecordException e) {
            done = true;
            trips.trip(InterlockCause.RECORD_FAILURE, "the record store refused a write (" + FailureChain.describe(e)
                    + "); every fired pulse is kept in the fire journal");
            return 0;
        }
    }

    @Override
    public boolean done() {
        return done;
    }
}
