package org.tmshost.timing;

import org.tmshost.device.PulseTrigger;
import org.tmshost.profile.TimingTolerances;
import org.tmshost.protocol.PulsePlan;

import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Configures a {@link PulseScheduler} ({@link PulseScheduler#builder}); everything except plan and
 * trigger has a default. Its own file because the options a scheduler takes change for other reasons
 * than the pulse loop does. The fields are read once, by the scheduler's constructor.
 */
public final class PulseSchedulerBuilder {
    final PulsePlan plan;
    final PulseTrigger trigger;
    DeadlineWaiter waiter;
    TimingTolerances tolerances = TimingTolerances.DEFAULT;
    long startLeadNanos = PulseScheduler.DEFAULT_START_LEAD_NANOS;
    String threadName = PulseScheduler.DEFAULT_THREAD_NAME;
    Runnable onThreadStart = () -> { };
    InterlockLatch latch;
    FireJournal journal;
    boolean[] deviceTimed;
    long[] intervalFloors;
    LongSupplier deviceRunsUntil = () -> Long.MAX_VALUE;
    DeviationBudget budget = DeviationBudget.NONE;

    PulseSchedulerBuilder(PulsePlan plan, PulseTrigger trigger) {
        this.plan = Objects.requireNonNull(plan, "plan");
        this.trigger = Objects.requireNonNull(trigger, "trigger");
    }

    /** How to wait; its clock is the scheduler's clock. Default: {@code new HybridWaiter()}. */
    public PulseSchedulerBuilder waiter(DeadlineWaiter waiter) {
        this.waiter = Objects.requireNonNull(waiter, "waiter");
        return this;
    }

    public PulseSchedulerBuilder tolerances(TimingTolerances tolerances) {
        if (tolerances.earlyToleranceMicros() < 0 || tolerances.latenessLimitMicros() <= 0) {
            throw new IllegalArgumentException("early tolerance must be >= 0 and lateness limit > 0: " + tolerances);
        }
        this.tolerances = tolerances;
        return this;
    }

    /** Time from start (or resume) to the first pulse; default 10 ms. */
    public PulseSchedulerBuilder startLeadNanos(long startLeadNanos) {
        if (startLeadNanos < 0) {
            throw new IllegalArgumentException("start lead must be >= 0 ns");
        }
        this.startLeadNanos = startLeadNanos;
        return this;
    }

    public PulseSchedulerBuilder threadName(String threadName) {
        this.threadName = Objects.requireNonNull(threadName, "threadName");
        return this;
    }

    /**
     * Runs on the dedicated pulse thread after it starts and before t0 is taken (so it does not eat
     * into the start lead): the place to raise the thread to real-time priority or pin it to a core
     * (docs/timing.md). It may allocate and block; the allocation-free rule starts after it. A
     * throw ends the thread with {@link TripCause#SCHEDULER_ERROR} before any pulse.
     */
    public PulseSchedulerBuilder onThreadStart(Runnable onThreadStart) {
        this.onThreadStart = Objects.requireNonNull(onThreadStart, "onThreadStart");
        return this;
    }

    /**
     * Which pulses the device times after the last pulse the host fired ({@code null}: none): the
     * trigger is called only for the others (it starts a train or a pair on the device) and the
     * device-timed pulses are journaled at the device's times. The array is not copied.
     */
    public PulseSchedulerBuilder deviceTimed(boolean[] deviceTimed) {
        this.deviceTimed = deviceTimed;
        return this;
    }

    /**
     * The shortest interval before each pulse the device accepts ({@code null}: none): the early
     * tolerance never brings an interval below it, so catching up after a late pulse never
     * fires faster than the device's rate at that output. The array is not copied.
     */
    public PulseSchedulerBuilder intervalFloors(long[] intervalFloors) {
        this.intervalFloors = intervalFloors;
        return this;
    }

    /**
     * Until when the device's own timer is known to run (a lease renewed by an acknowledged
     * command; default: always): a device-timed pulse after it waits to be journaled until a
     * later acknowledgement covers it, or the session ends without it.
     */
    public PulseSchedulerBuilder deviceRunsUntil(LongSupplier until) {
        this.deviceRunsUntil = Objects.requireNonNull(until, "until");
        return this;
    }

    /** Late pulses the plan takes before it stops; default {@link DeviationBudget#NONE}. */
    public PulseSchedulerBuilder deviationBudget(DeviationBudget budget) {
        this.budget = Objects.requireNonNull(budget, "budget");
        return this;
    }

    /** A latch shared with the session's interlocks; must use the waiter's clock. Default: a new one. */
    public PulseSchedulerBuilder latch(InterlockLatch latch) {
        this.latch = Objects.requireNonNull(latch, "latch");
        return this;
    }

    /** Default: {@link FireJournal#inMemory(int)} sized to the plan. */
    public PulseSchedulerBuilder journal(FireJournal journal) {
        this.journal = Objects.requireNonNull(journal, "journal");
        return this;
    }

    public PulseScheduler build() {
        if (waiter == null) {
            waiter = new HybridWaiter();
        }
        return new PulseScheduler(this);
    }
}
