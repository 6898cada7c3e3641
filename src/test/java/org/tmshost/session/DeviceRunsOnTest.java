package org.tmshost.session;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tmshost.device.DeviceFault;
import org.tmshost.device.ForwardingStimulator;
import org.tmshost.device.Stimulator;
import org.tmshost.profile.HardwareProfile;
import org.tmshost.profile.HardwareProfiles;
import org.tmshost.protocol.MotorThresholds;
import org.tmshost.protocol.ThresholdMethod;
import org.tmshost.record.PulseRow;
import org.tmshost.record.RecordStore;
import org.tmshost.safety.SafetyEnvelope;
import org.tmshost.simulator.CoilThermalModel;
import org.tmshost.simulator.SimulatedStimulator;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A device without a keep-alive lease (a MagPro) whose link is lost mid-train cannot be disarmed: it
 * runs its loaded train to the end. The record holds what it delivered, pulse by pulse, the pulses
 * after the loss unconfirmed.
 */
@Tag("unit")
class DeviceRunsOnTest {
    private static final String ONE_TRAIN = """
            name: one 10 Hz train
            kind: rtms
            frequencyHz: 10
            pulsesPerTrain: 20
            trains: 1
            interTrainIntervalSeconds: 1
            intensity: 80% RMT
            """;

    @Test
    void aLeaselessDeviceThatLostItsLinkMidTrainIsRecordedAsItRanItsTrainOut(@TempDir Path dir) throws Exception {
        HardwareProfile profile = SessionRig.relaxedTiming(HardwareProfiles.load("magventure-x100"));
        SimulatedStimulator magPro = new SimulatedStimulator(profile, System::nanoTime,
                CoilThermalModel.Parameters.bundled(), 1 << 12, 0);
        LinkWatch linkWatch = new LinkWatch();
        boolean[] cut = new boolean[1];
        Stimulator unreachableOnceCut = new ForwardingStimulator(magPro) {
            @Override
            public void disarm() {
                if (!cut[0]) {
                    super.disarm(); // a cut cable carries no disarm
                }
            }

            @Override
            public long unattendedStopNanos() {
                return NEVER_STOPS_ALONE;
            }
        };
        try (RecordStore store = RecordStore.open(dir.resolve("records.db"))) {
            SessionRequest request = new SessionRequest("subject-1", "op1", "one train", SessionRig.protocol(ONE_TRAIN),
                    ONE_TRAIN, new MeasuredThresholds(MotorThresholds.of(50.0, null, ThresholdMethod.EMG), Instant.now()),
                    profile, "sim:magventure-x100", SafetyEnvelope.bundled());
            Session session = Session.prepare(request, unreachableOnceCut, linkWatch, store,
                    SessionSettings.defaults(dir.resolve("journals")));
            assertThat(session.delivery()).map(d -> d.strategy().name()).contains("DEVICE_TIMED_TRAINS");
            ArmingReport report = session.arm(Confirmations.BOTH, "op1");
            assertThat(report.canArm()).as(report.lines().toString()).isTrue();
            session.start("op1");
            awaitDelivered(magPro, 5);
            cut[0] = true;
            linkWatch.accept(new DeviceFault("magpro-link-lost", "cable pulled"));
            SessionOutcome outcome = SessionRig.end(session);
            awaitDelivered(magPro, 20); // the device runs on, as a MagPro does

            assertThat(outcome.state()).isEqualTo(SessionState.FAULTED);
            assertThat(outcome.cause()).contains(InterlockCause.LINK_LOSS);
            assertThat(outcome.reason()).contains("runs on");
            List<PulseRow> record = store.pulses(session.id());
            assertThat(record).hasSize(magPro.groundTruth().size()).hasSize(20);
            long t0 = record.get(0).actualNanos() - 0; // relative to the session's t0
            for (int i = 0; i < record.size(); i++) {
                long deviceNanos = magPro.groundTruth().atNanos(i) - magPro.groundTruth().atNanos(0);
                assertThat(Math.abs(record.get(i).actualNanos() - t0 - deviceNanos)).as("pulse %d", i)
                        .isLessThan(2_000_000L); // the device's own timer, seen from the host
            }
            assertThat(record.get(19).confirmed()).isEqualTo(Optional.empty());
        }
    }

    private static void awaitDelivered(SimulatedStimulator device, int pulses) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (device.groundTruth().size() < pulses && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
    }
}
