package org.tmshost.threshold;

import org.tmshost.timing.Clock;

/**
 * The time source and waiter of a hunt: the scheduler's {@link Clock} that can also wait.
 * {@link #system()} for real hunts; {@link VirtualHuntClock} for tests and the bench, which then run
 * instantly on virtual time.
 */
public interface HuntClock extends Clock {
    /** Returns once {@link #nanoTime()} has reached {@code deadlineNanos}. */
    void sleepUntil(long deadlineNanos) throws InterruptedException;

    static HuntClock system() {
        return new HuntClock() {
            @Override
            public long nanoTime() {
                return System.nanoTime();
            }

            @Override
            public void sleepUntil(long deadlineNanos) throws InterruptedException {
                long remaining;
                while ((remaining = deadlineNanos - System.nanoTime()) > 0) {
                    Thread.sleep(remaining / 1_000_000, (int) (remaining % 1_000_000));
                }
            }
        };
    }
}
