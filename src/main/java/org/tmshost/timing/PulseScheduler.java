package org.tmshost.timing;

import org.tmshost.device.PulseTrigger;
import org.tmshost.profile.TimingTolerances;
import org.tmshost.protocol.PulsePlan;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Executes a {@link PulsePlan} against a {@link PulseTrigger}: the only code that fires pulses.
 *
 * <h2>Timing rules</h2>
 * <ol>
 * <li><b>Absolute deadlines.</b> Pulse {@code i} is planned at {@code t0 + offsetNanos(i)}, one t0 for
 * the whole plan (moved only by a pause, see below). Waiting never accumulates drift.</li>
 * <li><b>No interval compression.</b> Pulse {@code i} is never due before
 * {@code left(i-1) + intervalBefore(i) - earlyTolerance}, where {@code left(i-1)} is when the previous
 * pulse left the host: the clock read right after the trigger call returned, minus the time the
 * trigger reports it went on after its pulse left (0 when it cannot tell). Both are read after the
 * pulse left, so {@code left(i-1)} is never earlier than the truth, even if the pulse thread lost
 * its CPU between its own clock read and the pulse.
 * So the delivered interval is at least the planned interval minus the early tolerance. The
 * deadline is the later of the planned time and that earliest time, so a late pulse pushes the next
 * one, and the schedule catches up with the plan by at most the early tolerance (50 µs by default)
 * per interval: a late pulse never causes a catch-up burst.</li>
 * <li><b>Lateness and faults.</b> Lateness is measured against the planned time
 * {@code t0 + offsetNanos(i)} (journal, histogram). It has two parts: <em>inherited</em> (the
 * deadline pushed past the plan by the rule above) and <em>own</em> (how late the scheduler was for
 * the deadline it had). The limit is the profile's lateness limit, or 10% of the interval before the
 * pulse if smaller. A pulse whose own lateness exceeds the limit, or whose total lateness exceeds
 * {@value #DRIFT_LIMIT_FACTOR} times the profile's limit (the schedule is not recovering), is
 * <em>not fired</em>: the
 * plan stops and the {@link TimingFault} names the pulse and its lateness. So one hiccup below the
 * limit never cascades into a fault: the pulses after it inherit the hiccup minus 50 µs per interval
 * and are judged on their own (normally µs) lateness; it takes repeated real delays to fault.</li>
 * <li><b>Interlock latch.</b> The latch is read before waiting and again immediately before the
 * trigger call (after the spin); a trip unparks the pulse thread, which halts without firing. The
 * only pulse that can still fire after a trip is one whose final latch check had already passed, a
 * window of a few nanoseconds between that check and the trigger call (a lock would close it at the
 * price of locking on the pulse thread; the bench counts pulses fired after a trip: 0).</li>
 * <li><b>Pause</b> takes effect at the next train boundary; {@link #resume()} rebases t0 so that the
 * next train starts no earlier than its planned time and no earlier than the resume time plus the
 * start lead.</li>
 * </ol>
 *
 * <h2>Threads</h2>
 * {@link #start()} runs the loop on one dedicated, named daemon thread ({@value #DEFAULT_THREAD_NAME}).
 * After start that thread does not allocate, lock, log or do I/O apart from the trigger call and the
 * {@link FireJournal} stores; it records lateness into a {@link LatenessRecorder}. Other threads call
 * {@link #pause()}, {@link #resume()}, {@link #stop()}, {@link #trip(TripCause)} and the read accessors.
 * For tests and the dry run the same loop runs on the caller's thread: {@link #runOnCallerThread()},
 * or {@link #startOnCallerThread()} then {@link #doWork()} step by step (Agrona AgentInvoker style).
 *
 * <pre>{@code
 * PulseScheduler scheduler = PulseScheduler.builder(plan, trigger)
 *         .waiter(new HybridWaiter(SystemClock.INSTANCE, spinWindowNanos))
 *         .tolerances(profile.timingTolerances())
 *         .build();
 * scheduler.start();
 * ...
 * scheduler.stop();                       // from any thread; the pulse thread halts at once
 * scheduler.awaitTermination(1000);
 *
 * // dry run: a 37-minute plan in milliseconds
 * VirtualClock clock = new VirtualClock(0);
 * PulseScheduler.builder(plan, trigger).waiter(new VirtualTimeWaiter(clock)).build().runOnCallerThread();
 * }</pre>
 */
public final class PulseScheduler implements PulseTelemetry, AutoCloseable {
    public static final String DEFAULT_THREAD_NAME = "tmshost-pulse";
    /**
     * Lateness inherited through the no-compression rule is excused up to this many lateness limits;
     * beyond it the schedule is not recovering (repeated delays, or a trigger slower than the early
     * tolerance) and that is a timing fault.
     */
    public static final int DRIFT_LIMIT_FACTOR = 3;
    /** Time from {@code start()} to t0, so the first pulse is not late by the thread start-up. */
    public static final long DEFAULT_START_LEAD_NANOS = 10_000_000L;
    /** How often a device-timed pulse beyond the device's known lease is looked at again. */
    private static final long HELD_RECHECK_NANOS = 1_000_000L;
    /** A gap returns the schedule to the plan by at most a tenth of itself, and at most 20 lateness limits (20 ms). */
    private static final long GAP_RETURN_DIVISOR = 10;
    private static final long GAP_RETURN_LIMIT_FACTOR = 20;

    private static final int CREATED = SchedulerState.CREATED.code();
    private static final int RUNNING = SchedulerState.RUNNING.code();
    private static final int PAUSED = SchedulerState.PAUSED.code();
    private static final int COMPLETED = SchedulerState.COMPLETED.code();
    private static final int STOPPED = SchedulerState.STOPPED.code();
    private static final int FAULTED = SchedulerState.FAULTED.code();

    private final PulsePlan plan;
    private final PulseTrigger trigger;
    private final DeadlineWaiter waiter;
    private final Clock clock;
    private final long earlyToleranceNanos;
    private final long latenessLimitNanos;
    private final long startLeadNanos;
    private final String threadName;
    private final Runnable onThreadStart;
    private final InterlockLatch latch;
    private final FireJournal journal;
    private final boolean[] deviceTimed;
    private final long[] intervalFloors;
    private final java.util.function.LongSupplier deviceRunsUntil;
    private final DeviationBudget budget;
    private final int allowedDeviations;
    private final long emissionLeadNanos;
    /** The pulse starts a train, burst or pair: the gap before it may return the schedule to the plan. */
    private final LatenessRecorder lateness = new LatenessRecorder();
    private final WakeSignal wakeSignal = this::wakeRaised;
    private final AtomicBoolean started = new AtomicBoolean();

    // Pulse-thread state: written only by the thread running the loop.
    private long t0Nanos;
    private int next;
    private int trainCursor;
    private boolean nextStartsTrain;
    private long plannedNanos;
    private long deadlineNanos;
    private long limitNanos;
    private long previousFiredNanos;
    private long groupLeftNanos;
    private long groupPlannedNanos;
    private boolean groupRefused;
    private int unconfirmedPulse = -1;
    private int consecutiveDeviations;

    // Published state: primitive fields written before the volatile state write that publishes them.
    private volatile int stateCode = CREATED;
    private volatile boolean pauseRequested;
    private volatile long haltedAtNanos;
    private int faultPulseIndex = -1;
    private long faultLatenessNanos;
    private long faultInheritedNanos;
    private long faultLimitNanos;
    private long faultPlannedNanos;
    private long faultDetectedAtNanos;
    private volatile Throwable failure;
    private volatile int deviations;
    private volatile int skipped;
    private volatile Thread thread;

    PulseScheduler(PulseSchedulerBuilder builder) {
        this.plan = builder.plan;
        this.trigger = builder.trigger;
        this.waiter = builder.waiter;
        this.clock = waiter.clock();
        this.earlyToleranceNanos = builder.tolerances.earlyToleranceMicros() * 1_000L;
        this.latenessLimitNanos = builder.tolerances.latenessLimitMicros() * 1_000L;
        this.startLeadNanos = builder.startLeadNanos;
        this.threadName = builder.threadName;
        this.onThreadStart = builder.onThreadStart;
        this.latch = builder.latch != null ? builder.latch : new InterlockLatch(clock);
        this.journal = builder.journal != null ? builder.journal : FireJournal.inMemory(plan.pulseCount());
        this.deviceTimed = builder.deviceTimed;
        this.intervalFloors = builder.intervalFloors;
        this.deviceRunsUntil = builder.deviceRunsUntil;
        this.budget = builder.budget;
        this.allowedDeviations = budget.allowedFor(plan.pulseCount());
        this.emissionLeadNanos = Math.max(0, trigger.minEmissionDelayNanos());
        if (intervalFloors != null && intervalFloors.length != plan.pulseCount()) {
            throw new IllegalArgumentException("interval floors: one per pulse");
        }
        if (deviceTimed != null && (deviceTimed.length != plan.pulseCount() || deviceTimed[0])) {
            throw new IllegalArgumentException("device-timed pulses: one flag per pulse, and the host fires the first");
        }
        if (journal.capacity() < plan.pulseCount() || journal.count() != 0) {
            throw new IllegalArgumentException("journal must be empty and hold " + plan.pulseCount() + " pulses: " + journal);
        }
    }

    /** A builder; defaults: {@link HybridWaiter} on the system clock, {@link TimingTolerances#DEFAULT}. */
    public static PulseSchedulerBuilder builder(PulsePlan plan, PulseTrigger trigger) {
        return new PulseSchedulerBuilder(plan, trigger);
    }

    /**
     * Starts the dedicated pulse thread; t0 is the time the thread begins (after the
     * {@link PulseSchedulerBuilder#onThreadStart} hook) plus the start lead.
     *
     * @throws IllegalStateException if already started
     */
    public void start() {
        claimStart();
        Thread pulseThread = new Thread(() -> {
            try {
                onThreadStart.run();
            } catch (RuntimeException e) {
                failure = e;
                latch.trip(TripCause.SCHEDULER_ERROR);
                terminate(FAULTED);
                return;
            }
            begin();
            runLoop();
        }, threadName);
        pulseThread.setDaemon(true); // a dying process must not keep firing
        pulseThread.setPriority(Thread.MAX_PRIORITY);
        thread = pulseThread;
        pulseThread.start();
    }

    /**
     * Runs the whole plan on the calling thread until it completes, stops or faults (the dry run,
     * deterministic tests). A paused run waits here until another thread resumes or stops it.
     */
    public SchedulerState runOnCallerThread() {
        claimStart();
        begin();
        runLoop();
        return state();
    }

    /**
     * Prepares the loop on the calling thread without running it; then call {@link #doWork()} from
     * this same thread, advancing a virtual clock in between (tests).
     */
    public void startOnCallerThread() {
        claimStart();
        begin();
        latch.bindPulseThread(Thread.currentThread());
    }

    private void claimStart() {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("a scheduler runs its plan once; it was already started");
        }
    }

    private void begin() {
        if (stateCode != CREATED) {
            return; // tripped before the thread got going
        }
        t0Nanos = clock.nanoTime() + startLeadNanos;
        next = 0;
        trainCursor = 0;
        computeDeadline();
        stateCode = RUNNING;
    }

    private void runLoop() {
        latch.bindPulseThread(Thread.currentThread());
        try {
            if (latch.isTripped()) {
                halt();
            }
            while (stateCode < COMPLETED) {
                if (doWork() == 0) {
                    waiter.awaitDeadline(nextDeadlineNanos(), wakeSignal);
                }
            }
        } catch (Throwable t) {
            failure = t;
            latch.trip(TripCause.SCHEDULER_ERROR);
            terminate(FAULTED);
        }
    }

    /**
     * One duty cycle on the loop's thread, without waiting: halts on a trip, enters or leaves a pause,
     * or fires the next pulse if its deadline has come.
     *
     * @return 0 if there was nothing to do (the caller may wait for {@link #nextDeadlineNanos()}), 1 otherwise
     */
    public int doWork() {
        int state = stateCode;
        if (state != RUNNING && state != PAUSED) {
            return 0;
        }
        if (latch.isTripped()) {
            halt();
            return 1;
        }
        if (state == PAUSED) {
            if (pauseRequested) {
                return 0;
            }
            resumeAt(clock.nanoTime());
            return 1;
        }
        if (nextStartsTrain && pauseRequested) {
            stateCode = PAUSED;
            return 1;
        }
        long nowNanos = clock.nanoTime();
        if (deadlineNanos - nowNanos > 0) {
            return 0;
        }
        return fireNext(nowNanos);
    }

    private int fireNext(long nowNanos) {
        if (deviceTimed != null && deviceTimed[next]) {
            return journalDeviceTimed();
        }
        int pulse = next;
        long latenessNanos = nowNanos - plannedNanos;
        long ownLatenessNanos = nowNanos - deadlineNanos;
        long driftLimitNanos = DRIFT_LIMIT_FACTOR * latenessLimitNanos;
        boolean late = budget.strict() ? ownLatenessNanos > limitNanos || latenessNanos > driftLimitNanos
                : ownLatenessNanos > limitNanos; // inherited lateness is an earlier deviation's, not this pulse's
        if (late) {
            deviations = deviations + 1;
            consecutiveDeviations++;
        } else {
            consecutiveDeviations = 0;
        }
        if (late && (deviations > allowedDeviations
                || (budget.consecutive() > 0 && consecutiveDeviations >= budget.consecutive()))) {
            faultPulseIndex = pulse;
            faultLatenessNanos = latenessNanos;
            faultInheritedNanos = deadlineNanos - plannedNanos;
            faultLimitNanos = ownLatenessNanos > limitNanos ? limitNanos : driftLimitNanos;
            faultPlannedNanos = plannedNanos;
            faultDetectedAtNanos = nowNanos;
            latch.trip(TripCause.TIMING_FAULT);
            terminate(FAULTED);
            return 1;
        }
        if (latch.isTripped()) {
            halt();
            return 1;
        }
        if (late && budget.skipLateInGroup() && !plan.startsGroup(pulse)) {
            skipped = skipped + 1; // not fired: a late test pulse would deliver the pair at the wrong interval
            return advance();
        }
        int output = plan.outputPercentMso(pulse);
        int channel = plan.channel(pulse);
        long emissionNanos;
        try {
            emissionNanos = trigger.fire(pulse, output, channel);
        } catch (RuntimeException e) {
            failure = e;
            latch.trip(TripCause.TRIGGER_FAILURE);
            terminate(FAULTED);
            return 1;
        }
        long returnedNanos = clock.nanoTime();
        // when the pulse left, read after it left: never earlier than the truth (see PulseTrigger#fire)
        previousFiredNanos = emissionNanos > 0 ? returnedNanos - Math.min(emissionNanos, returnedNanos - nowNanos)
                : returnedNanos;
        groupRefused = emissionNanos == PulseTrigger.REFUSED;
        groupLeftNanos = previousFiredNanos;
        groupPlannedNanos = plannedNanos;
        if (emissionNanos == PulseTrigger.UNCONFIRMED) {
            // it may have been delivered, and so may a train the device times after it: nothing more fires
            journal.appendUnconfirmed(pulse, plannedNanos, previousFiredNanos, output, channel);
            expectDeviceTimed(pulse);
            unconfirmedPulse = pulse;
            latch.trip(TripCause.LINK_LOSS);
            terminate(FAULTED);
            return 1;
        }
        // the record's time is when the pulse left, as read after it left: never earlier than the truth
        journal.append(pulse, plannedNanos, previousFiredNanos, output, channel, groupRefused);
        lateness.record(latenessNanos);
        if (!groupRefused) {
            expectDeviceTimed(pulse);
        }
        return advance();
    }

    /**
     * A pulse the device times after the last pulse the host fired (the rest of a device-timed
     * train, the second pulse of a pair): nothing is sent; once its time has passed with the latch
     * clear it is journaled at the time the device's timer puts it, when that host-fired pulse left
     * plus the planned interval since it. Its time is never earlier than the start left the host,
     * and the host's own lateness in noticing it is no timing fault: the host timed nothing. A trip
     * ends the journal before it, as the disarm ended the device's timer.
     */
    private int journalDeviceTimed() {
        if (latch.isTripped()) {
            halt();
            return 1;
        }
        long deviceNanos = groupLeftNanos + (plannedNanos - groupPlannedNanos);
        if (deviceNanos - deviceRunsUntil.getAsLong() >= 0) {
            deadlineNanos = clock.nanoTime() + HELD_RECHECK_NANOS; // not known delivered yet: its lease may have run out
            return 0;
        }
        previousFiredNanos = deviceNanos;
        // a group whose start the device refused never ran: its pulses are deviations, not deliveries
        journal.append(next, plannedNanos, deviceNanos, plan.outputPercentMso(next), plan.channel(next), groupRefused);
        lateness.record(deviceNanos - plannedNanos);
        return advance();
    }

    /**
     * Writes ahead the pulses the device times after {@code start} (see {@link FireJournal#expect}):
     * if the host stops before their time without reaching the device, the record can still hold
     * what the device went on to deliver.
     */
    private void expectDeviceTimed(int start) {
        if (deviceTimed == null) {
            return;
        }
        for (int pulse = start + 1; pulse < plan.pulseCount() && deviceTimed[pulse]; pulse++) {
            long offsetNanos = plan.offsetNanos(pulse) - plan.offsetNanos(start);
            journal.expect(pulse - start - 1, pulse, groupPlannedNanos + offsetNanos, groupLeftNanos + offsetNanos,
                    plan.outputPercentMso(pulse), plan.channel(pulse));
        }
    }

    private int advance() {
        if (nextStartsTrain) {
            trainCursor++;
        }
        next = next + 1;
        if (next == plan.pulseCount()) {
            terminate(COMPLETED);
        } else {
            computeDeadline();
        }
        return 1;
    }

    private void computeDeadline() {
        int pulse = next;
        plannedNanos = t0Nanos + plan.offsetNanos(pulse);
        long deadline = plannedNanos;
        limitNanos = latenessLimitNanos;
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
            long earliestNanos = previousFiredNanos + shortestNanos;
            if (earliestNanos - deadline > 0) {
                deadline = earliestNanos;
            }
            limitNanos = Math.min(latenessLimitNanos, intervalNanos / 10);
        }
        nextStartsTrain = trainCursor < plan.trainCount() && plan.trainFirstPulse(trainCursor) == pulse;
        if (deviceTimed != null && deviceTimed[pulse]) {
            deadline = Math.max(plannedNanos, groupLeftNanos + (plannedNanos - groupPlannedNanos));
        } else {
            deadline -= emissionLeadNanos; // called that much earlier, the pulse leaves at its time
        }
        deadlineNanos = deadline;
    }

    private void resumeAt(long nowNanos) {
        long earliestStartNanos = nowNanos + startLeadNanos;
        long shiftNanos = earliestStartNanos - (t0Nanos + plan.offsetNanos(next));
        if (shiftNanos > 0) {
            t0Nanos += shiftNanos;
        }
        computeDeadline();
        stateCode = RUNNING;
    }

    private void halt() {
        terminate(latch.cause() == TripCause.TIMING_FAULT ? FAULTED : STOPPED);
    }

    private void terminate(int state) {
        haltedAtNanos = clock.nanoTime();
        stateCode = state;
    }

    private boolean wakeRaised() {
        if (latch.isTripped()) {
            return true;
        }
        if (stateCode == PAUSED) {
            return !pauseRequested;
        }
        return nextStartsTrain && pauseRequested;
    }

    /** When the loop next has something to do; {@link DeadlineWaiter#NO_DEADLINE} while paused or done. */
    public long nextDeadlineNanos() {
        return stateCode == RUNNING ? deadlineNanos : DeadlineWaiter.NO_DEADLINE;
    }

    /** Pause before the next train starts (a train in progress completes). Any thread. */
    public void pause() {
        pauseRequested = true;
        latch.wakePulseThread();
    }

    /** Cancel a pause request, or continue a paused plan with its next train. Any thread. */
    public void resume() {
        pauseRequested = false;
        latch.wakePulseThread();
    }

    /** Stop now: trips the latch with {@link TripCause#OPERATOR_STOP}. Any thread, allocation-free. */
    public void stop() {
        latch.trip(TripCause.OPERATOR_STOP);
    }

    /** Trips the latch with {@code cause}; the first cause wins. Any thread, allocation-free. */
    public boolean trip(TripCause cause) {
        return latch.trip(cause);
    }

    /**
     * Waits for the dedicated pulse thread to end.
     *
     * @return true if the scheduler reached a terminal state
     */
    public boolean awaitTermination(long timeoutMillis) throws InterruptedException {
        Thread pulseThread = thread;
        if (pulseThread != null) {
            pulseThread.join(Math.max(1, timeoutMillis));
        }
        return state().isTerminal();
    }

    /** Stops and waits up to one second for the pulse thread. */
    @Override
    public void close() throws InterruptedException {
        stop();
        awaitTermination(1_000);
    }

    @Override
    public SchedulerState state() {
        return SchedulerState.ofCode(stateCode);
    }

    /** Pulses fired so far (entries in the journal). */
    @Override
    public int firedCount() {
        return journal.count();
    }

    /** The fault that stopped the plan, once {@link #state()} is {@link SchedulerState#FAULTED} by lateness. */
    public Optional<TimingFault> timingFault() {
        if (stateCode != FAULTED || faultPulseIndex < 0) {
            return Optional.empty();
        }
        return Optional.of(new TimingFault(faultPulseIndex, faultLatenessNanos, faultInheritedNanos, faultLimitNanos,
                faultPlannedNanos, faultDetectedAtNanos));
    }

    /** Pulses fired later than their limit so far (see {@link DeviationBudget}). */
    @Override
    public int deviations() {
        return deviations;
    }

    /** Pulses not fired because they would have been late inside their group (a pair's test pulse). */
    public int skipped() {
        return skipped;
    }

    /** Deviations this plan may have before it stops. */
    public int allowedDeviations() {
        return allowedDeviations;
    }

    /**
     * The pulse whose fire command the device did not confirm ({@link PulseTrigger#UNCONFIRMED}), if that
     * is why the scheduler stopped; read once it has.
     */
    public OptionalInt unconfirmedPulse() {
        return stateCode == FAULTED && unconfirmedPulse >= 0 ? OptionalInt.of(unconfirmedPulse) : OptionalInt.empty();
    }

    /** What the trigger or the loop threw, if that is why the scheduler faulted. */
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    /** Clock time when the loop reached its terminal state; 0 before. */
    public long haltedAtNanos() {
        return haltedAtNanos;
    }

    /**
     * Trip to halt: from the latch's trip time to the loop's halt, in nanoseconds; -1 if the plan
     * completed or the scheduler has not halted yet.
     */
    public long stopLatencyNanos() {
        int state = stateCode;
        if ((state != STOPPED && state != FAULTED) || !latch.isTripped()) {
            return -1;
        }
        return haltedAtNanos - latch.trippedAtNanos();
    }

    /** t0 of the plan on the scheduler's clock (moved by resume after a pause). Stable once started. */
    @Override
    public long t0Nanos() {
        return t0Nanos;
    }

    @Override
    public long latenessNanos(int entry) {
        return journal.latenessNanos(entry);
    }

    public PulsePlan plan() {
        return plan;
    }

    public FireJournal journal() {
        return journal;
    }

    public LatenessRecorder lateness() {
        return lateness;
    }

    public InterlockLatch latch() {
        return latch;
    }

    public DeadlineWaiter waiter() {
        return waiter;
    }

    /** The dedicated pulse thread, once started (for thread CPU/allocation metrics); empty on the caller's thread. */
    public Optional<Thread> pulseThread() {
        return Optional.ofNullable(thread);
    }

    @Override
    public String toString() {
        return "PulseScheduler[" + state() + ", " + firedCount() + "/" + plan.pulseCount() + " fired, " + waiter.alias() + "]";
    }
}
