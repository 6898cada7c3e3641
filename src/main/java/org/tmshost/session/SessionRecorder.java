package org.tmshost.session;

import org.tmshost.record.FailureChain;
import org.tmshost.record.JournalImporter;
import org.tmshost.record.RecordException;
import org.tmshost.timing.Clock;

/**
 * The recorder's duty cycle: imports what the fire journal holds, and the coil temperatures the
 * monitor kept, into the record store (on the
 * session's {@code tmshost-recorder} thread, or stepped by a session on virtual time).
 *
 * <p>A store locked by another program (a technician's {@code tmshost sessions} in a second
 * terminal, a backup) is waited out: the journal keeps every fired pulse and the next round
 * retries the same batch, so a treatment is not ended by someone reading the records. A store
 * still locked after {@link #LOCK_PATIENCE_NANOS}, or a write refused for any other reason (a full
 * disk), trips the session and ends the loop.
 *
 * <p>A site database whose server is out of reach (down, restarting, the network) is waited out for
 * as long as it takes: the fire journal on this host holds every pulse, write-ahead, for the whole
 * session, and each round tries the same batch again on a new connection, so the pulses reach the
 * server once, when it is back. The treatment goes on; {@link #outOfReach()} tells the live panel.
 */
final class SessionRecorder implements DutyCycle {
    /** How long the recorder waits out another program's lock on the store before it trips. */
    static final long LOCK_PATIENCE_NANOS = 10_000_000_000L;

    private final JournalImporter importer;
    private final CoilTemperatureLog temperatures;
    private final InterlockTrips trips;
    private final Clock clock;
    private volatile boolean done;
    private volatile String outOfReach;
    private boolean waiting;
    private long lockedSinceNanos;

    SessionRecorder(JournalImporter importer, CoilTemperatureLog temperatures, InterlockTrips trips, Clock clock) {
        this.importer = importer;
        this.temperatures = temperatures;
        this.trips = trips;
        this.clock = clock;
    }

    /** @return the pulses imported */
    @Override
    public int doWork() {
        try {
            int imported = importer.importAvailable();
            temperatures.write();
            waiting = false;
            outOfReach = null;
            return imported;
        } catch (RecordException e) {
            if (e.unreachable()) {
                if (outOfReach == null) {
                    outOfReach = "the site's records are out of reach (" + FailureChain.describe(e) + "); the "
                            + "session goes on, its pulses kept in the fire journal and sent when the server is back";
                }
                return 0;
            }
            if (e.lockedByAnother() && withinPatience()) {
                return 0;
            }
            done = true;
            trips.trip(InterlockCause.RECORD_FAILURE, "the record store refused a write (" + FailureChain.describe(e)
                    + (e.lockedByAnother() ? "; locked by another program for " + LOCK_PATIENCE_NANOS / 1_000_000_000L
                    + " s" : "") + "); every fired pulse is kept in the fire journal");
            return 0;
        }
    }

    private boolean withinPatience() {
        long now = clock.nanoTime();
        if (!waiting) {
            waiting = true;
            lockedSinceNanos = now;
        }
        return now - lockedSinceNanos < LOCK_PATIENCE_NANOS;
    }

    /** Why the records are behind the journal (the site's server out of reach), or null while they keep up. */
    String outOfReach() {
        return outOfReach;
    }

    @Override
    public boolean done() {
        return done;
    }
}
