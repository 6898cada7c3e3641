package org.tmshost.timing;

import java.util.Objects;
import java.util.concurrent.locks.LockSupport;

/**
 * Waits on a {@link VirtualClock} by moving it to the deadline at once, so a 37-minute plan runs in
 * milliseconds (the dry run). With no deadline (paused) it parks briefly and returns, so a paused
 * schedule waits for another thread to resume or trip it instead of spinning hot.
 */
public final class VirtualTimeWaiter implements DeadlineWaiter {
    public static final String ALIAS = "virtual";
    private static final long PAUSED_PARK_NANOS = 1_000_000L;

    private final VirtualClock clock;

    public VirtualTimeWaiter(VirtualClock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void awaitDeadline(long deadlineNanos, WakeSignal signal) {
        if (signal.isRaised()) {
            return;
        }
        if (deadlineNanos == NO_DEADLINE) {
            LockSupport.parkNanos(this, PAUSED_PARK_NANOS);
            return;
        }
        clock.advanceTo(deadlineNanos);
    }

    @Override
    public VirtualClock clock() {
        return clock;
    }

    @Override
    public String alias() {
        return ALIAS;
    }

    @Override
    public String toString() {
        return "VirtualTimeWaiter[" + clock + "]";
    }
}
