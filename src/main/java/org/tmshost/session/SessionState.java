package org.tmshost.session;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a session is. {@code IDLE -> PREPARED -> ARMED -> RUNNING <-> PAUSED -> COMPLETED | ABORTED |
 * FAULTED}; {@link #INTERRUPTED} is given at start-up to a session a dead process left open. Every
 * change goes through one transition method that records old, new, time, reason and user.
 */
public enum SessionState {
    /** Nothing prepared. */
    IDLE,
    /** Protocol expanded and checked against the envelope; the record exists; the device is not armed. */
    PREPARED,
    /** Every arming check passed and the device is armed and ready. */
    ARMED,
    /** The pulse thread is firing the plan. */
    RUNNING,
    /** Paused at a train boundary; the device stays armed. */
    PAUSED,
    /** Every planned pulse was fired. */
    COMPLETED,
    /** Ended early by a person: console stop, stop button, or a session cancelled before it ran. */
    ABORTED,
    /** Ended early by an interlock or a fault (device, link, timing, record). */
    FAULTED,
    /** Found open at start-up: the process died; closed with the pulses its journal holds. */
    INTERRUPTED;

    /** True for the states a session never leaves. */
    public boolean isTerminal() {
        return this == COMPLETED || this == ABORTED || this == FAULTED || this == INTERRUPTED;
    }

    /** The states this one may change to. */
    public Set<SessionState> next() {
        return switch (this) {
            case IDLE -> EnumSet.of(PREPARED);
            case PREPARED -> EnumSet.of(ARMED, ABORTED, FAULTED);
            case ARMED -> EnumSet.of(RUNNING, ABORTED, FAULTED);
            case RUNNING -> EnumSet.of(PAUSED, COMPLETED, ABORTED, FAULTED);
            case PAUSED -> EnumSet.of(RUNNING, ABORTED, FAULTED);
            case COMPLETED, ABORTED, FAULTED, INTERRUPTED -> EnumSet.noneOf(SessionState.class);
        };
    }

    public boolean canGoTo(SessionState to) {
        return next().contains(to);
    }
}
