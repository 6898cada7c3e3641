package org.tmshost.threshold;

/** Virtual time: sleeping moves the clock forward at once. Single-threaded use. */
public final class VirtualHuntClock implements HuntClock {
    private long nowNanos;

    public VirtualHuntClock(long startNanos) {
        this.nowNanos = startNanos;
    }

    @Override
    public long nanoTime() {
        return nowNanos;
    }

    @Override
    public void sleepUntil(long deadlineNanos) {
        nowNanos = Math.max(nowNanos, deadlineNanos);
    }

    /** Moves the clock forward (e.g. the time an operator takes to answer). */
    public void advance(long nanos) {
        if (nanos < 0) {
            throw new IllegalArgumentException("time does not run backwards");
        }
        nowNanos += nanos;
    }
}
