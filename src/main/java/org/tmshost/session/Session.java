package org.tmshost.session;

import org.tmshost.device.DeviceFault;
import org.tmshost.device.PulseTrigger;
import org.tmshost.device.Stimulator;
import org.tmshost.delivery.Delivery;
import org.tmshost.delivery.DeliveryChoice;
import org.tmshost.delivery.DeliveryPlanner;
import org.tmshost.protocol.PulsePlan;
import org.tmshost.record.FailureChain;
import org.tmshost.record.JournalImporter;
import org.tmshost.record.RecordException;
import org.tmshost.record.RecordFailureNote;
import org.tmshost.record.RecordStore;
import org.tmshost.safety.Verdict;
import org.tmshost.timing.FireJournal;
import org.tmshost.timing.InterlockLatch;
import org.tmshost.timing.PulseScheduler;
import org.tmshost.timing.PulseTelemetry;
import org.tmshost.timing.RealTime;
import org.tmshost.timing.SchedulerState;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

/**
 * One treatment session: the state machine {@code IDLE -> PREPARED -> ARMED -> RUNNING <-> PAUSED ->
 * COMPLETED | ABORTED | FAULTED}, its arming checks, its runtime interlocks and its record.
 *
 * <h2>Threads</h2>
 * <ul>
 * <li><b>pulse</b> ({@value PulseScheduler#DEFAULT_THREAD_NAME}): fires the plan, writes the
 * memory-mapped fire journal; nothing else.</li>
 * <li><b>interlocks</b> ({@value #MONITOR_THREAD}): polls device status every
 * {@link SessionSettings#monitorPeriod()} (fault, unexpected disarm, coil temperature, pulse count),
 * follows pause/resume, and when the plan ends or the latch trips it finishes the session: disarm,
 * final journal import, end state with its cause. The end of a session never depends on the console.</li>
 * <li><b>recorder</b> ({@value #RECORDER_THREAD}): imports the journal into the record store in batches.</li>
 * <li>Any thread (console, stop-button input, driver link thread) may call {@link #trip}, which trips
 * the latch (the pulse thread halts before its next deadline) and disarms the device on the calling
 * thread at once.</li>
 * </ul>
 * The monitor's and the recorder's rounds are duty cycles ({@link SessionMonitor}, {@link SessionRecorder});
 * a session on virtual time runs none of these threads, its caller steps them with {@link #doWork()}.
 * How it was prepared is {@link PreparedSession}; how it ends, {@link SessionEnd}.
 *
 * <pre>{@code
 * Session session = Session.prepare(request, device, linkWatch, store, settings);
 * session.approveOverrides(supervisor, "pilot protocol approved by ethics board 2025-12");  // if NEEDS_OVERRIDE
 * ArmingReport report = session.arm(Confirmations.BOTH, "op1");
 * if (report.canArm()) {
 *     session.start("op1");
 *     SessionOutcome outcome = session.awaitEnd(Duration.ofHours(1));
 * }
 * }</pre>
 */
public final class Session {
    public static final String MONITOR_THREAD = "tmshost-interlocks";
    public static final String RECORDER_THREAD = "tmshost-recorder";
    /**
     * From start to the first pulse. Starting a session costs a burst of CPU off the pulse thread
     * (the start record's fsync, the monitor and recorder threads' first rounds: class loading,
     * method-handle spinning, compilation); on a 2-core host that burst made the first pulse 1-3 ms
     * late with a 10 ms lead. 250 ms lets it finish first; nobody notices it at the console.
     */
    static final long START_LEAD_NANOS = 250_000_000L;

    private final SessionRequest request;
    private final Stimulator device;
    private final LinkWatch linkWatch;
    private final RecordStore store;
    private final SessionSettings settings;
    private final DoseLedger ledger;
    private final Verdict verdict;
    private final Optional<Delivery> delivery;
    private final long id;
    private final int plannedPulses;
    private final Overrides overrides;
    /** The state and its record; its lock is the session's (a check and its transition are one). */
    private final RecordedState state;
    private final FirstTrip trip = new FirstTrip();
    private final SessionEnd end;
    private final CompletableFuture<SessionOutcome> outcome = new CompletableFuture<>();

    private volatile InterlockLatch latch;
    private volatile PulseScheduler scheduler;
    private volatile FireJournal journal;
    /** Where the end goes when the record cannot take it; allocated with the journal. */
    private volatile RecordFailureNote failureNote;
    private volatile SessionRun run;
    private volatile String pauseUser;
    private volatile String resumeUser;
    private int[] presetOutputs = new int[0];

