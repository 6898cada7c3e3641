package org.tmshost.bench;

import org.HdrHistogram.Histogram;
import org.tmshost.device.DeviceFault;
import org.tmshost.device.DeviceUri;
import org.tmshost.device.Stimulator;
import org.tmshost.profile.HardwareProfile;
import org.tmshost.protocol.MotorThresholds;
import org.tmshost.protocol.Protocol;
import org.tmshost.protocol.ProtocolFiles;
import org.tmshost.protocol.ThresholdMethod;
import org.tmshost.record.PulseRow;
import org.tmshost.record.RecordStore;
import org.tmshost.safety.SafetyEnvelope;
import org.tmshost.session.ArmingReport;
import org.tmshost.session.Confirmations;
import org.tmshost.session.LinkWatch;
import org.tmshost.session.MeasuredThresholds;
import org.tmshost.session.Session;
import org.tmshost.session.SessionOutcome;
import org.tmshost.session.SessionRequest;
import org.tmshost.session.SessionSettings;
import org.tmshost.session.SessionState;
import org.tmshost.simulator.SimulationProvider;
import org.tmshost.timing.PulseTelemetry;
import org.tmshost.timing.RealTime;
import org.tmshost.yaml.InvalidFileException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeoutException;

/**
 * {@code tmshost bench sessions}: real sessions (the same {@link Session} as {@code run}) of one
 * pattern on a simulated device, under a chosen number of CPU hogs, with the pulse thread's
 * real-time scheduling on and off. Reports sessions completed and faulted, deviations per 1000
 * pulses and the lateness percentiles over every pulse.
 */
public final class SessionBench {
    /** Four trains of iTBS (Huang 2005): 120 pulses, about 32 s. */
    public static final String ITBS_4_TRAINS = """
            name: iTBS, 4 trains
            kind: theta-burst
            pulsesPerBurst: 3
            intraBurstFrequencyHz: 50
            burstFrequencyHz: 5
            burstsPerTrain: 10
            trains: 4
            interTrainIntervalSeconds: 8
            intensity: 80% AMT
            """;

    /** One setting's results: every pulse's lateness (µs) in one histogram. */
    public record Row(boolean realTime, String granted, int sessions, int completed, int faulted, long pulses,
                      long deviations, Histogram latenessMicros, List<String> endings) {
        double deviationsPerThousand() {
            return pulses == 0 ? 0 : deviations * 1000.0 / pulses;
        }
    }

    private final HardwareProfile profile;
    private final String protocolText;
    private final int sessions;
    private final int hogs;

    public SessionBench(HardwareProfile profile, String protocolText, int sessions, int hogs) {
        this.profile = profile;
        this.protocolText = protocolText;
        this.sessions = sessions;
        this.hogs = hogs;
    }

    public Row run(boolean realTime) throws IOException, InvalidFileException, DeviceFault, InterruptedException {
        Protocol protocol = ProtocolFiles.parse("bench.yaml", protocolText);
        Path dir = Files.createTempDirectory("tmshost-bench-sessions");
        Histogram lateness = new Histogram(60_000_000L, 3);
        int completed = 0;
        int faulted = 0;
        long pulses = 0;
        long deviations = 0;
        String granted = "off";
        List<String> endings = new ArrayList<>();
        try (CpuHogs load = new CpuHogs(hogs); RecordStore store = RecordStore.open(dir.resolve("records.db"))) {
            for (int i = 0; i < sessions; i++) {
                SessionSettings settings = SessionSettings.defaults(dir.resolve("journals"));
                if (realTime) {
                    settings = settings.withRealTime(RealTime.Request.defaults());
                }
                try (Stimulator device = new SimulationProvider().open(DeviceUri.parse("sim:" + profile.name()), profile)) {
                    LinkWatch watch = new LinkWatch();
                    SessionRequest request = new SessionRequest("bench-" + i, "bench", "bench", protocol, protocolText,
                            new MeasuredThresholds(MotorThresholds.of(45.0, 35.0, ThresholdMethod.EMG), Instant.now()),
                            profile, "sim:" + profile.name(), SafetyEnvelope.bundled());
                    Session session = Session.prepare(request, device, watch, store, settings);
                    ArmingReport report = session.arm(Confirmations.BOTH, "bench");
                    if (!report.canArm()) {
                        throw new IllegalStateException("the bench session could not arm: " + report.lines());
                    }
                    if (!report.notes().isEmpty()) {
                        granted = report.notes().get(0);
                    }
                    session.start("bench");
                    SessionOutcome outcome = awaitEnd(session);
                    if (outcome.state() == SessionState.COMPLETED) {
                        completed++;
                    } else {
                        faulted++;
                        endings.add(outcome.state() + ": " + outcome.reason());
                    }
                    deviations += session.telemetry().map(PulseTelemetry::deviations).orElse(0);
                    for (PulseRow pulse : store.pulses(session.id())) {
                        lateness.recordValue(Math.max(0, (pulse.actualNanos() - pulse.plannedNanos()) / 1_000));
                        pulses++;
                    }
                }
            }
        }
        return new Row(realTime, granted, sessions, completed, faulted, pulses, deviations, lateness, endings);
    }

