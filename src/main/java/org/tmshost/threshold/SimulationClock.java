package org.tmshost.threshold;

import org.tmshost.timing.Clock;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The clock of a simulated device ({@code sim:}) that fast hunts share: real time plus the virtual
 * time that {@code threshold hunt --fast} skipped. A fast hunt waits its 4–6 s between pulses by
 * moving this clock forward instead of sleeping, so that the simulated device sees the same spacing
 * (its arming delay, rate limits and coil cooling) as in a real hunt, and the hunt finishes at once.
 * The clock only ever moves forward, and only between sessions (the console refuses a hunt while a
 * session is armed).
 */
public final class SimulationClock implements Clock {
    private final AtomicLong skippedNanos = new AtomicLong();

    @Override
    public long nanoTime() {
        return System.nanoTime() + skippedNanos.get();
    }

    /** A hunt clock on this clock whose waits skip ahead instead of sleeping. */
    public HuntClock skipping() {
        return new HuntClock() {
            @Override
            public long nanoTime() {
                return SimulationClock.this.nanoTime();
            }

            @Override
            public void sleepUntil(long deadlineNanos) {
                long ahead = deadlineNanos - SimulationClock.this.nanoTime();
                if (ahead > 0) {
                    skippedNanos.addAndGet(ahead);
                }
            }
        };
    }
}
