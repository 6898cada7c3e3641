package org.tmshost.simulator;

import org.tmshost.timing.Clock;

/**
 * The clock of a simulated device under an emulator: real time, except while the emulator handles a
 * command (it reads the command's arrival) or delivers a pulse its own timer scheduled (that pulse's
 * due time). A unit's train timer is exact
 * however late the emulator thread runs; the device's log must say so, not the thread's lateness.
 * Never runs backwards.
 */
public final class DeviceClock implements Clock {
    private final Clock real;
    private long pinned = Long.MIN_VALUE;
    private long last = Long.MIN_VALUE;

    public DeviceClock(Clock real) {
        this.real = real;
    }

    /**
     * Reads {@code dueNanos} until {@link #restore} (no earlier than any time already read).
     *
     * @return what was pinned before, for {@link #restore}: pins nest (a timer's pulse inside a command's handling)
     */
    public synchronized long pinTo(long dueNanos) {
        long previous = pinned;
        pinned = dueNanos;
        return previous;
    }

    /** Back to what {@link #pinTo} returned: the outer pin, or real time. */
    public synchronized void restore(long previous) {
        pinned = previous;
    }


    @Override
    public synchronized long nanoTime() {
        long now = pinned != Long.MIN_VALUE ? pinned : real.nanoTime();
        last = Math.max(last, now);
        return last;
    }
}