    private static SessionOutcome awaitEnd(Session session) throws InterruptedException {
        try {
            return session.awaitEnd(Duration.ofMinutes(30));
        } catch (TimeoutException e) {
            throw new IllegalStateException("a bench session did not end in 30 minutes", e);
        }
    }

    public static String table(HardwareProfile profile, String protocolName, int hogs, List<Row> rows) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "bench sessions: %s on sim:%s, %d CPU hog(s), %d cores%n", protocolName,
                profile.name(), hogs, Runtime.getRuntime().availableProcessors()));
        out.append(String.format(Locale.ROOT, "%-10s %9s %10s %8s %16s %9s %9s %10s %10s%n", "real-time", "sessions",
                "completed", "faulted", "deviations/1000", "p50 µs", "p99 µs", "p99.9 µs", "max µs"));
        for (Row r : rows) {
            Histogram h = r.latenessMicros();
            out.append(String.format(Locale.ROOT, "%-10s %9d %10d %8d %16.1f %9d %9d %10d %10d%n", r.realTime() ? "on" : "off",
                    r.sessions(), r.completed(), r.faulted(), r.deviationsPerThousand(), h.getValueAtPercentile(50),
                    h.getValueAtPercentile(99), h.getValueAtPercentile(99.9), h.getMaxValue()));
        }
        for (Row r : rows) {
            if (r.realTime()) {
                out.append("real-time on: ").append(r.granted()).append('\n');
            }
            r.endings().forEach(e -> out.append("  ").append(r.realTime() ? "on" : "off").append(": ").append(e).append('\n'));
        }
        return out.toString();
    }

    public static String json(HardwareProfile profile, String protocolName, int hogs, List<Row> rows) {
        StringBuilder out = new StringBuilder("{\"profile\":\"" + profile.name() + "\",\"protocol\":\""
                + protocolName.replace("\"", "'") + "\",\"hogs\":" + hogs + ",\"rows\":[");
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            Histogram h = r.latenessMicros();
            out.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT,
                    "{\"realTime\":%b,\"sessions\":%d,\"completed\":%d,\"faulted\":%d,\"pulses\":%d,\"deviationsPerThousand\":%.2f,"
                            + "\"latenessMicros\":{\"p50\":%d,\"p99\":%d,\"p999\":%d,\"max\":%d}}",
                    r.realTime(), r.sessions(), r.completed(), r.faulted(), r.pulses(), r.deviationsPerThousand(),
                    h.getValueAtPercentile(50), h.getValueAtPercentile(99), h.getValueAtPercentile(99.9), h.getMaxValue()));
        }
        return out.append("]}").toString();
    }

    /** Threads that keep cores busy at normal priority, as other programs on a lab PC do. */
    static final class CpuHogs implements AutoCloseable {
        private final List<Thread> threads = new ArrayList<>();
        private volatile boolean running = true;
        volatile long sink;

        CpuHogs(int count) {
            for (int i = 0; i < count; i++) {
                Thread hog = new Thread(() -> {
                    long x = 0;
                    while (running) {
                        x = x * 6364136223846793005L + 1442695040888963407L;
                    }
                    sink = x;
                }, "bench-cpu-hog-" + i);
                hog.setDaemon(true);
                hog.start();
                threads.add(hog);
            }
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            for (Thread hog : threads) {
                hog.join(1_000);
            }
        }
    }
}
