package org.tmshost.threshold;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The clock of a simulated device ({@code sim:}) that fast hunts share: real time plus the virtual
 * time that {@code threshold hunt --fast} skipped. A fast hunt waits its 4–6 s between pulses by
 * moving this clock forward instead of sleeping, so that the simulated device sees the same spacing
 * (its arming delay, rate limits and coil cooling) as in a real hunt, and the hunt finishes at once.
 * The clock only ever moves forward, and only between sessions (the console refuses a hunt while a
 * session is armed).
 */
public final class SimulationClock implements LongSupplier {
    private final AtomicLong skippedNanos = new AtomicLong();

    @Override
    public long getAsLong() {
        return System.nanoTime() + skippedNanos.get();
    }

    /** Virtual time skipped so far by fast hunts. */
    public long skippedNanos() {
        return skippedNanos.get();
    }

    /** A hunt clock on this clock whose waits skip ahead instead of sleeping. */
    public HuntClock skipping() {
        return new HuntClock() {
            @Override
            public long nanoTime() {
                return getAsLong();
            }

            @Override
            public void sleepUntil(long deadlineNanos) {
                long ahead = deadlineNanos - getAsLong();
                if (ahead > 0) {
                    skippedNanos.addAndGet(ahead);
                }
            }
        };
    }
}
