package org.tmshost.hil;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tmshost.device.Stimulator;
import org.tmshost.profile.TimingTolerances;
import org.tmshost.protocol.Intensity;
import org.tmshost.protocol.PulsePlan;
import org.tmshost.protocol.Rtms;
import org.tmshost.timing.FireJournal;
import org.tmshost.timing.PulseScheduler;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A host-timed train through the pulse scheduler and the driver's serial fire command, against the
 * device's ground truth: every pulse the host journaled is one the device delivered, in order, at the
 * planned output. The interval error is printed, not asserted (machines are shared and noisy;
 * {@code tmshost bench link} measures it).
 */
@Tag("hil")
class HostTimedTrainHilTest {
    @Test
    void everyJournaledPulseIsAPulseTheDeviceDelivered(@TempDir Path dir) throws Exception {
        try (HilRig rig = HilRig.open(dir)) {
            Assumptions.assumeTrue(rig.hasGroundTruth(), "the ground truth comes from the simulator");
            Stimulator device = rig.stimulator();
            PulsePlan plan = new Rtms("hil train", "", new BigDecimal("2"), 8, 1, BigDecimal.ZERO,
                    new Intensity.Absolute(new BigDecimal("33"))).expand(intensity -> 33);
            device.setOutput(0, 33);
            device.arm();
            DeviceHilTest.await(() -> device.status().ready(), 3000, "the device to be ready");
            FireJournal journal = FireJournal.inMemory(plan.pulseCount());
            // serial firing is a millisecond-jitter path: a lenient lateness limit keeps a loaded CI
            // machine from faulting the train; the point here is the record, not the timing
            PulseScheduler scheduler = PulseScheduler.builder(plan, device.trigger()).journal(journal)
                    .tolerances(new TimingTolerances(50, 50_000)).threadName("hil-pulse").build();
            scheduler.start();
            assertThat(scheduler.awaitTermination(30_000)).isTrue();
            device.disarm();
            DeviceHilTest.await(() -> DeviceHilTest.pulses(rig).size() >= journal.count(), 2000, "the device log");

            List<JsonNode> delivered = DeviceHilTest.pulses(rig);
            assertThat(journal.count()).isEqualTo(scheduler.firedCount());
            assertThat(delivered).hasSize(journal.count());
            assertThat(delivered).allSatisfy(pulse -> assertThat(pulse.get("outputPercentMso").asInt()).isEqualTo(33));
            long worstErrorMicros = 0;
            for (int i = 1; i < delivered.size(); i++) {
                long interval = delivered.get(i).get("atNanos").asLong() - delivered.get(i - 1).get("atNanos").asLong();
                worstErrorMicros = Math.max(worstErrorMicros, Math.abs(interval - plan.intervalBeforeNanos(i)) / 1000);
            }
            System.out.printf(Locale.ROOT, "HIL host-timed train: %d of %d pulses delivered (%s), worst device-side "
                    + "interval error %d µs%n", delivered.size(), plan.pulseCount(), scheduler.state(), worstErrorMicros);
        }
    }
}
