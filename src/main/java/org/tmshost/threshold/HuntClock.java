package org.tmshost.threshold;

/**
 * The time source and waiter of a hunt. {@link #system()} for real hunts; {@link VirtualHuntClock}
 * for tests and the bench, which then run instantly on virtual time.
 */
public interface HuntClock {
    long nanoTime();

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
