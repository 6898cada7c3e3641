package org.tmshost.timing;

import java.util.concurrent.locks.LockSupport;

/**
 * Park until {@code spinWindowNanos} before the deadline, then spin with {@link Thread#onSpinWait()}
 * until the deadline. Parking costs no CPU but wakes late (timer slack, scheduler latency: ~200 µs
 * at the median and beyond 1 ms in the tail on the reference VM); spinning wakes within a few µs but
 * burns a core. The spin window is the part of every interval that is spent spinning, so it trades
 * CPU ({@code spinWindow / interval}) for how much park lateness is absorbed; choose it with
 * {@link SpinWindowCalibration} on the target machine (docs/timing.md).
 *
 * <p>Without a deadline ({@link DeadlineWaiter#NO_DEADLINE}, while paused) it parks in slices of
 * {@link #IDLE_PARK_NANOS} until the signal is raised; the signal's owner also unparks the thread.
 */
public final class HybridWaiter implements DeadlineWaiter {
    public static final String ALIAS = "hybrid";
    /** Longest single park while no pulse is due; an unpark ends it sooner. */
    public static final long IDLE_PARK_NANOS = 100_000_000L;
    /** Default spin window, from the calibration on the reference VM (docs/timing.md). */
    public static final long DEFAULT_SPIN_WINDOW_NANOS = 1_500_000L;

    private final Clock clock;
    private final long spinWindowNanos;

    /** On the system clock with the default spin window. */
    public HybridWaiter() {
        this(SystemClock.INSTANCE, DEFAULT_SPIN_WINDOW_NANOS);
    }

    /**
     * @param clock           normally {@link SystemClock#INSTANCE}; parking is real time, so the
     *                        clock must advance by itself
     * @param spinWindowNanos how long before the deadline parking stops and spinning starts, >= 0
     */
    public HybridWaiter(Clock clock, long spinWindowNanos) {
        if (spinWindowNanos < 0) {
            throw new IllegalArgumentException("spin window must be >= 0 ns, got " + spinWindowNanos);
        }
        this.clock = java.util.Objects.requireNonNull(clock, "clock");
        this.spinWindowNanos = spinWindowNanos;
    }

    @Override
    public void awaitDeadline(long deadlineNanos, WakeSignal signal) {
        if (deadlineNanos == NO_DEADLINE) {
            while (!signal.isRaised()) {
                LockSupport.parkNanos(this, IDLE_PARK_NANOS);
            }
            return;
        }
        long remainingNanos;
        while ((remainingNanos = deadlineNanos - clock.nanoTime()) > 0) {
            if (signal.isRaised()) {
                return;
            }
            if (remainingNanos > spinWindowNanos) {
                LockSupport.parkNanos(this, remainingNanos - spinWindowNanos);
            } else {
                Thread.onSpinWait();
            }
        }
    }

    public long spinWindowNanos() {
        return spinWindowNanos;
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
        return "HybridWaiter[spinWindowNanos=" + spinWindowNanos + ", clock=" + clock + "]";
    }
}
