package org.tmshost.timing;

/**
 * A clock that only moves when told to: by a test ({@link #advance(long)}), by a fake trigger that
 * simulates a slow fire, or by {@link VirtualTimeWaiter} when the dry run jumps to the next
 * deadline. Safe to read from any thread; moving it backwards is refused, as a monotonic clock
 * never goes back.
 *
 * <pre>{@code
 * VirtualClock clock = new VirtualClock(0);
 * clock.advance(1_000_000);      // 1 ms later
 * clock.nanoTime();              // 1_000_000
 * }</pre>
 */
public final class VirtualClock implements Clock {
    private volatile long nowNanos;

    /** A clock that reads {@code startNanos} until advanced. */
    public VirtualClock(long startNanos) {
        this.nowNanos = startNanos;
    }

    @Override
    public long nanoTime() {
        return nowNanos;
    }

    /**
     * Moves time forward.
     *
     * @throws IllegalArgumentException if {@code nanos} is negative
     */
    public void advance(long nanos) {
        if (nanos < 0) {
            throw new IllegalArgumentException("a monotonic clock cannot go back " + nanos + " ns");
        }
        nowNanos += nanos;
    }

    /** Moves time forward to {@code targetNanos}; does nothing if time is already there or past it. */
    public void advanceTo(long targetNanos) {
        if (targetNanos - nowNanos > 0) {
            nowNanos = targetNanos;
        }
    }

    @Override
    public String toString() {
        return "VirtualClock[" + nowNanos + " ns]";
    }
}