    private Session(PreparedSession prepared, Stimulator device, LinkWatch linkWatch, RecordStore store) {
        this.request = prepared.request();
        this.verdict = prepared.verdict();
        this.delivery = verdict.plan().flatMap(plan -> DeliveryPlanner.choose(plan, request.protocol().kind(),
                request.profile()) instanceof DeliveryChoice.Chosen chosen ? Optional.of(chosen.delivery()) : Optional.empty());
        this.device = device;
        this.linkWatch = linkWatch;
        this.store = store;
        this.settings = prepared.settings();
        this.ledger = prepared.ledger();
        this.id = prepared.id();
        this.plannedPulses = prepared.plannedPulses();
        this.overrides = prepared.overrides();
        this.state = new RecordedState(store, id, settings.wallClock());
        this.end = new SessionEnd(settings, device, store, id, plannedPulses, state, trip, this::trip);
    }

    /**
     * Expands and checks the protocol against the envelope with the subject's dose ledger, creates
     * the record (protocol text, profile and envelope SHA-256, thresholds, trains, SIMULATION flag)
     * and enters PREPARED. A BLOCKED verdict is prepared too, so that the refusal is on record; it
     * can never arm.
     *
     * @param linkWatch the callback the device's driver was opened with; link faults trip this session
     * @throws RecordException if the record cannot be created (nothing has been armed)
     */
    public static Session prepare(SessionRequest asked, Stimulator device, LinkWatch linkWatch, RecordStore store,
                                  SessionSettings given) {
        return prepared(PreparedSession.fresh(asked, device, store, given), device, linkWatch, store);
    }

    /**
     * Prepares the session that continues a treatment the host's own fault cut short
     * ({@link Continuation}): the envelope checks the treatment's whole plan with a ledger that leaves
     * the treatment's sessions out, and the session delivers the plan from the first pulse past
     * everything delivered that does not split a burst or pair. The overrides approved for the
     * treatment carry over, recorded as such; a finding they do not cover needs a supervisor again.
     *
     * @param asked the recorded protocol and thresholds, the operator continuing, on the same profile
     * @throws ContinuationRefused if nothing is left once whole bursts and pairs are kept
     */
    public static Session prepareContinuation(SessionRequest asked, Continuation continuation, Stimulator device,
                                              LinkWatch linkWatch, RecordStore store, SessionSettings given)
            throws ContinuationRefused {
        return prepared(PreparedSession.continuing(asked, continuation, device, store, given), device, linkWatch,
                store);
    }

    private static Session prepared(PreparedSession prepared, Stimulator device, LinkWatch linkWatch,
                                    RecordStore store) {
        Session session = new Session(prepared, device, linkWatch, store);
        SessionRequest request = prepared.request();
        session.transition(SessionState.PREPARED, "prepared: verdict " + prepared.verdict().name() + ", "
                + prepared.plannedPulses() + " pulses planned" + (request.simulated() ? ", SIMULATION" : ""),
                request.operatorId(), null);
        linkWatch.attach(session::trip);
        return session;
    }

    public long id() {
        return id;
    }

    public SessionState state() {
        return state.get();
    }

    public Verdict verdict() {
        return verdict;
    }

    /** The subject's dose ledger now: what the dose rules see at arming. */
    public DoseLedger.Entry doseToday() {
        return ledger.entry(request.subjectId(), settings.wallClock().instant());
    }

    public SessionRequest request() {
        return request;
    }

    /** How the plan reaches the device (empty when it cannot: the verdict is then BLOCKED). */
    public Optional<Delivery> delivery() {
        return delivery;
    }

    /** The rule ids a supervisor approved. */
    public Set<String> approvedRuleIds() {
        return overrides.approvedRuleIds();
    }

    /** Pulses fired so far. */
    public int firedCount() {
        FireJournal j = journal;
        return j == null ? 0 : j.count();
    }

    /** The first interlock cause, once tripped. */
    public Optional<InterlockCause> tripCause() {
        return trip.cause();
    }

    /**
     * Why the record is behind the fire journal while the session runs (a site database's server out
     * of reach: the session goes on and its pulses reach the server when it is back), else empty.
     */
    public Optional<String> recordsOutOfReach() {
        SessionRun r = run;
        return r == null ? Optional.empty() : Optional.ofNullable(r.recording.outOfReach());
    }

    /** What the pulse thread shows once started (lateness, progress), read-only: the scheduler stays the session's. */
    public Optional<PulseTelemetry> telemetry() {
        return Optional.ofNullable(scheduler);
    }

