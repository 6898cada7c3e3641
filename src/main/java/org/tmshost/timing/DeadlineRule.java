package org.tmshost.timing;

import org.tmshost.profile.TimingTolerances;
import org.tmshost.protocol.PulsePlan;

/**
 * When a pulse the host fires is due, and how late it may be: the no-compression rule. Its own type
 * because this rule, not the loop that applies it, is what changes when the timing design does
 * (docs/timing.md, "Absolute deadlines and the no-compression rule", "No drift by construction").
 *
 * <p>Pulse {@code i} is never due before {@code left(i-1) + intervalBefore(i) - earlyTolerance},
 * where {@code left(i-1)} is when the previous pulse left the host ({@link #leftNanos}). The deadline
 * is the later of the planned time and that earliest time, so a late pulse pushes the next one, and
 * the schedule catches up with the plan by at most the early tolerance (50 µs by default) per
 * interval: a late pulse never causes a catch-up burst. Before a pulse that starts a group (a gap)
 * the schedule may return to the plan by up to a tenth of the gap, at most
 * {@value #GAP_RETURN_LIMIT_FACTOR} lateness limits; never below the device's interval floor. The
 * trigger is then called its promised emission delay early, so the pulse leaves at its time.
 *
 * <p>Immutable; every method is allocation-free (called on the pulse thread).
 */
final class DeadlineRule {
    /** A gap returns the schedule to the plan by at most a tenth of itself, and at most 20 lateness limits (20 ms). */
    private static final long GAP_RETURN_DIVISOR = 10;
    private static final long GAP_RETURN_LIMIT_FACTOR = 20;

    private final PulsePlan plan;
    private final long earlyToleranceNanos;
    private final long latenessLimitNanos;
    private final long[] intervalFloors;
    private final long emissionLeadNanos;

    /**
     * @param intervalFloors    the shortest interval before each pulse the device accepts, or {@code null}
     * @param emissionLeadNanos the least delay from the trigger call to its pulse leaving that the trigger promises
     */
    DeadlineRule(PulsePlan plan, TimingTolerances tolerances, long[] intervalFloors, long emissionLeadNanos) {
        if (intervalFloors != null && intervalFloors.length != plan.pulseCount()) {
            throw new IllegalArgumentException("interval floors: one per pulse");
        }
        this.plan = plan;
        this.earlyToleranceNanos = tolerances.earlyToleranceMicros() * 1_000L;
        this.latenessLimitNanos = tolerances.latenessLimitMicros() * 1_000L;
        this.intervalFloors = intervalFloors;
        this.emissionLeadNanos = emissionLeadNanos;
    }

    /** The profile's lateness limit. */
    long latenessLimitNanos() {
        return latenessLimitNanos;
    }

    /** How late {@code pulse} may be for its deadline: the profile's limit, or 10% of the interval before it if smaller. */
    long limitNanos(int pulse) {
        return pulse > 0 ? Math.min(latenessLimitNanos, plan.intervalBeforeNanos(pulse) / 10) : latenessLimitNanos;
    }

    /**
     * When to call the trigger for {@code pulse}, planned at {@code plannedNanos}, the previous pulse
     * having left at {@code previousLeftNanos}.
     */
    long deadlineNanos(int pulse, long plannedNanos, long previousLeftNanos) {
        long deadline = plannedNanos;
        if (pulse > 0) {
            long intervalNanos = plan.intervalBeforeNanos(pulse);
            long shortestNanos = intervalNanos - earlyToleranceNanos;
            if (plan.startsGroup(pulse)) { // a gap: returning to the plan here shortens no interval within a group
                shortestNanos = Math.min(shortestNanos, intervalNanos
                        - Math.min(intervalNanos / GAP_RETURN_DIVISOR, GAP_RETURN_LIMIT_FACTOR * latenessLimitNanos));
            }
            if (intervalFloors != null) { // catching up never goes below what the device accepts
                shortestNanos = Math.max(shortestNanos, Math.min(intervalNanos, intervalFloors[pulse]));
            }
            long earliestNanos = previousLeftNanos + shortestNanos;
            if (earliestNanos - deadline > 0) {
                deadline = earliestNanos;
            }
        }
        return deadline - emissionLeadNanos; // called that much earlier, the pulse leaves at its time
    }

    /**
     * When a pulse left the host, as read after it left, so never earlier than the truth even if the
     * pulse thread lost its CPU between its clock read and the pulse: the clock read right after the
     * trigger call returned, minus the time the trigger reports it went on after its pulse left
     * ({@link org.tmshost.device.PulseTrigger#fire}; 0 when it cannot tell), at most back to the
     * read before the call.
     */
    static long leftNanos(long calledNanos, long returnedNanos, long emissionNanos) {
        return emissionNanos > 0 ? returnedNanos - Math.min(emissionNanos, returnedNanos - calledNanos) : returnedNanos;
    }
}
