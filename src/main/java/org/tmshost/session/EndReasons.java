package org.tmshost.session;

import org.tmshost.timing.InterlockLatch;
import org.tmshost.timing.PulseScheduler;
import org.tmshost.timing.TripCause;

/** How a session's end is said: its deviations, who stopped it, what the pulse thread stopped on. */
final class EndReasons {
    private EndReasons() {
    }

    /** Late pulses and void pairs, said with the end state (the record holds each pulse's lateness). */
    static String deviationsNote(PulseScheduler s) {
        if (s.deviations() == 0) {
            return "";
        }
        return "; " + s.deviations() + " pulse(s) later than the lateness limit (deviations, "
                + s.allowedDeviations() + " allowed)" + (s.skipped() > 0 ? ", of which " + s.skipped()
                + " test pulse(s) not fired: their pairs are void" : "");
    }

    /** The operator a console stop names, recorded with the end; null for any other cause. */
    static String userOf(InterlockCause cause, String detail) {
        if (cause == InterlockCause.CONSOLE_STOP && detail.startsWith("stopped by ")) {
            return detail.substring("stopped by ".length());
        }
        return null;
    }

    /** A trip the pulse thread raised itself. */
    static boolean isSchedulerOwnCause(TripCause cause) {
        return cause == TripCause.TIMING_FAULT || cause == TripCause.TRIGGER_FAILURE
                || cause == TripCause.SCHEDULER_ERROR;
    }

    /** What the pulse thread stopped on: its timing fault, the trigger's failure, or the latch's cause. */
    static String schedulerDetail(PulseScheduler s, InterlockLatch l) {
        if (s.timingFault().isPresent()) {
            return s.timingFault().get().describe();
        }
        if (s.unconfirmedPulse().isPresent()) {
            return "the device did not confirm the fire command of pulse " + (s.unconfirmedPulse().getAsInt() + 1)
                    + " (no reply, or a garbled one): it may or may not have delivered it, so the record does not "
                    + "count it delivered";
        }
        return s.failure().map(f -> "the trigger failed: " + f.getMessage())
                .orElse("the pulse scheduler stopped with " + l.cause());
    }
}