    /**
     * Approves every NEEDS_OVERRIDE finding of the verdict, recorded per finding with the
     * supervisor's name and reason.
     *
     * @throws OverrideRefused if the verdict is BLOCKED (nothing can override it), the user is not a
     *                         supervisor, the reason is blank, or the session is past PREPARED
     */
    public int approveOverrides(AuthenticatedUser approver, String reason) throws OverrideRefused {
        synchronized (state) {
            if (state.get() != SessionState.PREPARED) {
                throw new OverrideRefused("overrides are approved before arming; the session is " + state.get());
            }
            return overrides.approve(approver, reason);
        }
    }

    /**
     * Runs every arming check; if all pass, sets the first outputs (read back), arms the device,
     * waits for READY and enters ARMED. If any fails, nothing changes and the report lists every
     * failure.
     *
     * @throws DeviceFault if the device refuses to arm or never gets ready (the session is FAULTED)
     */
    public ArmingReport arm(Confirmations confirmations, String userId) throws DeviceFault {
        synchronized (state) {
            if (state.get() != SessionState.PREPARED) {
                throw new IllegalStateException("a session arms from PREPARED; it is " + state.get());
            }
            ArmingReport report = armingChecks(confirmations);
            if (!report.canArm()) {
                return report;
            }
            if (settings.realTime().isPresent()) { // what the pulse thread will get, said before it fires
                report = report.withNote(RealTime.probe(settings.realTime().get()).describe());
                device.onLinkThreads(settings.watchThreadStart());
            }
            try {
                presetOutputs = DeviceArming.armFor(device, verdict.plan().orElseThrow(), delivery, store, id, settings);
            } catch (DeviceFault fault) {
                device.disarm();
                transition(SessionState.FAULTED, "arming failed (" + fault.code() + "): " + fault.getMessage(), userId,
                        new RecordedState.End(InterlockCause.DEVICE_ERROR, -1));
                completeWithoutRun(InterlockCause.DEVICE_ERROR, fault.getMessage());
                throw fault;
            }
            transition(SessionState.ARMED, "armed: all " + report.checksRun().size() + " arming checks passed",
                    userId, null);
            if (trip.get() != null) { // a stop raced the arming
                device.disarm();
            }
            return report;
        }
    }

    /** Runs the arming checks without arming (what the console shows before the operator arms). */
    public ArmingReport armingChecks(Confirmations confirmations) {
        Instant now = settings.wallClock().instant();
        return ArmingChecks.run(new ArmingContext(request.protocol(), request.thresholds(), verdict,
                Set.copyOf(overrides.approvedRuleIds()), device, request.profile(), request.simulated(), linkWatch.fault(),
                settings.stopButton(), confirmations, request.envelope(), ledger.history(request.subjectId(), now), now,
                settings.zone(), new RecordRoom(settings.freeSpace(), settings.journalDirectory(), store.file())));
    }

    /**
     * Enters RUNNING and starts the pulse thread, the interlock monitor and the recorder. The plan's
     * fire journal is a pre-allocated memory-mapped file under the journal directory.
     *
     * @throws IllegalStateException unless ARMED with an approved verdict and the device armed
     * @throws IOException if the journal file cannot be created (the device is disarmed, the session FAULTED)
     */
    public void start(String userId) throws IOException {
        synchronized (state) {
            if (state.get() != SessionState.ARMED) {
                throw new IllegalStateException("a session starts from ARMED; it is " + state.get());
            }
            PulsePlan plan = verdict.plan().orElseThrow();
            if (!overrides.deliverable()) {
                throw new IllegalStateException("the verdict is not approved for delivery");
            }
            FireJournal mapped = mapJournal(plan, userId);
            journal = mapped;
            mapped.raiseDeviceStopsBy(device.unattendedStopNanos());
            device.watchUnattendedStop(mapped::raiseDeviceStopsBy); // on record before each command leaves
            int deviceCountAtStart = device.deliveredPulseCount();
            InterlockLatch newLatch = new InterlockLatch(settings.clock());
            Delivery chosen = delivery.orElseThrow();
            PulseScheduler newScheduler = pulseThread(plan, chosen, newLatch, mapped);
            transition(SessionState.RUNNING, "started " + plan.pulseCount() + " pulses", userId, null);
            scheduler = newScheduler;
            latch = newLatch;
            FirstTrip.Trip early = trip.get();
            if (early != null) {
                newLatch.trip(early.cause().tripCause());
            }
            DevicePulseCount count = new DevicePulseCount(device, mapped, plan, chosen, deviceCountAtStart);
            if (settings.stepped()) {
                newScheduler.startOnCallerThread(); // the caller steps it: doWork()
            } else {
                newScheduler.start();
            }
            long t0 = awaitT0(newScheduler);
            try {
                store.recordStart(id, t0, settings.wallClock().instant());
            } catch (RecordException e) {
                trip(InterlockCause.RECORD_FAILURE, "cannot record the start: " + FailureChain.describe(e));
            }
            JournalImporter importer = new JournalImporter(mapped, store, id, t0);
            CoilTemperatureLog temperatures = new CoilTemperatureLog(store, id, t0, device.readsCoilTemperature());
            SessionMonitor monitor = new SessionMonitor(device, mapped, count,
                    request.profile().limits().coilTemperature().stopCelsius().doubleValue(), newScheduler, newLatch,
                    settings.clock(), this::trip, this::followPause, temperatures);
            settings.stopButton().onPress(() -> trip(InterlockCause.STOP_BUTTON, "the stop button was pressed"));
            SessionRun started = new SessionRun(newScheduler, newLatch, mapped, count, importer, temperatures, monitor,
                    this::trip, settings, this::finish, failureNote);
            run = started;
            if (!settings.stepped()) {
                started.startThreads();
            }
        }
    }

