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
 * the whole plan (moved only by a pause, see below). Waiting never accumulates drift ({@link NextPulse}).</li>
 * <li><b>No interval compression.</b> Pulse {@code i} is never due before
 * {@code left(i-1) + intervalBefore(i) - earlyTolerance}, where {@code left(i-1)} is when the previous
 * pulse left the host, read after it left: a late pulse pushes the next one and never causes a
 * catch-up burst ({@link DeadlineRule}).</li>
 * <li><b>Lateness and faults.</b> Lateness is measured against the planned time
 * {@code t0 + offsetNanos(i)} (journal, histogram). A pulse later than its limit for the deadline it
 * had is a deviation; one beyond the plan's {@link DeviationBudget} is <em>not fired</em>: the plan
 * stops and the {@link TimingFault} names the pulse and its lateness ({@link DeviationRule}).</li>
 * <li><b>Device-timed pulses</b> (the rest of a train or pair the device times itself) are not fired
 * but journaled at the device's time ({@link DeviceTimedPulses}).</li>
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
    private final long startLeadNanos;
    private final String threadName;
    private final Runnable onThreadStart;
    private final InterlockLatch latch;
    private final FireJournal journal;
    private final DeviceTimedPulses deviceTimed;
    private final DeviationRule deviationRule;
    private final NextPulse nextPulse;
    private final LatenessRecorder lateness = new LatenessRecorder();
    private final WakeSignal wakeSignal = this::wakeRaised;
    private final AtomicBoolean started = new AtomicBoolean();

    // Pulse-thread state: written only by the thread running the loop.
    private int unconfirmedPulse = -1;

    // Published state, any thread may read it. The plain fields the pulse thread writes before a
    // terminal state (unconfirmedPulse, the deviation rule's fault) are published by the stateCode write.
    private volatile int stateCode = CREATED;
    private volatile boolean pauseRequested;
    private volatile long haltedAtNanos;
    private volatile Throwable failure;
    private volatile Thread thread;

    PulseScheduler(PulseSchedulerBuilder builder) {
        this.plan = builder.plan;
        this.trigger = builder.trigger;
        this.waiter = builder.waiter;
        this.clock = waiter.clock();
        this.startLeadNanos = builder.startLeadNanos;
        this.threadName = builder.threadName;
        this.onThreadStart = builder.onThreadStart;
        this.latch = builder.latch != null ? builder.latch : new InterlockLatch(clock);
        this.journal = builder.journal != null ? builder.journal : FireJournal.inMemory(plan.pulseCount());
        long emissionLeadNanos = Math.max(0, trigger.minEmissionDelayNanos());
        DeadlineRule deadlines = new DeadlineRule(plan, builder.tolerances, builder.intervalFloors, emissionLeadNanos);
        this.deviceTimed = new DeviceTimedPulses(plan, builder.deviceTimed, builder.deviceRunsUntil, journal);
        this.deviationRule = new DeviationRule(builder.budget, plan.pulseCount(), deadlines.latenessLimitNanos());
        this.nextPulse = new NextPulse(plan, deadlines, deviceTimed);
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
        nextPulse.start(clock.nanoTime() + startLeadNanos);
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
            nextPulse.resumeNoEarlierThan(clock.nanoTime() + startLeadNanos);
            stateCode = RUNNING;
            return 1;
        }
        if (nextPulse.startsTrain() && pauseRequested) {
            stateCode = PAUSED;
            return 1;
        }
        long nowNanos = clock.nanoTime();
        if (nextPulse.deadlineNanos() - nowNanos > 0) {
            return 0;
        }
        return fireNext(nowNanos);
    }

    private int fireNext(long nowNanos) {
        int pulse = nextPulse.index();
        if (deviceTimed.timesPulse(pulse)) {
            return journalDeviceTimed(pulse);
        }
        long plannedNanos = nextPulse.plannedNanos();
        int verdict = deviationRule.judge(pulse, nowNanos, plannedNanos, nextPulse.deadlineNanos(),
                nextPulse.limitNanos());
        if (verdict == DeviationRule.OVER_BUDGET) {
            latch.trip(TripCause.TIMING_FAULT);
            terminate(FAULTED);
            return 1;
        }
        if (latch.isTripped()) {
            halt();
            return 1;
        }
        if (verdict == DeviationRule.DEVIATION && deviationRule.skipsLateInGroup() && !plan.startsGroup(pulse)) {
            deviationRule.countSkipped(); // not fired: a late test pulse would deliver the pair at the wrong interval
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
        long leftNanos = DeadlineRule.leftNanos(nowNanos, clock.nanoTime(), emissionNanos);
        nextPulse.previousLeft(leftNanos);
        boolean refused = emissionNanos == PulseTrigger.REFUSED;
        deviceTimed.hostFired(plannedNanos, leftNanos, refused);
        if (emissionNanos == PulseTrigger.UNCONFIRMED) {
            // it may have been delivered, and so may a train the device times after it: nothing more fires
            journal.appendUnconfirmed(pulse, plannedNanos, leftNanos, output, channel);
            deviceTimed.expectAfter(pulse);
            unconfirmedPulse = pulse;
            latch.trip(TripCause.LINK_LOSS);
            terminate(FAULTED);
            return 1;
        }
        // the record's time is when the pulse left, as read after it left: never earlier than the truth
        journal.append(pulse, plannedNanos, leftNanos, output, channel, refused);
        lateness.record(nowNanos - plannedNanos);
        if (!refused) {
            deviceTimed.expectAfter(pulse);
        }
        return advance();
    }

    /**
     * A pulse the device times after the last pulse the host fired: nothing is sent; once its time
     * has passed with the latch clear it is journaled at the time the device's timer puts it
     * ({@link DeviceTimedPulses}). Its time is never earlier than the start left the host, and the
     * host's own lateness in noticing it is no timing fault: the host timed nothing. A trip ends the
     * journal before it, as the disarm ended the device's timer.
     */
    private int journalDeviceTimed(int pulse) {
        if (latch.isTripped()) {
            halt();
            return 1;
        }
        long plannedNanos = nextPulse.plannedNanos();
        long deviceNanos = deviceTimed.deviceNanos(plannedNanos);
        if (!deviceTimed.coveredByLease(deviceNanos)) {
            // not known delivered yet: its lease may have run out
            nextPulse.recheckAt(clock.nanoTime() + DeviceTimedPulses.HELD_RECHECK_NANOS);
            return 0;
        }
        nextPulse.previousLeft(deviceNanos);
        // a group whose start the device refused never ran: its pulses are deviations, not deliveries
        journal.append(pulse, plannedNanos, deviceNanos, plan.outputPercentMso(pulse), plan.channel(pulse),
                deviceTimed.groupRefused());
        lateness.record(deviceNanos - plannedNanos);
        return advance();
    }

    private int advance() {
        if (!nextPulse.advance()) {
            terminate(COMPLETED);
        }
        return 1;
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
        return nextPulse.startsTrain() && pauseRequested;
    }

    /** When the loop next has something to do; {@link DeadlineWaiter#NO_DEADLINE} while paused or done. */
    public long nextDeadlineNanos() {
        return stateCode == RUNNING ? nextPulse.deadlineNanos() : DeadlineWaiter.NO_DEADLINE;
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
        return stateCode == FAULTED ? deviationRule.fault() : Optional.empty();
    }

    /** Pulses fired later than their limit so far (see {@link DeviationBudget}). */
    @Override
    public int deviations() {
        return deviationRule.deviations();
    }

    /** Pulses not fired because they would have been late inside their group (a pair's test pulse). */
    public int skipped() {
        return deviationRule.skipped();
    }

    /** Deviations this plan may have before it stops. */
    public int allowedDeviations() {
        return deviationRule.allowedDeviations();
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
        return nextPulse.t0Nanos();
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
