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
import org.tmshost.timing.TripCause;
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
import java.util.concurrent.atomic.AtomicReference;
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
    private static final int FINAL_WRITE_ATTEMPTS = 10;
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
    private final Object lock = new Object();
    private final AtomicReference<Trip> trip = new AtomicReference<>();
    private final CompletableFuture<SessionOutcome> outcome = new CompletableFuture<>();

    private volatile SessionState state = SessionState.IDLE;
    private volatile InterlockLatch latch;
    private volatile PulseScheduler scheduler;
    private volatile FireJournal journal;
    private volatile JournalImporter importer;
    private volatile Thread monitor;
    private volatile Thread recorder;
    private volatile SessionMonitor monitorDuty;
    private long nextMonitorNanos;
    private long nextRecorderNanos;
    private volatile boolean recorderStop;
    private volatile long disarmReturnedNanos;
    private volatile String pauseUser;
    private volatile String resumeUser;
    private int deviceCountAtStart;
    private int[] presetOutputs = new int[0];
    private boolean tripRecorded;

    private record Trip(InterlockCause cause, String detail, long atNanos) {
    }

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
        return state;
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
        return Optional.ofNullable(trip.get()).map(Trip::cause);
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
        synchronized (lock) {
            if (state != SessionState.PREPARED) {
                throw new OverrideRefused("overrides are approved before arming; the session is " + state);
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
        synchronized (lock) {
            if (state != SessionState.PREPARED) {
                throw new IllegalStateException("a session arms from PREPARED; it is " + state);
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
                        new End(InterlockCause.DEVICE_ERROR, -1));
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
        synchronized (lock) {
            if (state != SessionState.ARMED) {
                throw new IllegalStateException("a session starts from ARMED; it is " + state);
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
                        new End(InterlockCause.RECORD_FAILURE, -1));
                completeWithoutRun(InterlockCause.RECORD_FAILURE, e.getMessage());
                throw e instanceof IOException io ? io : new IOException(e.getMessage(), e);
            }
            journal = mapped;
            mapped.raiseDeviceStopsBy(device.unattendedStopNanos());
            device.watchUnattendedStop(mapped::raiseDeviceStopsBy); // on record before each command leaves
            deviceCountAtStart = device.deliveredPulseCount();
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
            Trip early = trip.get();
            if (early != null) {
                newLatch.trip(early.cause().tripCause());
            }
            monitorDuty = new SessionMonitor(device, mapped, plan, chosen,
                    request.profile().limits().coilTemperature().stopCelsius().doubleValue(), deviceCountAtStart,
                    this::trip);
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
            importer = new JournalImporter(mapped, store, id, t0);
            settings.stopButton().onPress(() -> trip(InterlockCause.STOP_BUTTON, "the stop button was pressed"));
            if (settings.stepped()) {
                nextMonitorNanos = settings.clock().nanoTime();
                nextRecorderNanos = nextMonitorNanos;
                return;
            }
            Thread recorderThread = new Thread(this::record, RECORDER_THREAD);
            recorderThread.setDaemon(true);
            recorder = recorderThread;
            Thread monitorThread = new Thread(this::supervise, MONITOR_THREAD);
            monitorThread.setDaemon(true);
            monitorThread.setPriority(Thread.MAX_PRIORITY - 1);
            monitor = monitorThread;
            recorderThread.start();
            monitorThread.start();
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
        if (s == null || state.isTerminal()) {
            throw new IllegalStateException("the session is not running; it is " + state);
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
        boolean first = trip.compareAndSet(null, new Trip(cause, detail, settings.clock().nanoTime()));
        InterlockLatch current = latch;
        if (current != null) {
            current.trip(cause.tripCause());
        }
        device.disarm();
        if (first) {
            disarmReturnedNanos = settings.clock().nanoTime();
        }
        Thread m = monitor;
        if (m != null) {
            LockSupport.unpark(m);
        }
        if (first && scheduler == null) {
            synchronized (lock) {
                if (scheduler == null && (state == SessionState.PREPARED || state == SessionState.ARMED)) {
                    transition(cause.endState(), cause.advice() + ": " + detail, null, new End(cause, -1));
                    completeWithoutRun(cause, detail);
                }
            }
        }
        return first;
    }

    /** Ends a session that has not started (arming refused, operator cancelled): ABORTED with the reason. */
    public void cancel(String reason, String userId) {
        synchronized (lock) {
            if (state != SessionState.PREPARED && state != SessionState.ARMED) {
                throw new IllegalStateException("only a session that has not started can be cancelled; it is " + state);
            }
            device.disarm();
            transition(SessionState.ABORTED, reason, userId, new End(null, -1));
            outcome.complete(new SessionOutcome(id, state, Optional.empty(), reason, plannedPulses(), 0, 0,
                    -1, -1, -1, true, "", 0, 0, 0));
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
        outcome.complete(new SessionOutcome(id, state, Optional.ofNullable(cause), cause == null ? detail
                : cause.advice() + ": " + detail, plannedPulses(), 0, 0, -1, -1, -1, true, "", 0, 0, 0));
    }

    // ---- interlock monitor --------------------------------------------------------------------

    private void supervise() {
        settings.realTime().ifPresent(rt -> RealTime.fifo(0, RealTime.WATCH_PRIORITY)); // a trip seen in time under load
        long periodNanos = settings.monitorPeriod().toNanos();
        try {
            while (superviseOnce()) {
                LockSupport.parkNanos(periodNanos);
            }
        } finally {
            finish();
        }
    }

    /** One monitor duty cycle; false when the session is to finish (the plan ended or the latch tripped). */
    private boolean superviseOnce() {
        PulseScheduler s = scheduler;
        if (latch.isTripped() || s.state().isTerminal()) {
            return false;
        }
        try {
            monitorDuty.check(settings.clock().nanoTime());
            followPause(s);
            return true;
        } catch (RecordException e) {
            trip(InterlockCause.RECORD_FAILURE, e.getMessage());
        } catch (RuntimeException e) {
            trip(InterlockCause.DEVICE_ERROR, "reading the device status failed: " + e);
        }
        return false;
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
        PulseScheduler s = scheduler;
        if (s == null || outcome.isDone()) {
            return 0;
        }
        int work = s.doWork();
        long now = settings.clock().nanoTime();
        if (now - nextMonitorNanos >= 0) {
            nextMonitorNanos = now + settings.monitorPeriod().toNanos();
            work++;
            if (!superviseOnce()) {
                finish();
                return work;
            }
        }
        if (now - nextRecorderNanos >= 0 && !recorderStop) { // a trip here is finished by the next monitor cycle
            nextRecorderNanos = now + settings.recorderPeriod().toNanos();
            recorderStop = !recordOnce();
            work++;
        }
        return work;
    }

    /** When a stepped session next has something to do (its clock's time), or now when it has ended. */
    public long nextEventNanos() {
        PulseScheduler s = scheduler;
        long now = settings.clock().nanoTime();
        if (s == null || outcome.isDone()) {
            return now;
        }
        long next = nextMonitorNanos;
        if (!recorderStop && nextRecorderNanos - next < 0) {
            next = nextRecorderNanos;
        }
        long deadline = s.nextDeadlineNanos();
        if (deadline != DeadlineWaiter.NO_DEADLINE && deadline - next < 0) {
            next = deadline;
        }
        return next;
    }


    private void followPause(PulseScheduler s) {
        SchedulerState now = s.state();
        if (now == SchedulerState.PAUSED && state == SessionState.RUNNING) {
            transition(SessionState.PAUSED, "paused after " + journal.count() + " pulses", pauseUser, null);
        } else if (now == SchedulerState.RUNNING && state == SessionState.PAUSED) {
            transition(SessionState.RUNNING, "resumed", resumeUser, null);
        }
    }

    private void finish() {
        PulseScheduler s = scheduler;
        InterlockLatch l = latch;
        if (settings.stepped()) {
            while (!s.state().isTerminal()) {
                s.doWork(); // tripped: halts at once
            }
        } else {
            try {
                if (!s.awaitTermination(2_000)) {
                    l.trip(TripCause.SCHEDULER_ERROR);
                    s.awaitTermination(2_000);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (l.isTripped() && trip.get() == null) {
            // the pulse thread tripped its own latch: timing fault, trigger failure, loop error
            trip(InterlockCause.ofSchedulerTrip(l.cause()), EndReasons.schedulerDetail(s, l));
        }
        if (!l.isTripped()) {
            while (!monitorDuty.lastReportIn(settings.clock().nanoTime())) {
                settings.idle(1_000_000L);
            }
        }
        device.disarm();
        Trip t = trip.get();
        InterlockCause cause = t == null ? null : t.cause();
        String detail = t == null ? "" : t.detail();
        if (t != null && EndReasons.isSchedulerOwnCause(l.cause()) && l.cause() != cause.tripCause()) {
            cause = InterlockCause.ofSchedulerTrip(l.cause());
            detail = EndReasons.schedulerDetail(s, l) + " (also: " + t.detail() + ")";
        }
        long tripToDisarm = t == null ? -1 : Math.max(0, disarmReturnedNanos - l.trippedAtNanos());
        long tripToHalt = s.stopLatencyNanos();

        recorderStop = true;
        Thread r = recorder;
        if (r != null) {
            LockSupport.unpark(r);
            try {
                r.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        int unconfirmed = journal.unconfirmedCount();
        int fired = journal.count() - unconfirmed;
        int mayRunOn = settleDeviceTimed(cause) + unconfirmed;
        if (unconfirmed > 0) {
            detail = detail + "; the device may have delivered up to " + mayRunOn + " more pulse(s) than are on record: "
                    + "it did not confirm the last fire command" + (mayRunOn > unconfirmed ? ", nor whether it ran "
                    + "the train that command started" : "");
        } else if (mayRunOn > 0 && cause == InterlockCause.LINK_LOSS) {
            detail = detail + "; the device may not have heard the disarm and may deliver up to " + mayRunOn
                    + " more pulse(s) of its loaded train (" + (device.unattendedStopNanos() == Stimulator.NEVER_STOPS_ALONE
                    ? "it has no lease: stop it on its panel or with its stop input" : "until its lease runs out")
                    + "); they are not on record";
        } else if (mayRunOn > 0) {
            detail = detail + "; the device may have delivered up to " + mayRunOn + " more pulse(s) of its train "
                    + "before it stopped (it does not report its pulses: only those a later reply showed it still armed "
                    + "for are on record)";
        }
        int reported = device.deliveredPulseCount();
        int deviceDelivered = reported == Stimulator.PULSE_COUNT_UNKNOWN ? -1 : reported - deviceCountAtStart;
        if (cause == null && deviceDelivered >= 0 && deviceDelivered != fired) {
            cause = InterlockCause.PULSE_COUNT_MISMATCH;
            detail = "the device counts " + deviceDelivered + " pulses, the host fired " + fired;
        }
        SessionState end = cause == null ? SessionState.COMPLETED : cause.endState();
        String reason = (cause == null ? s.skipped() > 0 ? "completed: " + fired + " of " + plannedPulses()
                + " pulses fired" : "completed: all " + fired + " pulses fired" : cause.advice() + ": " + detail)
                + EndReasons.deviationsNote(s);
        String problem = "";
        boolean complete = false;
        for (int attempt = 1; attempt <= FINAL_WRITE_ATTEMPTS && !complete; attempt++) {
            try {
                importer.importAvailable();
                if (mayRunOn > 0) { // a continuation starts past them
                    store.recordMayHaveDelivered(id, mayRunOn);
                }
                if (deviceDelivered >= 0) {
                    store.confirmPulses(id, deviceDelivered, cause == InterlockCause.LINK_LOSS);
                }
                if (cause != null && !tripRecorded) {
                    store.recordTrip(id, cause.name(), detail, settings.wallClock().instant(),
                            Optional.of(tripToDisarm));
                    tripRecorded = true;
                }
                transition(end, reason, t == null ? null : EndReasons.userOf(t.cause(), t.detail()),
                        new End(cause, deviceDelivered));
                complete = true;
            } catch (RecordException e) {
                problem = e.getMessage();
                settings.idle(100_000_000L);
            }
        }
        if (!complete) {
            state = end; // the record stays open; the next start closes it as INTERRUPTED from the journal
            problem = "the record could not be completed (" + problem + "); the fire journal holds all " + fired
                    + " fired pulses and the next start of tmshost closes this session from it";
        }
        outcome.complete(new SessionOutcome(id, end, Optional.ofNullable(cause), reason, plannedPulses(), fired,
                importer.recorded(), deviceDelivered, tripToDisarm, tripToHalt, complete, problem, importer.batches(),
                importer.busyNanos(), importer.longestBatchNanos()));
    }

    /**
     * A session ending with its host alive stops the device with its disarm: the journal's header
     * says so, for a recovery that finds this record open. With the link lost the host cannot know
     * whether the disarm arrived (replies stalled or garbled: it did; a cut cable: it did not, and the
     * rest of a device-timed train runs on), so the record holds what the host saw and the reason
     * says how many more the device may deliver.
     *
     * @return pulses of a device-timed train the device may deliver after the record's last
     */
    private int settleDeviceTimed(InterlockCause cause) {
        int journaled = journal.count();
        long recorded = journaled == 0 ? disarmReturnedNanos : journal.actualNanos(journaled - 1) + 1;
        // a device-timed train stopped by a trip ran on past the last reply that showed it armed: with the link
        // lost, until its lease ran out; otherwise until the host's disarm returned (or it stopped by itself before)
        int mayRunOn = cause == null ? 0 : journal.deliveredIfStoppedBy(cause == InterlockCause.LINK_LOSS
                ? device.unattendedStopNanos() : disarmReturnedNanos) - journaled;
        device.watchUnattendedStop(nanos -> { });
        journal.withdrawExpected(); // a later keep-alive raising "stops by" settles nothing more
        journal.deviceRanUntil(recorded);
        journal.deviceStopsBy(recorded);
        return mayRunOn;
    }

    // ---- recorder -----------------------------------------------------------------------------

    private void record() {
        long periodNanos = settings.recorderPeriod().toNanos();
        while (!recorderStop && recordOnce()) {
            LockSupport.parkNanos(periodNanos);
        }
    }

    /** One recorder duty cycle: imports what the journal has; false (and a trip) when the store refuses. */
    private boolean recordOnce() {
        try {
            importer.importAvailable();
            return true;
        } catch (RecordException e) {
            trip(InterlockCause.RECORD_FAILURE, "the record store refused a write (" + e.getMessage()
                    + "); every fired pulse is kept in the fire journal");
            return false;
        }
    }

    // ---- the one transition method -------------------------------------------------------------

    /** What a terminal transition records beyond the state: cause code and device-reported count. */
    private record End(InterlockCause cause, int deviceReportedPulses) {
    }

    /**
     * Every state change goes through here: checks it is allowed, records old -> new, time, reason and
     * user, then publishes the new state. A non-terminal change is recorded before it takes effect
     * (a failed write throws and nothing changes); a terminal one takes effect first (the session is
     * over whatever the disk says) and then is recorded.
     */
    private void transition(SessionState to, String reason, String userId, End end) {
        synchronized (lock) {
            SessionState from = state;
            if (!from.canGoTo(to)) {
                throw new IllegalStateException("a session cannot go from " + from + " to " + to);
            }
            Instant at = settings.wallClock().instant();
            if (to.isTerminal()) {
                state = to;
                try {
                    store.endSession(id, from.name(), to.name(),
                            end.cause() == null ? to.name() : end.cause().name(), reason, userId, at,
                            end.deviceReportedPulses() < 0 ? Optional.empty() : Optional.of(end.deviceReportedPulses()));
                } catch (RecordException e) {
                    state = from;
                    throw e;
                }
            } else {
                store.recordTransition(id, from.name(), to.name(), reason, userId, at);
                state = to;
            }
        }
    }

    @Override
    public String toString() {
        return "Session[" + id + ", " + state + ", " + firedCount() + "/" + plannedPulses() + "]";
    }
}
