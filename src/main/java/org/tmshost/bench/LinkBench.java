package org.tmshost.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.HdrHistogram.Histogram;
import org.tmshost.device.DeviceFault;
import org.tmshost.device.Stimulator;
import org.tmshost.profile.HardwareProfile;
import org.tmshost.protocol.Intensity;
import org.tmshost.protocol.PulsePlan;
import org.tmshost.protocol.Rtms;
import org.tmshost.device.DeviceProviders;
import org.tmshost.device.DeviceUri;
import org.tmshost.device.magstim.MagstimProvider;
import org.tmshost.device.magventure.MagProProvider;
import org.tmshost.simulator.SimulatorEventLog;
import org.tmshost.simulator.standalone.StandaloneSimulator;
import org.tmshost.timing.FireJournal;
import org.tmshost.timing.PulseScheduler;
import org.tmshost.timing.SchedulerState;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code tmshost bench link}: the host's driver against the standalone simulator over a socat
 * pseudo-terminal, as in the HIL suite. Measures (1) command round trips (an output write with its
 * read-back) and (2) a host-timed train fired through the serial trigger, compared with the
 * simulator's ground truth: device-side interval error, and host-call-to-device delay.
 */
public final class LinkBench {
    private final HardwareProfile profile;
    private final int roundTrips;
    private final int trainPulses;
    private final BigDecimal trainHz;

    public LinkBench(HardwareProfile profile, int roundTrips, int trainPulses, BigDecimal trainHz) {
        this.profile = profile;
        this.roundTrips = roundTrips;
        this.trainPulses = trainPulses;
        this.trainHz = trainHz;
    }

    public record Result(String profile, int roundTrips, Histogram roundTripMicros, int planned, int delivered,
                         String schedulerState, Histogram intervalErrorMicros, Histogram hostToDeviceMicros,
                         long plannedIntervalMicros) {
    }

    public Result run() throws IOException, DeviceFault, InterruptedException {
        Path dir = Files.createTempDirectory("tmshost-bench-link");
        Path log = dir.resolve("device.jsonl");
        try (StandaloneSimulator simulator = new StandaloneSimulator(profile, Optional.empty(), new SimulatorEventLog(log))) {
            Path pty = simulator.servePty(dir.resolve("ttyBENCH"));
            DeviceProviders wire = DeviceProviders.of(new MagstimProvider(), new MagProProvider());
            try (Stimulator device = wire.open(DeviceUri.parse("serial:" + pty + "?profile=" + profile.name()), profile)) {
                Histogram roundTrip = new Histogram(10_000_000L, 3);
                for (int i = 0; i < roundTrips; i++) {
                    long start = System.nanoTime();
                    device.setOutput(0, 20 + i % 20);
                    roundTrip.recordValue(Math.max(1, (System.nanoTime() - start) / 1_000));
                }
                PulsePlan plan = new Rtms("bench link", "", trainHz, trainPulses, 1, BigDecimal.ZERO,
                        new Intensity.Absolute(new BigDecimal("30"))).expand(intensity -> 30);
                device.setOutput(0, 30);
                device.arm();
                long readyBy = System.currentTimeMillis() + 5000;
                while (!device.status().ready() && System.currentTimeMillis() < readyBy) {
                    Thread.sleep(10);
                }
                FireJournal journal = FireJournal.inMemory(plan.pulseCount());
                PulseScheduler scheduler = PulseScheduler.builder(plan, device.trigger()).journal(journal)
                        .tolerances(profile.timing()).threadName("bench-link-pulse").build();
                scheduler.start();
                scheduler.awaitTermination(60_000);
                SchedulerState state = scheduler.state();
                String why = scheduler.timingFault().map(f -> ": " + f.describe())
                        .or(() -> scheduler.failure().map(e -> ": " + e)).orElse("");
                device.disarm();
                Thread.sleep(200); // let the simulator's log catch up
                List<Long> deviceNanos = pulseTimes(log);
                Histogram intervalError = new Histogram(10_000_000L, 3);
                Histogram hostToDevice = new Histogram(10_000_000L, 3);
                long plannedInterval = plan.pulseCount() > 1 ? plan.intervalBeforeNanos(1) : 0;
                for (int i = 1; i < deviceNanos.size(); i++) {
                    long error = Math.abs(deviceNanos.get(i) - deviceNanos.get(i - 1) - plannedInterval);
                    intervalError.recordValue(Math.max(1, error / 1_000));
                }
                for (int i = 0; i < Math.min(deviceNanos.size(), journal.count()); i++) {
                    hostToDevice.recordValue(Math.max(1, (deviceNanos.get(i) - journal.actualNanos(i)) / 1_000));
                }
                return new Result(profile.name(), roundTrips, roundTrip, plan.pulseCount(), deviceNanos.size(),
                        state.name() + why, intervalError, hostToDevice, plannedInterval / 1_000);
            }
        }
    }

    private static List<Long> pulseTimes(Path log) throws IOException {
        ObjectMapper json = new ObjectMapper();
        var times = new ArrayList<Long>();
        for (String line : Files.readAllLines(log)) {
            JsonNode event = json.readTree(line);
            if (event.get("event").asText().equals("pulse")) {
                times.add(event.get("atNanos").asLong());
            }
        }
        return times;
    }

    public static String table(Result r) {
        return String.format(Locale.ROOT, """
                        tmshost bench link  (profile %s over a socat pseudo-terminal, host driver vs simulator)
                        command round trip (output write + read-back), %d samples: p50 %d µs, p99 %d µs, max %d µs
                        host-timed train: %d pulses planned at %d µs intervals, %d delivered by the device (scheduler %s)
                          device-side interval error |actual - planned|: p50 %d µs, p99 %d µs, max %d µs
                          host fire call -> device pulse: p50 %d µs, p99 %d µs, max %d µs
                        """, r.profile(), r.roundTrips(), r.roundTripMicros().getValueAtPercentile(50),
                r.roundTripMicros().getValueAtPercentile(99), r.roundTripMicros().getMaxValue(), r.planned(),
                r.plannedIntervalMicros(), r.delivered(), r.schedulerState(),
                r.intervalErrorMicros().getValueAtPercentile(50), r.intervalErrorMicros().getValueAtPercentile(99),
                r.intervalErrorMicros().getMaxValue(), r.hostToDeviceMicros().getValueAtPercentile(50),
                r.hostToDeviceMicros().getValueAtPercentile(99), r.hostToDeviceMicros().getMaxValue());
    }
}
