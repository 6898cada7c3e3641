package org.tmshost.session;

import org.tmshost.record.RecordException;
import org.tmshost.record.RecordStore;

import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;

/**
 * A session's state and the one transition method every change goes through: it checks the change
 * is allowed, records old -> new with time, reason and user, and publishes the new state. The
 * session decides the changes; it holds this object's lock where a check and a change must be one.
 */
final class RecordedState {
    /** What a terminal transition records beyond the state: cause code and device-reported count. */
    record End(InterlockCause cause, int deviceReportedPulses) {
    }

    private final RecordStore store;
    private final long sessionId;
    private final InstantSource wallClock;
    private volatile SessionState state = SessionState.IDLE;

    RecordedState(RecordStore store, long sessionId, InstantSource wallClock) {
        this.store = store;
        this.sessionId = sessionId;
        this.wallClock = wallClock;
    }

    SessionState get() {
        return state;
    }

    /**
     * A non-terminal change is recorded before it takes effect (a failed write throws and nothing
     * changes); a terminal one ({@code end} given) takes effect first (the session is over whatever
     * the disk says) and then is recorded, and a failed write puts the old state back and throws.
     */
    synchronized void transition(SessionState to, String reason, String userId, End end) {
        SessionState from = state;
        if (!from.canGoTo(to)) {
            throw new IllegalStateException("a session cannot go from " + from + " to " + to);
        }
        Instant at = wallClock.instant();
        if (to.isTerminal()) {
            state = to;
            try {
                store.endSession(sessionId, from.name(), to.name(),
                        end.cause() == null ? to.name() : end.cause().name(), reason, userId, at,
                        end.deviceReportedPulses() < 0 ? Optional.empty() : Optional.of(end.deviceReportedPulses()));
            } catch (RecordException e) {
                state = from;
                throw e;
            }
        } else {
            store.recordTransition(sessionId, from.name(), to.name(), reason, userId, at);
            state = to;
        }
    }

    /**
     * The end state without its record, when the final writes failed: the record stays open and the
     * next start closes it as INTERRUPTED from the journal.
     */
    void endUnrecorded(SessionState end) {
        state = end;
    }
}
