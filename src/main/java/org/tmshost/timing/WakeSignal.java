package org.tmshost.timing;

/**
 * Tells a {@link DeadlineWaiter} to stop waiting before its deadline: raised when the interlock
 * latch trips, when a pause is due at a train boundary, or when a paused schedule resumes. Read on
 * the pulse thread in every wait iteration, so implementations are a few volatile reads and never
 * allocate.
 */
@FunctionalInterface
public interface WakeSignal {
    /** A signal that is never raised: the waiter returns only at the deadline. */
    WakeSignal NEVER = () -> false;

    boolean isRaised();
}
