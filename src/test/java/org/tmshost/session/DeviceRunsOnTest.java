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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A device without a keep-alive lease (a MagPro) whose link is cut mid-train cannot be disarmed: it
 * runs its loaded train to the end. The host cannot tell a cut cable from stalled replies (then the
 * disarm arrived), so the record holds what the host saw and the outcome says how many more pulses
 * the device may deliver: exactly the rest of its loaded train.
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
    void aLeaselessDeviceThatLostItsLinkMidTrainIsReportedAsMayRunOnWithTheRestOfItsTrain(@TempDir Path dir) throws Exception {
        HardwareProfile profile = SessionRig.relaxedTiming(HardwareProfiles.load("magventure-x100"));
        org.tmshost.timing.VirtualClock clock = new org.tmshost.timing.VirtualClock(1_000_000_000L);
        SimulatedStimulator magPro = new SimulatedStimulator(profile, clock::nanoTime,
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
                    SessionSettings.defaults(dir.resolve("journals")).withVirtualTime(clock));
            assertThat(session.delivery()).map(d -> d.strategy().name()).contains("DEVICE_TIMED_TRAINS");
            ArmingReport report = session.arm(Confirmations.BOTH, "op1");
            assertThat(report.canArm()).as(report.lines().toString()).isTrue();
            session.start("op1");
            while (magPro.deliveredPulseCount() < 5) {
                if (session.doWork() == 0) {
                    clock.advanceTo(session.nextEventNanos());
                }
            }
            cut[0] = true;
            linkWatch.accept(new DeviceFault("magpro-link-lost", "cable pulled"));
            SessionOutcome outcome = SessionRig.stepToEnd(session, clock);
            clock.advance(10_000_000_000L); // the device runs on, as a MagPro does, to the end of its train
            assertThat(magPro.deliveredPulseCount()).isEqualTo(20);

            assertThat(outcome.state()).isEqualTo(SessionState.FAULTED);
            assertThat(outcome.cause()).contains(InterlockCause.LINK_LOSS);
            List<PulseRow> record = store.pulses(session.id());
            int mayRunOn = 20 - record.size();
            assertThat(mayRunOn).isPositive();
            // the record holds what the host saw; the reason says how many more the device may deliver, exactly
            assertThat(outcome.reason()).contains("may deliver up to " + mayRunOn + " more pulse(s)")
                    .contains("no lease");
            assertThat(magPro.groundTruth().size()).isEqualTo(record.size() + mayRunOn);
            assertThat(record).extracting(PulseRow::index)
                    .containsExactlyElementsOf(java.util.stream.IntStream.range(0, record.size()).boxed().toList());
        }
    }

}
