package org.tmshost.console;

import org.tmshost.record.SessionRow;

/**
 * An attempt is a session that ended having delivered nothing: refused at arming, cancelled, or
 * faulted before its first pulse. {@code sessions} lists treatments and counts attempts apart.
 * Anything that may have reached the subject is a treatment: a pulse on record, a device that
 * counted one, pulses the device may have delivered beyond the record, and every session still open
 * or closed as INTERRUPTED (its pulses are known only once recovered).
 */
final class Attempts {
    private Attempts() {
    }

    /**
     * @param mayHaveDelivered pulses the record says the device may have delivered beyond it
     */
    static boolean deliveredNothing(SessionRow r, int mayHaveDelivered) {
        return r.ended() && !r.state().equals("INTERRUPTED") && r.deliveredPulses() == 0
                && r.deviceReportedPulses().orElse(0) == 0 && mayHaveDelivered == 0;
    }
}
