package org.tmshost.timing;

import org.tmshost.protocol.PulsePlan;

/**
 * Where the pulse thread stands in its plan: t0, the next pulse, whether it starts a train, when it
 * is planned ({@code t0 + offsetNanos(i)}), when it is due and how late it may be. One t0 serves the
 * whole plan, so waiting never accumulates drift; only a resume moves it. Its own type because
 * walking the plan (its trains, its t0) changes for other reasons than the duty cycle that acts on it.
 *
 * <p>Written only by the thread running the loop, without allocating; {@link #t0Nanos()} is stable
 * once started and may be read by any thread after that.
 */
final class NextPulse {
    private final PulsePlan plan;
    private final DeadlineRule deadlines;
    private final DeviceTimedPulses deviceTimed;

    private long t0Nanos;
    private int index;
    private int trainCursor;
    private boolean startsTrain;
    private long plannedNanos;
    private long deadlineNanos;
    private long limitNanos;
    private long previousLeftNanos;

    NextPulse(PulsePlan plan, DeadlineRule deadlines, DeviceTimedPulses deviceTimed) {
        this.plan = plan;
        this.deadlines = deadlines;
        this.deviceTimed = deviceTimed;
    }

    /** Starts the plan at {@code t0Nanos}: the next pulse is the first. */
    void start(long t0Nanos) {
        this.t0Nanos = t0Nanos;
        index = 0;
        trainCursor = 0;
        computeDeadline();
    }

    /** The previous pulse left at {@code leftNanos} (a host-fired pulse, or a device-timed one at the device's time). */
    void previousLeft(long leftNanos) {
        previousLeftNanos = leftNanos;
    }

    /** Moves on to the following pulse; false if the plan has none left. */
    boolean advance() {
        if (startsTrain) {
            trainCursor++;
        }
        index = index + 1;
        if (index == plan.pulseCount()) {
            return false;
        }
        computeDeadline();
        return true;
    }

    /**
     * After a pause: moves t0 so that the next pulse (which starts a train) is no earlier than its
     * planned time and no earlier than {@code earliestStartNanos}.
     */
    void resumeNoEarlierThan(long earliestStartNanos) {
        long shiftNanos = earliestStartNanos - (t0Nanos + plan.offsetNanos(index));
        if (shiftNanos > 0) {
            t0Nanos += shiftNanos;
        }
        computeDeadline();
    }

    /** Looks at the next pulse again at {@code nanos} instead (a device-timed pulse the device's lease does not yet cover). */
    void recheckAt(long nanos) {
        deadlineNanos = nanos;
    }

    private void computeDeadline() {
        int pulse = index;
        plannedNanos = t0Nanos + plan.offsetNanos(pulse);
        limitNanos = deadlines.limitNanos(pulse);
        startsTrain = trainCursor < plan.trainCount() && plan.trainFirstPulse(trainCursor) == pulse;
        deadlineNanos = deviceTimed.timesPulse(pulse) ? deviceTimed.deadlineNanos(plannedNanos)
                : deadlines.deadlineNanos(pulse, plannedNanos, previousLeftNanos);
    }

    long t0Nanos() {
        return t0Nanos;
    }

    /** The next pulse's index in the plan. */
    int index() {
        return index;
    }

    /** The next pulse starts a train: a pause takes effect before it. */
    boolean startsTrain() {
        return startsTrain;
    }

    long plannedNanos() {
        return plannedNanos;
    }

    /** When the loop acts on the next pulse: calls its trigger, or journals it if the device times it. */
    long deadlineNanos() {
        return deadlineNanos;
    }

    /** How late the next pulse may be for its deadline ({@link DeadlineRule#limitNanos}). */
    long limitNanos() {
        return limitNanos;
    }
}
