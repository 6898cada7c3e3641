package org.tmshost.timing;

import java.util.HashMap;
import java.util.Map;

/**
 * A virtual-time waiter that wakes late on chosen waits: the scheduler's own lateness. Wait n is
 * the wait before pulse n when the first pulse is due at start (start lead 0).
 */
final class OversleepingWaiter implements DeadlineWaiter {
    private final VirtualClock clock;
    private final Map<Integer, Long> oversleepNanosByWait = new HashMap<>();
    private int waits;

    OversleepingWaiter(VirtualClock clock) {
        this.clock = clock;
    }

    OversleepingWaiter lateOnWait(int wait, long oversleepNanos) {
        oversleepNanosByWait.put(wait, oversleepNanos);
        return this;
    }

    @Override
    public void awaitDeadline(long deadlineNanos, WakeSignal signal) {
        waits++;
        clock.advanceTo(deadlineNanos + oversleepNanosByWait.getOrDefault(waits, 0L));
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public String alias() {
        return "oversleeping";
    }
}
