package org.tmshost.timing;

import java.util.Objects;

/**
 * Spins on the clock the whole way to the deadline: the lowest lateness this machine can give a
 * Java thread, at the price of a full core. A benchmark reference and an option for very short
 * intervals, not the default.
 */
public final class BusySpinWaiter implements DeadlineWaiter {
    public static final String ALIAS = "spin";

    private final Clock clock;

    public BusySpinWaiter(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void awaitDeadline(long deadlineNanos, WakeSignal signal) {
        while (deadlineNanos - clock.nanoTime() > 0) {
            if (signal.isRaised()) {
                return;
            }
            Thread.onSpinWait();
        }
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public String alias() {
        return ALIAS;
    }

    @Override
    public String toString() {
        return "BusySpinWaiter[clock=" + clock + "]";
    }
}
