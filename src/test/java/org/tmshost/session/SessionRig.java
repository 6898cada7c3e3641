package org.tmshost.session;

import org.tmshost.device.ForwardingStimulator;
import org.tmshost.device.PulseTrigger;
import org.tmshost.device.Stimulator;
import org.tmshost.profile.HardwareProfile;
import org.tmshost.profile.HardwareProfiles;
import org.tmshost.profile.TimingTolerances;
import org.tmshost.protocol.MotorThresholds;
import org.tmshost.protocol.Protocol;
import org.tmshost.protocol.ProtocolFiles;
import org.tmshost.protocol.ThresholdMethod;
import org.tmshost.record.RecordStore;
import org.tmshost.record.SessionRow;
import org.tmshost.safety.SafetyEnvelope;
import org.tmshost.simulator.CoilThermalModel;
import org.tmshost.simulator.FaultScenario;
import org.tmshost.simulator.ScenarioPlayer;
import org.tmshost.simulator.SimulatedStimulator;
import org.tmshost.timing.VirtualClock;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.function.UnaryOperator;

/**
 * A session against the in-process simulated device (no arm latency), a record store and journals
 * in a temp directory, on virtual time: nothing runs until the rig steps the session
 * ({@link Session#doWork()}), moving the clock to the session's next event whenever it is idle. No
 * thread, no sleep: every test here is decided by events, never by how fast the machine is. Fault
 * scenarios are polled at every step, as a device would act on its own.
 */
final class SessionRig implements AutoCloseable {
    /** 30 pulses: 3 trains of 10 at 10 Hz, 0.5 s apart, 80% RMT (3.5 s); PASS on the simulator profile. */
    static final String PASSING = """
            name: test 10 Hz
            kind: rtms
            frequencyHz: 10
            pulsesPerTrain: 10
            trains: 3
            interTrainIntervalSeconds: 0.5
            intensity: 80% RMT
            """;
    /** A 3 s train at 20 Hz, 100% RMT: NEEDS_OVERRIDE (rossi2009.train-duration). */
    static final String NEEDS_OVERRIDE = """
            name: long 20 Hz train
            kind: rtms
            frequencyHz: 20
            pulsesPerTrain: 60
            trains: 1
            interTrainIntervalSeconds: 1
            intensity: 100% RMT
            """;
    /** 130% RMT of RMT 90 = 117% MSO: BLOCKED (beyond the device maximum). */
    static final String BLOCKED = """
            name: beyond the device
            kind: rtms
            frequencyHz: 1
            pulsesPerTrain: 5
            trains: 1
            interTrainIntervalSeconds: 1
            intensity: 130% RMT
            """;

    /** Virtual time a step loop may run before the rig gives up: longer than any plan here. */
    private static final long GIVE_UP_NANOS = 3_600_000_000_000L;

    final Path dir;
    final HardwareProfile profile;
    final VirtualClock clock = new VirtualClock(1_000_000_000L);
    final SimulatedStimulator simulator;
    final RecordStore store;
    final LinkWatch linkWatch = new LinkWatch();
    SessionSettings settings;
    private ScenarioPlayer player;
    private Session running;

    SessionRig(Path dir) throws Exception {
        this(dir, RecordStore.DEFAULT_BUSY_TIMEOUT_MILLIS);
    }

    SessionRig(Path dir, int busyTimeoutMillis) throws Exception {
        this.dir = dir;
        this.profile = relaxedTiming(HardwareProfiles.load("simulator"));
        this.simulator = new SimulatedStimulator(profile, clock::nanoTime, CoilThermalModel.Parameters.bundled(),
                1 << 12, 0);
        this.store = RecordStore.open(dir.resolve("records.db"), busyTimeoutMillis);
        this.settings = SessionSettings.defaults(dir.resolve("journals")).withVirtualTime(clock);
    }

    /**
     * The simulator profile with a 20 ms lateness limit (the scheduler still caps it at 10% of the
     * interval): the build VMs are not real-time hosts and park wake-ups there run milliseconds
     * late, which would trip the timing interlock in tests of the other interlocks. The timing
     * interlock itself is tested with a deliberate stall far beyond any limit.
     */
    static HardwareProfile relaxedTiming(HardwareProfile p) {
        return new HardwareProfile(p.name(), p.model(), p.simulation(), p.wireProtocol(), p.link(), p.capabilities(),
                p.limits(), new TimingTolerances(p.timing().earlyToleranceMicros(), 20_000), p.gpio(), p.sources(),
                p.file());
    }

