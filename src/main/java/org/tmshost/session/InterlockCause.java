package org.tmshost.session;

import org.tmshost.timing.TripCause;

/**
 * Why a session stopped early, as recorded ({@code end_cause}) and shown. Each cause trips the
 * scheduler's latch with a {@link TripCause}, ends the session {@link SessionState#ABORTED} (a
 * person stopped it) or {@link SessionState#FAULTED} (everything else), and maps to an exit code
 * category of {@code tmshost run}.
 */
public enum InterlockCause {
    /** The hardware stop button (GPIO input) was pressed. */
    STOP_BUTTON(TripCause.OPERATOR_STOP, SessionState.ABORTED, false,
            "the stop button was pressed"),
    /** Stop from the console or the session's owner. */
    CONSOLE_STOP(TripCause.OPERATOR_STOP, SessionState.ABORTED, false,
            "stopped by the operator"),
    /** The coil reached its stop temperature. */
    COIL_OVER_TEMPERATURE(TripCause.INTERLOCK, SessionState.FAULTED, false,
            "coil over temperature; let the coil cool before another session"),
    /** The device reported an error. */
    DEVICE_ERROR(TripCause.DEVICE_FAULT, SessionState.FAULTED, true,
            "the stimulator reported an error; read its display and the device manual"),
    /** The device disarmed without being told to. */
    UNEXPECTED_DISARM(TripCause.DEVICE_FAULT, SessionState.FAULTED, true,
            "the stimulator disarmed by itself (front-panel stop, power, internal protection)"),
    /** The link to the device was lost (missed keep-alives, corrupted replies, silence). */
    LINK_LOSS(TripCause.LINK_LOSS, SessionState.FAULTED, true,
            "the link to the stimulator was lost; check the cable and the device"),
    /** A pulse would have been later than the profile allows. */
    TIMING_FAULT(TripCause.TIMING_FAULT, SessionState.FAULTED, false,
            "timing fault; check host load and the real-time setup (docs/timing.md)"),
    /** The device's pulse count and the host's fire journal disagree. */
    PULSE_COUNT_MISMATCH(TripCause.INTERLOCK, SessionState.FAULTED, false,
            "the device and the host disagree on the pulses delivered"),
    /** The trigger threw (e.g. an output read-back mismatch). */
    TRIGGER_FAILURE(TripCause.TRIGGER_FAILURE, SessionState.FAULTED, true,
            "a pulse could not be triggered"),
    /** The record store refused a write (disk full, locked database). */
    RECORD_FAILURE(TripCause.INTERLOCK, SessionState.FAULTED, false,
            "the record could not be written; every fired pulse is kept in the fire journal"),
    /** A bug in the scheduler loop. */
    SCHEDULER_ERROR(TripCause.SCHEDULER_ERROR, SessionState.FAULTED, false,
            "internal error in the pulse scheduler (please report it)");

    private final TripCause tripCause;
    private final SessionState endState;
    private final boolean deviceFault;
    private final String advice;

    InterlockCause(TripCause tripCause, SessionState endState, boolean deviceFault, String advice) {
        this.tripCause = tripCause;
        this.endState = endState;
        this.deviceFault = deviceFault;
        this.advice = advice;
    }

    /** The latch cause this trips the scheduler with. */
    public TripCause tripCause() {
        return tripCause;
    }

    /** ABORTED for a person's stop, FAULTED otherwise. */
    public SessionState endState() {
        return endState;
    }

    /** A device or link fault (exit code 4) rather than an interlock abort (exit code 5). */
    public boolean deviceFault() {
        return deviceFault;
    }

    /** What it means, for the technician. */
    public String advice() {
        return advice;
    }

    /** The cause for a latch tripped by the scheduler itself (timing fault, trigger failure, loop error). */
    static InterlockCause ofSchedulerTrip(TripCause cause) {
        return switch (cause) {
            case TIMING_FAULT -> TIMING_FAULT;
            case TRIGGER_FAILURE -> TRIGGER_FAILURE;
            case LINK_LOSS -> LINK_LOSS;
            case DEVICE_FAULT -> DEVICE_ERROR;
            case OPERATOR_STOP -> CONSOLE_STOP;
            case INTERLOCK, SCHEDULER_ERROR, NONE -> SCHEDULER_ERROR;
        };
    }
}