    /**
     * The plan's memory-mapped fire journal and its record failure note, the journal's path on record;
     * if they cannot be, the session is FAULTED.
     */
    private FireJournal mapJournal(PulsePlan plan, String userId) throws IOException {
        try {
            Files.createDirectories(settings.journalDirectory());
            Path file = settings.journalDirectory().resolve("session-" + id + ".journal");
            FireJournal mapped = FireJournal.mapped(file, plan.pulseCount(), store.identity());
            failureNote = RecordFailureNote.allocate(file.toAbsolutePath());
            store.setJournalPath(id, file.toAbsolutePath());
            return mapped;
        } catch (IOException | RecordException e) {
            device.disarm();
            String why = FailureChain.describe(e);
            transition(SessionState.FAULTED, "cannot prepare the fire journal: " + why, userId,
                    new RecordedState.End(InterlockCause.RECORD_FAILURE, -1));
            completeWithoutRun(InterlockCause.RECORD_FAILURE, why);
            throw e instanceof IOException io ? io : new IOException(e.getMessage(), e);
        }
    }

    /** The pulse thread's scheduler: the plan through the delivery's trigger, under the latch, into the journal. */
    private PulseScheduler pulseThread(PulsePlan plan, Delivery chosen, InterlockLatch newLatch, FireJournal mapped) {
        PulseTrigger trigger = chosen.deviceTimed() ? device.trainTimer().orElseThrow().starter()
                : new OutputSettingTrigger(device, presetOutputs);
        return PulseScheduler.builder(plan, trigger)
                .waiter(settings.pulseWaiter())
                .tolerances(request.profile().timing()).deviceTimed(chosen.deviceTimedPulses(plan))
                .intervalFloors(DeviceIntervalFloors.of(plan, request.profile()))
                .deviceRunsUntil(device::knownRunningUntilNanos)
                .deviationBudget(DeviationPolicy.of(request.protocol().kind(), request.envelope()))
                .onThreadStart(settings.pulseThreadStart())
                .latch(newLatch).journal(mapped)
                .startLeadNanos(START_LEAD_NANOS).build();
    }

    private static long awaitT0(PulseScheduler scheduler) {
        long deadline = System.nanoTime() + 1_000_000_000L; // the pulse thread's first moments (a stepped one is at t0)
        while (scheduler.state() == SchedulerState.CREATED && System.nanoTime() - deadline < 0) {
            LockSupport.parkNanos(100_000L);
        }
        return scheduler.t0Nanos();
    }

    /** Pause before the next train (the current train completes); the device stays armed. */
    public void pause(String userId) {
        PulseScheduler s = requireRunning();
        pauseUser = userId;
        s.pause();
    }

    /** Continue with the next train. */
    public void resume(String userId) {
        PulseScheduler s = requireRunning();
        resumeUser = userId;
        s.resume();
    }

    private PulseScheduler requireRunning() {
        PulseScheduler s = scheduler;
        if (s == null || state.get().isTerminal()) {
            throw new IllegalStateException("the session is not running; it is " + state.get());
        }
        return s;
    }