    static Protocol protocol(String text) throws Exception {
        return ProtocolFiles.parse("test.yaml", text);
    }

    SessionRequest request(String protocolText, double rmt) throws Exception {
        return request(protocolText, rmt, ThresholdMethod.EMG, Instant.now());
    }

    SessionRequest request(String protocolText, double rmt, ThresholdMethod method, Instant measuredAt)
            throws Exception {
        return new SessionRequest("subject-1", "op1", "test", protocol(protocolText), protocolText,
                new MeasuredThresholds(MotorThresholds.of(rmt, null, method), measuredAt), profile, "sim:simulator",
                SafetyEnvelope.bundled());
    }

    Session prepare(String protocolText) throws Exception {
        return prepare(protocolText, simulator);
    }

    Session prepare(String protocolText, Stimulator device) throws Exception {
        return Session.prepare(request(protocolText, 50), device, linkWatch, store, settings);
    }

    /** Prepared, armed (all checks passed) and started. */
    Session started(String protocolText, Stimulator device) throws Exception {
        Session session = prepare(protocolText, device);
        ArmingReport report = session.arm(Confirmations.BOTH, "op1");
        if (!report.canArm()) {
            throw new AssertionError("arming refused: " + report.lines());
        }
        session.start("op1");
        running = session;
        return session;
    }

    Session started(String protocolText) throws Exception {
        return started(protocolText, simulator);
    }

    /** Plays a scenario: polled at every step, on the rig's clock. */
    void play(String scenarioYaml) throws Exception {
        player = new ScenarioPlayer(FaultScenario.parse("scenario.yaml", scenarioYaml), simulator, clock::nanoTime);
    }

    /** The session the rig started last: the one {@link #awaitDelivered} and {@link #advance} step. */
    void running(Session session) {
        running = session;
    }

    /** One step: the scenario, then the session's duty cycle; idle, the clock moves to its next event. */
    void step(Session session) {
        if (player != null) {
            player.poll();
        }
        if (session.doWork() == 0) {
            clock.advanceTo(session.nextEventNanos());
        }
    }

    /** Steps {@code session} until {@code condition} holds. */
    void stepUntil(Session session, java.util.function.BooleanSupplier condition, String what) {
        long giveUp = clock.nanoTime() + GIVE_UP_NANOS;
        while (!condition.getAsBoolean()) {
            if (clock.nanoTime() - giveUp > 0 || session.outcome().isPresent()) { // it ended, or time ran out
                throw new AssertionError("never happened: " + what + " (" + session + ", "
                        + session.outcome().map(SessionOutcome::reason).orElse("running") + ")");
            }
            step(session);
        }
    }

    /** Steps the running session for {@code nanos} of its time. */
    void advance(long nanos) {
        long until = clock.nanoTime() + nanos;
        while (clock.nanoTime() - until < 0 && running.outcome().isEmpty()) {
            step(running);
        }
    }

    SessionRow row(Session session) {
        return store.session(session.id()).orElseThrow();
    }

    /** Steps a session on {@code clock} (its settings' virtual time) to its end, outside a rig. */
    static SessionOutcome stepToEnd(Session session, VirtualClock clock) {
        long giveUp = clock.nanoTime() + GIVE_UP_NANOS;
        while (session.outcome().isEmpty() && clock.nanoTime() - giveUp < 0) {
            if (session.doWork() == 0) {
                clock.advanceTo(session.nextEventNanos());
            }
        }
        return session.outcome().orElseThrow(() -> new AssertionError("no end within an hour: " + session));
    }

    /** Steps the session to its end. */
    SessionOutcome end(Session session) {
        stepUntil(session, () -> session.outcome().isPresent(), "the end of the session");
        return session.outcome().orElseThrow();
    }

    /** Steps the running session until the device has delivered {@code pulses}. */
    void awaitDelivered(int pulses) {
        stepUntil(running, () -> simulator.groundTruth().size() >= pulses, pulses + " pulses delivered");
    }

    @Override
    public void close() {
        store.close();
    }

    /** A device that forwards to the simulator, with its trigger replaced. */
    static Stimulator withTrigger(SimulatedStimulator device, UnaryOperator<PulseTrigger> wrap) {
        PulseTrigger trigger = wrap.apply(device.trigger());
        return new ForwardingStimulator(device) {
            @Override
            public PulseTrigger trigger() {
                return trigger;
            }
        };
    }
}
