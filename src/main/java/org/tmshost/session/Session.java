package org.tmshost.session;

import org.tmshost.device.DeviceFault;
import org.tmshost.device.DeviceIdentity;
import org.tmshost.device.PulseTrigger;
import org.tmshost.device.Stimulator;
import org.tmshost.device.StopButton;
import org.tmshost.delivery.Delivery;
import org.tmshost.delivery.DeliveryChoice;
import org.tmshost.delivery.DeliveryPlanner;
import org.tmshost.protocol.MotorThresholds;
import org.tmshost.protocol.PulsePlan;
import org.tmshost.record.JournalImporter;
import org.tmshost.record.NewSession;
import org.tmshost.record.RecordException;
import org.tmshost.record.RecordStore;
import org.tmshost.record.TrainRow;
import org.tmshost.safety.Finding;
import org.tmshost.safety.Verdict;
import org.tmshost.timing.DeadlineWaiter;
import org.tmshost.timing.FireJournal;
import org.tmshost.timing.HybridWaiter;
import org.tmshost.timing.InterlockLatch;
import org.tmshost.timing.PulseScheduler;
import org.tmshost.timing.PulseTelemetry;
import org.tmshost.timing.RealTime;
import org.tmshost.timing.SchedulerState;
import org.tmshost.timing.SystemClock;
import org.tmshost.timing.VirtualTimeWaiter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
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
    private final Set<String> approvedRuleIds = ConcurrentHashMap.newKeySet();
    /** The state and its record; its lock is the session's (a check and its transition are one). */
    private final RecordedState state;
    private final FirstTrip trip = new FirstTrip();
    private final SessionEnd end;
    private final CompletableFuture<SessionOutcome> outcome = new CompletableFuture<>();

    private volatile InterlockLatch latch;
    private volatile PulseScheduler scheduler;
    private volatile FireJournal journal;
    private volatile PeriodicDuty monitor;
    private volatile PeriodicDuty recorder;
    private volatile SessionEnd.Started started;
    private volatile String pauseUser;
    private volatile String resumeUser;
    private int[] presetOutputs = new int[0];

    private Session(SessionRequest request, Stimulator device, LinkWatch linkWatch, RecordStore store,
                    SessionSettings settings, DoseLedger ledger, Verdict verdict, long id) {
        this.request = request;
        this.delivery = verdict.plan().flatMap(plan -> DeliveryPlanner.choose(plan, request.protocol().kind(),
                request.profile()) instanceof DeliveryChoice.Chosen chosen ? Optional.of(chosen.delivery()) : Optional.empty());
        this.device = device;
        this.linkWatch = linkWatch;
        this.store = store;
        this.settings = settings;
        this.ledger = ledger;
        this.verdict = verdict;
        this.id = id;
        this.state = new RecordedState(store, id, settings.wallClock());
        this.end = new SessionEnd(settings, device, store, id, plannedPulses(), state, trip, this::trip);
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
        SessionSettings settings = given.stopButton() == StopButton.NONE
                ? given.withStopButton(device.stopButton()) : given; // a rig's own stop input trips the session
        DoseLedger ledger = new DoseLedger(store, settings.zone());
        SessionRequest request = reached(asked, device);
        Verdict verdict = request.envelope().check(request.protocol(), request.thresholds().thresholds(),
                request.profile(), ledger.history(request.subjectId(), settings.wallClock().instant()));
        return prepare(request, device, linkWatch, store, settings, ledger, verdict, Optional.empty());
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
        continuation.requireProfile(asked.profile());
        SessionSettings settings = given.stopButton() == StopButton.NONE
                ? given.withStopButton(device.stopButton()) : given;
        DoseLedger ledger = new DoseLedger(store, settings.zone(), continuation.treatment());
        SessionRequest request = reached(asked, device);
        Verdict whole = request.envelope().check(request.protocol(), request.thresholds().thresholds(),
                request.profile(), ledger.history(request.subjectId(), settings.wallClock().instant()));
        int first = whole.plan().isEmpty() ? continuation.nextPulse()
                : continuation.firstDeliverable(whole.plan().get(), request.protocol().kind(), request.profile());
        Verdict rest = new Verdict(whole.level(), whole.findings(), whole.plan().map(plan -> plan.from(first)));
        return prepare(request, device, linkWatch, store, settings, ledger, rest, Optional.of(
                new Resumed(continuation, first)));
    }

    private record Resumed(Continuation continuation, int firstPulse) {
    }

    /** The envelope and the delivery see the device as this link reaches it. */
    private static SessionRequest reached(SessionRequest asked, Stimulator device) {
        return asked.withProfile(asked.profile().reaching(device.reachableChannels()));
    }

    private static Session prepare(SessionRequest request, Stimulator device, LinkWatch linkWatch, RecordStore store,
                                   SessionSettings settings, DoseLedger ledger, Verdict verdict,
                                   Optional<Resumed> resumed) {
        Instant now = settings.wallClock().instant();
        MotorThresholds thresholds = request.thresholds().thresholds();
        int planned = verdict.plan().map(PulsePlan::pulseCount).orElse(request.protocol().pulseCount());
        long id = store.createSession(new NewSession(request.subjectId(), request.operatorId(), request.protocolName(),
                request.protocolText(), request.profile().name(), request.profile().sha256(),
                request.envelope().sha256(), request.deviceUri(), request.simulated(), verdict.name(), planned,
                thresholds.rmtPercentMso().map(java.math.BigDecimal::doubleValue),
                thresholds.amtPercentMso().map(java.math.BigDecimal::doubleValue), thresholds.method().name()), now);
        Session session = new Session(request, device, linkWatch, store, settings, ledger, verdict, id);
        resumed.ifPresent(r -> session.carryOver(r.continuation(), r.firstPulse(), now));
        thresholds.rmtPercentMso().ifPresent(rmt -> store.recordThreshold(request.subjectId(), "RMT",
                rmt.doubleValue(), thresholds.method().name(), request.thresholds().measuredAt(),
                request.profile().name(), id));
        thresholds.amtPercentMso().ifPresent(amt -> store.recordThreshold(request.subjectId(), "AMT",
                amt.doubleValue(), thresholds.method().name(), request.thresholds().measuredAt(),
                request.profile().name(), id));
        verdict.plan().ifPresent(plan -> store.recordTrains(id, trains(plan)));
        session.transition(SessionState.PREPARED, "prepared: verdict " + verdict.name() + ", " + planned
                + " pulses planned" + (request.simulated() ? ", SIMULATION" : ""), request.operatorId(), null);
        linkWatch.attach(session::trip);
        return session;
    }

    /** Links the record to the treatment it continues and records the overrides that carry over. */
    private void carryOver(Continuation continuation, int firstPulse, Instant now) {
        store.recordContinuation(id, continuation.continues().id(), firstPulse);
        Set<String> needing = new java.util.HashSet<>(verdict.needingOverride().stream().map(Finding::ruleId).toList());
        for (var approved : continuation.overrides()) {
            if (needing.contains(approved.ruleId()) && approvedRuleIds.add(approved.ruleId())) {
                store.recordOverride(id, approved.ruleId(), approved.approvedBy(), "carried over from session "
                        + continuation.continues().id() + " (same treatment): " + approved.reason(), now);
            }
        }
    }

    private static List<TrainRow> trains(PulsePlan plan) {
        var rows = new ArrayList<TrainRow>();
        for (int train = 0; train < plan.trainCount(); train++) {
            rows.add(new TrainRow(train, plan.trainFirstPulse(train), plan.trainPulseCount(train),
                    plan.trainStartNanos(train)));
        }
        return rows;
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
        return Collections.unmodifiableSet(approvedRuleIds);
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
            if (verdict.blocked()) {
                throw new OverrideRefused("the verdict is BLOCKED: a BLOCKED protocol cannot be overridden");
            }
            if (approver.role() != Role.SUPERVISOR) {
                throw new OverrideRefused(approver.name() + " is an operator; operators cannot approve overrides, "
                        + "a supervisor must");
            }
            if (reason == null || reason.isBlank()) {
                throw new OverrideRefused("an override needs a reason");
            }
            Instant now = settings.wallClock().instant();
            List<Finding> needing = verdict.needingOverride();
            for (Finding finding : needing) {
                store.recordOverride(id, finding.ruleId(), approver.name(), reason.strip(), now);
                approvedRuleIds.add(finding.ruleId());
            }
            return needing.size();
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
                device.onLinkThreads(() -> RealTime.fifo(0, RealTime.WATCH_PRIORITY));
            }
            try {
                DeviceIdentity identity = device.identify();
                store.recordDeviceIdentity(id, identity.model(), identity.firmwareVersion());
                presetOutputs = DeviceArming.presetOutputs(device, verdict.plan().orElseThrow());
                Delivery chosen = delivery.orElseThrow(() -> new IllegalStateException("a plan without a delivery path armed"));
                DeviceArming.load(device, chosen);
                store.recordDelivery(id, chosen.strategy().jsonName(), chosen.hostStarts());
                DeviceArming.warmUpOnce();
                device.arm();
                DeviceArming.awaitReady(device, settings);
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
                Set.copyOf(approvedRuleIds), device, request.profile(), request.simulated(), linkWatch.fault(), settings.stopButton(),
                confirmations, request.envelope(), ledger.history(request.subjectId(), now), now, settings.zone()));
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
            if (verdict.blocked() || !approvedRuleIds.containsAll(verdict.needingOverride().stream()
                    .map(Finding::ruleId).toList())) {
                throw new IllegalStateException("the verdict is not approved for delivery");
            }
            FireJournal mapped;
            try {
                Files.createDirectories(settings.journalDirectory());
                Path file = settings.journalDirectory().resolve("session-" + id + ".journal");
                mapped = FireJournal.mapped(file, plan.pulseCount());
                store.setJournalPath(id, file.toAbsolutePath());
            } catch (IOException | RecordException e) {
                device.disarm();
                transition(SessionState.FAULTED, "cannot prepare the fire journal: " + e.getMessage(), userId,
                        new RecordedState.End(InterlockCause.RECORD_FAILURE, -1));
                completeWithoutRun(InterlockCause.RECORD_FAILURE, e.getMessage());
                throw e instanceof IOException io ? io : new IOException(e.getMessage(), e);
            }
            journal = mapped;
            mapped.raiseDeviceStopsBy(device.unattendedStopNanos());
            device.watchUnattendedStop(mapped::raiseDeviceStopsBy); // on record before each command leaves
            int deviceCountAtStart = device.deliveredPulseCount();
            InterlockLatch newLatch = new InterlockLatch(settings.clock());
            Delivery chosen = delivery.orElseThrow();
            PulseTrigger trigger = chosen.deviceTimed() ? device.trainTimer().orElseThrow().starter()
                    : new OutputSettingTrigger(device, presetOutputs);
            PulseScheduler newScheduler = PulseScheduler.builder(plan, trigger)
                    .waiter(settings.virtualTime().<DeadlineWaiter>map(VirtualTimeWaiter::new)
                            .orElseGet(() -> new HybridWaiter(SystemClock.INSTANCE, settings.spinWindowNanos())))
                    .tolerances(request.profile().timing()).deviceTimed(chosen.deviceTimedPulses(plan))
                    .intervalFloors(DeviceIntervalFloors.of(plan, request.profile()))
                    .deviceRunsUntil(device::knownRunningUntilNanos)
                    .deviationBudget(DeviationPolicy.of(request.protocol().kind(), request.envelope()))
                    .onThreadStart(settings.realTime().<Runnable>map(rt -> () -> RealTime.promoteCurrentThread(rt))
                            .orElse(() -> { })) // what it gets was said at arming, by the probe
                    .latch(newLatch).journal(mapped)
                    .startLeadNanos(START_LEAD_NANOS).build();
            transition(SessionState.RUNNING, "started " + plan.pulseCount() + " pulses", userId, null);
            scheduler = newScheduler;
            latch = newLatch;
            FirstTrip.Trip early = trip.get();
            if (early != null) {
                newLatch.trip(early.cause().tripCause());
            }
            DevicePulseCount count = new DevicePulseCount(device, mapped, plan, chosen, deviceCountAtStart);
            SessionMonitor monitorDuty = new SessionMonitor(device, mapped, count,
                    request.profile().limits().coilTemperature().stopCelsius().doubleValue(), newScheduler, newLatch,
                    settings.clock(), this::trip, this::followPause);
            if (settings.stepped()) {
                newScheduler.startOnCallerThread(); // the caller steps it: doWork()
            } else {
                newScheduler.start();
            }
            long t0 = awaitT0(newScheduler);
            try {
                store.recordStart(id, t0, settings.wallClock().instant());
            } catch (RecordException e) {
                trip(InterlockCause.RECORD_FAILURE, "cannot record the start: " + e.getMessage());
            }
            JournalImporter importer = new JournalImporter(mapped, store, id, t0);
            settings.stopButton().onPress(() -> trip(InterlockCause.STOP_BUTTON, "the stop button was pressed"));
            long now = settings.clock().nanoTime(); // a stepped session's first rounds are due now
            PeriodicDuty recorderLoop = new PeriodicDuty(new SessionRecorder(importer, this::trip),
                    settings.recorderPeriod().toNanos(), now);
            PeriodicDuty monitorLoop = new PeriodicDuty(monitorDuty, settings.monitorPeriod().toNanos(), now);
            started = new SessionEnd.Started(newScheduler, newLatch, mapped, count, importer, recorderLoop);
            recorder = recorderLoop;
            monitor = monitorLoop;
            if (!settings.stepped()) {
                recorderLoop.startThread(RECORDER_THREAD, PeriodicDuty.CREATOR_PRIORITY, () -> { }, () -> { });
                monitorLoop.startThread(MONITOR_THREAD, Thread.MAX_PRIORITY - 1, () -> settings.realTime().ifPresent(
                        rt -> RealTime.fifo(0, RealTime.WATCH_PRIORITY)), // a trip seen in time under load
                        this::finish);
            }
        }
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
        PeriodicDuty m = monitor;
        if (m != null) {
            m.wake();
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

    private int plannedPulses() {
        return verdict.plan().map(PulsePlan::pulseCount).orElse(request.protocol().pulseCount());
    }

    private void completeWithoutRun(InterlockCause cause, String detail) {
        outcome.complete(SessionEnd.beforeStart(id, state.get(), cause, detail, plannedPulses()));
    }

    // ---- the loops: on their threads, or stepped ------------------------------------------------

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
        PulseScheduler s = scheduler;
        if (s == null || outcome.isDone()) {
            return 0;
        }
        int work = s.doWork();
        long now = settings.clock().nanoTime();
        work += monitor.doWorkIfDue(now);
        if (monitor.done()) {
            finish();
            return work;
        }
        return work + recorder.doWorkIfDue(now); // a trip here is finished by the next monitor cycle
    }

    /** When a stepped session next has something to do (its clock's time), or now when it has ended. */
    public long nextEventNanos() {
        PulseScheduler s = scheduler;
        long now = settings.clock().nanoTime();
        if (s == null || outcome.isDone()) {
            return now;
        }
        long next = monitor.nextDueNanos();
        if (!recorder.done() && recorder.nextDueNanos() - next < 0) {
            next = recorder.nextDueNanos();
        }
        long deadline = s.nextDeadlineNanos();
        if (deadline != DeadlineWaiter.NO_DEADLINE && deadline - next < 0) {
            next = deadline;
        }
        return next;
    }

    /** The monitor's word on the pulse thread: RUNNING and PAUSED follow it. */
    private void followPause(SchedulerState now) {
        if (now == SchedulerState.PAUSED && state.get() == SessionState.RUNNING) {
            transition(SessionState.PAUSED, "paused after " + journal.count() + " pulses", pauseUser, null);
        } else if (now == SchedulerState.RUNNING && state.get() == SessionState.PAUSED) {
            transition(SessionState.RUNNING, "resumed", resumeUser, null);
        }
    }

    private void finish() {
        outcome.complete(end.finish(started));
    }

    private void transition(SessionState to, String reason, String userId, RecordedState.End end) {
        state.transition(to, reason, userId, end);
    }

    @Override
    public String toString() {
        return "Session[" + id + ", " + state + ", " + firedCount() + "/" + plannedPulses() + "]";
    }
}
