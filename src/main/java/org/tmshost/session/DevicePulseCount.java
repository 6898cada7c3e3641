package org.tmshost.session;

import org.tmshost.delivery.Delivery;
import org.tmshost.device.Stimulator;
import org.tmshost.protocol.PulsePlan;
import org.tmshost.timing.FireJournal;

/**
 * The device's word on a session's pulses: the count it reports ({@code deliveredPulseCount()},
 * from its count at the start) against the fire journal. The monitor checks it every round; the end
 * waits for the last report and records what the device confirmed.
 */
final class DevicePulseCount {
    /** How long after a pulse left the host its device report may take (serial framing, the link thread's read). */
    static final long CONFIRMATION_GRACE_NANOS = 50_000_000L;

    private final Stimulator device;
    private final FireJournal journal;
    private final PulsePlan plan;
    private final Delivery delivery;
    private final int countAtStart;

    DevicePulseCount(Stimulator device, FireJournal journal, PulsePlan plan, Delivery delivery, int countAtStart) {
        this.device = device;
        this.journal = journal;
        this.plan = plan;
        this.delivery = delivery;
        this.countAtStart = countAtStart;
    }

    /**
     * Trips on a count the device disputes at {@code nowNanos}: a report overdue (a silent or
     * corrupted link, or a pulse not delivered), or more pulses than the host can have started.
     */
    void check(long nowNanos, InterlockTrips trips) {
        int due = confirmationsDue(nowNanos);
        int reported = device.deliveredPulseCount();
        int after = journal.count();
        if (reported == Stimulator.PULSE_COUNT_UNKNOWN) {
            return;
        }
        int delivered = reported - countAtStart;
        long unreported = delivered < due ? journal.actualNanos(delivered) : 0;
        long heard = device.lastHeardNanos();
        long linkError = device.lastLinkErrorNanos();
        if (delivered < due && heard != Stimulator.HEARD_UNKNOWN && heard - unreported < 0) {
            trips.trip(InterlockCause.LINK_LOSS, "no report from the device since pulse " + (delivered + 1)
                    + " left the host: the link is silent");
        } else if (delivered < due && linkError != Long.MIN_VALUE && linkError - unreported >= 0) {
            trips.trip(InterlockCause.LINK_LOSS, "the report of pulse " + (delivered + 1) + " was lost to a corrupted "
                    + "frame on the link");
        } else if (delivered < due || delivered > maxDeliverable(after)) {
            trips.trip(InterlockCause.PULSE_COUNT_MISMATCH, "the device counts " + delivered + " pulses, the host "
                    + (delivered < due ? "fired " + due + " more than " + CONFIRMATION_GRACE_NANOS / 1_000_000
                    + " ms ago" : "fired " + after));
        }
    }

    /**
     * Journaled pulses whose device report is due: those whose report unit (the pulse, or its burst
     * or pair) ended more than the confirmation grace ago (a serial device reports a few ms after).
     * Journal entries are the plan's pulses in order, one each.
     */
    private int confirmationsDue(long nowNanos) {
        int count = journal.count();
        int due = count;
        while (due > 0) {
            int unitLast = delivery.reportUnitLast(plan, due - 1); // a burst or pair is reported once, at its end
            if (unitLast < count && nowNanos - journal.actualNanos(unitLast) >= CONFIRMATION_GRACE_NANOS) {
                break;
            }
            due--;
        }
        return due;
    }

    /**
     * The most pulses the device may have delivered with {@code journaled} in the journal: one more
     * (inside the trigger call) when the host times each pulse; the whole train of the next pulse
     * when the device times trains (its start may be on the wire).
     */
    private int maxDeliverable(int journaled) {
        if (journaled >= plan.pulseCount()) {
            return plan.pulseCount();
        }
        if (!delivery.deviceTimed()) {
            return journaled + 1;
        }
        int train = plan.trainOf(journaled);
        return plan.trainFirstPulse(train) + plan.trainPulseCount(train);
    }

    /**
     * After the last pulse, before disarming: true once the device has reported every journaled
     * pulse, or the confirmation grace has passed since the last one at {@code nowNanos} (a device
     * that cannot count gets the grace too, so a device-timed last pulse is not cut off by the disarm).
     */
    boolean lastReportIn(long nowNanos) {
        int fired = journal.count();
        if (fired == 0 || nowNanos - (journal.actualNanos(fired - 1) + CONFIRMATION_GRACE_NANOS) >= 0) {
            return true;
        }
        int reported = device.deliveredPulseCount();
        return reported != Stimulator.PULSE_COUNT_UNKNOWN && reported - countAtStart >= fired;
    }

    /** What the device says it delivered in this session, or -1 if it cannot count. */
    int deliveredSinceStart() {
        int reported = device.deliveredPulseCount();
        return reported == Stimulator.PULSE_COUNT_UNKNOWN ? -1 : reported - countAtStart;
    }
}
