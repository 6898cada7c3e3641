package org.tmshost.timing;

/**
 * Why the interlock latch tripped. Each constant has a stable {@link #code()} (0 means not tripped)
 * for records and for the allocation-free trip path; {@link #ofCode(int)} maps back without
 * allocating.
 */
public enum TripCause {
    /** The latch is clear. */
    NONE(0),
    /** Stop requested by the operator or the session (console, stop button, end of session). */
    OPERATOR_STOP(1),
    /** A runtime interlock input (door, e-stop, coil temperature, stimulation-allowed line). */
    INTERLOCK(2),
    /** A pulse would have been later than the lateness limit; see {@link TimingFault}. */
    TIMING_FAULT(3),
    /** The device reported a fault (status, error code, not armed). */
    DEVICE_FAULT(4),
    /** The device link was lost (missed keep-alive replies, CRC errors, silence). */
    LINK_LOSS(5),
    /** The trigger threw instead of reporting through device status. */
    TRIGGER_FAILURE(6),
    /** An unexpected error in the scheduler loop itself (a bug). */
    SCHEDULER_ERROR(7);

    private static final TripCause[] BY_CODE = values();

    private final int code;

    TripCause(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The cause with this code. */
    public static TripCause ofCode(int code) {
        if (code < 0 || code >= BY_CODE.length) {
            throw new IllegalArgumentException("no trip cause with code " + code);
        }
        return BY_CODE[code];
    }

    static {
        for (TripCause cause : BY_CODE) {
            if (cause.code != cause.ordinal()) {
                throw new IllegalStateException("trip cause codes must equal ordinals: " + cause);
            }
        }
    }
}
