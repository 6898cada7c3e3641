package org.tmshost.timing;

import org.tmshost.protocol.PulsePlan;

import java.util.function.LongSupplier;

/**
 * The pulses the device times itself after a pulse the host fired (the rest of a device-timed train,
 * the second pulse of a pair): which they are, when the device's timer puts them (when that
 * host-fired pulse left plus the planned interval since it), whether the device is known to be
 * running then, and writing them ahead in the journal. Its own type because device-timed delivery
 * changes with the devices, not with the host's own timing.
 *
 * <p>Pulse-thread state only; every method is allocation-free.
 */
final class DeviceTimedPulses {
    /** How often a device-timed pulse beyond the device's known lease is looked at again. */
    static final long HELD_RECHECK_NANOS = 1_000_000L;

    private final PulsePlan plan;
    private final boolean[] deviceTimed;
    private final LongSupplier deviceRunsUntil;
    private final FireJournal journal;

    private long groupLeftNanos;
    private long groupPlannedNanos;
    private boolean groupRefused;

    /**
     * @param deviceTimed     one flag per pulse, {@code null} for none; the host fires the first pulse
     * @param deviceRunsUntil until when the device's own timer is known to run
     */
    DeviceTimedPulses(PulsePlan plan, boolean[] deviceTimed, LongSupplier deviceRunsUntil, FireJournal journal) {
        if (deviceTimed != null && (deviceTimed.length != plan.pulseCount() || deviceTimed[0])) {
            throw new IllegalArgumentException("device-timed pulses: one flag per pulse, and the host fires the first");
        }
        this.plan = plan;
        this.deviceTimed = deviceTimed;
        this.deviceRunsUntil = deviceRunsUntil;
        this.journal = journal;
    }

    /** Whether the device, not the host, times {@code pulse}. */
    boolean timesPulse(int pulse) {
        return deviceTimed != null && deviceTimed[pulse];
    }

    /**
     * The host fired a pulse planned at {@code plannedNanos}, which left at {@code leftNanos}
     * ({@code refused}: the device refused it); the device-timed pulses after it count from it.
     */
    void hostFired(long plannedNanos, long leftNanos, boolean refused) {
        groupRefused = refused;
        groupLeftNanos = leftNanos;
        groupPlannedNanos = plannedNanos;
    }

    /** The device refused the last host-fired pulse: the group it started never ran. */
    boolean groupRefused() {
        return groupRefused;
    }

    /** When the device's timer puts the pulse planned at {@code plannedNanos}. */
    long deviceNanos(long plannedNanos) {
        return groupLeftNanos + (plannedNanos - groupPlannedNanos);
    }

    /** When to look at a device-timed pulse: not before its planned time nor before the device puts it. */
    long deadlineNanos(long plannedNanos) {
        return Math.max(plannedNanos, deviceNanos(plannedNanos));
    }

    /** Whether the device is known to be still running at {@code deviceNanos} (its lease covers it). */
    boolean coveredByLease(long deviceNanos) {
        return deviceNanos - deviceRunsUntil.getAsLong() < 0;
    }

    /**
     * Writes ahead the pulses the device times after {@code start} (see {@link FireJournal#expect}):
     * if the host stops before their time without reaching the device, the record can still hold
     * what the device went on to deliver.
     */
    void expectAfter(int start) {
        if (deviceTimed == null) {
            return;
        }
        for (int pulse = start + 1; pulse < plan.pulseCount() && deviceTimed[pulse]; pulse++) {
            long offsetNanos = plan.offsetNanos(pulse) - plan.offsetNanos(start);
            journal.expect(pulse - start - 1, pulse, groupPlannedNanos + offsetNanos, groupLeftNanos + offsetNanos,
                    plan.outputPercentMso(pulse), plan.channel(pulse));
        }
    }
}
