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

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.function.UnaryOperator;

/**
 * A session against the in-process simulated device (no arm latency), a record store and journals
 * in a temp directory. Fault scenarios are played by a separate thread, as a device would act on
 * its own.
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

    final Path dir;
    final HardwareProfile profile;
    final SimulatedStimulator simulator;
    final RecordStore store;
    final LinkWatch linkWatch = new LinkWatch();
    SessionSettings settings;
    private Thread scenarioThread;
    private volatile boolean scenarioStop;

    SessionRig(Path dir) throws Exception {
        this(dir, RecordStore.DEFAULT_BUSY_TIMEOUT_MILLIS);
    }

    SessionRig(Path dir, int busyTimeoutMillis) throws Exception {
        this.dir = dir;
        this.profile = relaxedTiming(HardwareProfiles.load("simulator"));
        this.simulator = new SimulatedStimulator(profile, System::nanoTime, CoilThermalModel.Parameters.bundled(),
                1 << 12, 0);
        this.store = RecordStore.open(dir.resolve("records.db"), busyTimeoutMillis);
        this.settings = SessionSettings.defaults(dir.resolve("journals"));
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
                p.sha256());
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
        return session;
    }

    Session started(String protocolText) throws Exception {
        return started(protocolText, simulator);
    }

    /** Plays a scenario on its own thread, polling every millisecond. */
    void play(String scenarioYaml) throws Exception {
        ScenarioPlayer player = new ScenarioPlayer(FaultScenario.parse("scenario.yaml", scenarioYaml), simulator,
                System::nanoTime);
        scenarioThread = new Thread(() -> {
            while (!scenarioStop) {
                player.poll();
                java.util.concurrent.locks.LockSupport.parkNanos(1_000_000L);
            }
        }, "scenario");
        scenarioThread.setDaemon(true);
        scenarioThread.start();
    }

    SessionRow row(Session session) {
        return store.session(session.id()).orElseThrow();
    }

    static SessionOutcome end(Session session) throws Exception {
        return session.awaitEnd(Duration.ofSeconds(20));
    }

    /** Waits until the device has delivered {@code pulses}, woken by each pulse (at most 10 s). */
    void awaitDelivered(int pulses) {
        simulator.awaitDelivered(pulses, Duration.ofSeconds(10));
    }

    @Override
    public void close() {
        scenarioStop = true;
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