    /** The monitor's word on the pulse thread: RUNNING and PAUSED follow it. */
    private void followPause(SchedulerState now) {
        if (now == SchedulerState.PAUSED && state.get() == SessionState.RUNNING) {
            transition(SessionState.PAUSED, "paused after " + journal.count() + " pulses", pauseUser, null);
        } else if (now == SchedulerState.RUNNING && state.get() == SessionState.PAUSED) {
            transition(SessionState.RUNNING, "resumed", resumeUser, null);
        }
    }

    /** The operator's stop: ends the session ABORTED. Any thread. */
    public void stop(String userId) {
        trip(InterlockCause.CONSOLE_STOP, "stopped by " + userId);
    }

    /**
     * Trips the session: the latch (the pulse thread halts before its next deadline), then the
     * device's disarm, both on the calling thread. The first cause wins. A session that has not
     * started ends at once (ABORTED or FAULTED); a running one is finished by the monitor thread.
     *
     * @return true if this call was the first trip
     */
    public boolean trip(InterlockCause cause, String detail) {
        boolean first = trip.trip(cause, detail, settings.clock().nanoTime());
        InterlockLatch current = latch;
        if (current != null) {
            current.trip(cause.tripCause());
        }
        device.disarm();
        if (first) {
            trip.disarmReturned(settings.clock().nanoTime());
        }
        RecordFailureNote note = failureNote;
        if (first && cause == InterlockCause.RECORD_FAILURE && note != null) {
            // said now, while the record refuses: if the host stops before the end is written, the next start reads it
            note.write(cause.endState().name(), cause.name(), cause.advice() + ": " + detail);
        }
        SessionRun r = run;
        if (r != null) {
            r.wakeMonitor();
        }
        if (first && scheduler == null) {
            synchronized (state) {
                if (scheduler == null && (state.get() == SessionState.PREPARED || state.get() == SessionState.ARMED)) {
                    transition(cause.endState(), cause.advice() + ": " + detail, null, new RecordedState.End(cause, -1));
                    completeWithoutRun(cause, detail);
                }
            }
        }
        return first;
    }

    /** Ends a session that has not started (arming refused, operator cancelled): ABORTED with the reason. */
    public void cancel(String reason, String userId) {
        synchronized (state) {
            if (state.get() != SessionState.PREPARED && state.get() != SessionState.ARMED) {
                throw new IllegalStateException("only a session that has not started can be cancelled; it is "
                        + state.get());
            }
            device.disarm();
            transition(SessionState.ABORTED, reason, userId, new RecordedState.End(null, -1));
            completeWithoutRun(null, reason);
        }
    }

    /** Waits for the session to end. */
    public SessionOutcome awaitEnd(Duration timeout) throws InterruptedException, TimeoutException {
        try {
            return outcome.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** The outcome, once ended. */
    public Optional<SessionOutcome> outcome() {
        return Optional.ofNullable(outcome.getNow(null));
    }

    private void completeWithoutRun(InterlockCause cause, String detail) {
        outcome.complete(SessionEnd.beforeStart(id, state.get(), cause, detail, plannedPulses));
    }

    /** The monitor is done (the plan ended or the latch tripped): on its thread, or the stepping caller's. */
    private void finish() {
        outcome.complete(end.finish(run));
    }

    /**
     * One duty cycle of a session on virtual time ({@link SessionSettings#withVirtualTime}): the pulse
     * loop, then the interlock monitor and the recorder when their periods have come on the virtual
     * clock; the monitor finishes the session, on this thread, once the plan ends or the latch trips.
     * Never waits; the caller moves the clock to {@link #nextEventNanos()} when it returns 0.
     *
     * @return the work done: 0 when nothing is due before {@link #nextEventNanos()}
     * @throws IllegalStateException if the session runs on its own threads
     */
    public int doWork() {
        if (!settings.stepped()) {
            throw new IllegalStateException("a session on the system clock runs on its own threads");
        }
        SessionRun r = run;
        return r == null || outcome.isDone() ? 0 : r.doWork();
    }

    /** When a stepped session next has something to do (its clock's time), or now when it has ended. */
    public long nextEventNanos() {
        SessionRun r = run;
        return r == null || outcome.isDone() ? settings.clock().nanoTime() : r.nextEventNanos();
    }

    private void transition(SessionState to, String reason, String userId, RecordedState.End end) {
        state.transition(to, reason, userId, end);
    }

    @Override
    public String toString() {
        return "Session[" + id + ", " + state.get() + ", " + firedCount() + "/" + plannedPulses + "]";
    }
}
