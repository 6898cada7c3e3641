package org.tmshost.timing;

/**
 * How the pulse thread waits for an absolute deadline on a {@link Clock}. The scheduler does not
 * know whether time is real or virtual: {@link HybridWaiter} parks then spins on the system clock,
 * {@link VirtualTimeWaiter} moves a {@link VirtualClock} to the deadline at once, and
 * {@link BusySpinWaiter} spins the whole way (the reference limit for benchmarks).
 *
 * <p>Contract for implementations: called only on the pulse thread; never allocate, lock, log, sleep
 * or do I/O; return as soon as the deadline is reached (clock time {@code >= deadlineNanos}) or the
 * signal is raised, whichever is first; a return is not a promise that the deadline has passed, the
 * caller reads the clock again.
 */
public interface DeadlineWaiter {
    /** Deadline value meaning "no pulse is due": wait until the signal is raised. */
    long NO_DEADLINE = Long.MAX_VALUE;

    /**
     * Waits until {@code deadlineNanos} or until {@code signal} is raised.
     *
     * @param deadlineNanos absolute time on the waiter's clock, or {@link #NO_DEADLINE}
     * @param signal        checked in every iteration; a raised signal ends the wait early
     */
    void awaitDeadline(long deadlineNanos, WakeSignal signal);

    /** The clock this waiter waits on; the scheduler reads time from the same clock. */
    Clock clock();

    /** Short configuration name, e.g. {@code "hybrid"}, for reports. */
    String alias();
}
