package org.tmshost.timing;

/**
 * Where a {@link PulseScheduler} is. Terminal states: {@link #COMPLETED}, {@link #STOPPED},
 * {@link #FAULTED}. Each constant has a stable code (its ordinal, checked) so the pulse thread
 * publishes its state as one volatile int.
 */
public enum SchedulerState {
    /** Built, not started. */
    CREATED,
    /** Firing the plan (or waiting for the next deadline). */
    RUNNING,
    /** Paused at a train boundary; {@code resume()} continues with the next train. */
    PAUSED,
    /** Every pulse of the plan fired. */
    COMPLETED,
    /** The latch tripped (stop, interlock, device, link); no pulse fired after the trip. */
    STOPPED,
    /** Timing fault or trigger failure: the train stopped, see {@code PulseScheduler.timingFault()}. */
    FAULTED;

    private static final SchedulerState[] BY_CODE = values();

    public int code() {
        return ordinal();
    }

    public boolean isTerminal() {
        return this == COMPLETED || this == STOPPED || this == FAULTED;
    }

    static SchedulerState ofCode(int code) {
        return BY_CODE[code];
    }
}
