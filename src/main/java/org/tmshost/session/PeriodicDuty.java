package org.tmshost.session;

import java.util.concurrent.locks.LockSupport;

/**
 * A {@link DutyCycle} and its period, owned by the session: on the system clock it runs on its own
 * daemon thread, parked a period between rounds; on virtual time the session steps it with
 * {@link #doWorkIfDue} whenever the period has come on its clock. Closing it ends the loop after the
 * round in progress.
 */
final class PeriodicDuty {
    private final DutyCycle duty;
    private final long periodNanos;
    private long nextNanos;
    private volatile boolean closed;
    private volatile Thread thread;

    /** @param firstNanos when a stepped duty's first round is due */
    PeriodicDuty(DutyCycle duty, long periodNanos, long firstNanos) {
        this.duty = duty;
        this.periodNanos = periodNanos;
        this.nextNanos = firstNanos;
    }

    /** The loop has ended: closed, or the duty is done. */
    boolean done() {
        return closed || duty.done();
    }

    /** {@link #startThread}'s priority for a thread that keeps its creator's. */
    static final int CREATOR_PRIORITY = 0;

    /**
     * Runs the loop on a new daemon thread: {@code first} on it, then rounds a period apart until
     * done, then {@code last} (also when a round throws).
     *
     * @param priority the thread's priority, or {@link #CREATOR_PRIORITY}
     */
    void startThread(String name, int priority, Runnable first, Runnable last) {
        Thread t = new Thread(() -> {
            first.run();
            try {
                while (!done()) {
                    duty.doWork();
                    if (!done()) {
                        LockSupport.parkNanos(periodNanos);
                    }
                }
            } finally {
                last.run();
            }
        }, name);
        t.setDaemon(true);
        if (priority != CREATOR_PRIORITY) {
            t.setPriority(priority);
        }
        thread = t;
        t.start();
    }

    /** A stepped round: runs one if the period has come at {@code nowNanos}; the work counted, 1 or 0. */
    int doWorkIfDue(long nowNanos) {
        if (done() || nowNanos - nextNanos < 0) {
            return 0;
        }
        nextNanos = nowNanos + periodNanos;
        duty.doWork();
        return 1;
    }

    /** When a stepped round is next due. */
    long nextDueNanos() {
        return nextNanos;
    }

    /** Wakes the thread from its park: the next round comes at once. */
    void wake() {
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    /** Ends the loop after the round in progress and waits up to {@code joinMillis} for its thread. */
    void close(long joinMillis) {
        closed = true;
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
            try {
                t.join(joinMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
