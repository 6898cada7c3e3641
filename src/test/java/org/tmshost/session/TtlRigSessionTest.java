package org.tmshost.session;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tmshost.device.DeviceFault;
import org.tmshost.device.ttl.GpioLines;
import org.tmshost.device.ttl.PanelOperator;
import org.tmshost.device.ttl.TtlRig;
import org.tmshost.profile.HardwareProfile;
import org.tmshost.profile.HardwareProfiles;
import org.tmshost.protocol.MotorThresholds;
import org.tmshost.protocol.ThresholdMethod;
import org.tmshost.record.PulseRow;
import org.tmshost.record.RecordStore;
import org.tmshost.safety.SafetyEnvelope;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A session on the TTL rig as {@code gpio:pi} opens it ({@link TtlRig}), its lines on Pi4J's mock
 * platform: the operator confirms the panel output, the coil-ready line stands in for a temperature
 * the host cannot read, and the rig's stop input reaches the session.
 */
@Tag("unit")
class TtlRigSessionTest {
    private static final String FIVE_AT_10_HZ = """
            name: five at 10 Hz
            kind: rtms
            frequencyHz: 10
            pulsesPerTrain: 5
            trains: 1
            interTrainIntervalSeconds: 1
            intensity: 80% AMT
            """;

    private final HardwareProfile profile;

    TtlRigSessionTest() throws Exception {
        profile = SessionRig.relaxedTiming(HardwareProfiles.load("ttl-gpio"));
    }

    private Session prepare(Path dir, RecordStore store, TtlRig rig) throws Exception {
        SessionRequest request = new SessionRequest("subject-1", "op1", "five", SessionRig.protocol(FIVE_AT_10_HZ),
                FIVE_AT_10_HZ, new MeasuredThresholds(MotorThresholds.of(40.0, 35.0, ThresholdMethod.EMG), Instant.now()),
                profile, "sim:ttl-gpio", SafetyEnvelope.bundled()); // Pi4J's mock lines: a SIMULATION
        LinkWatch watch = new LinkWatch();
        rig.onLinkFault(watch);
        return Session.prepare(request, rig, watch, store, SessionSettings.defaults(dir.resolve("journals")));
    }

    @Test
    void theOperatorConfirmsThePanelOutputAndEveryTriggerEdgeIsRecorded(@TempDir Path dir) throws Exception {
        List<Integer> asked = new CopyOnWriteArrayList<>();
        AtomicInteger risingEdges = new AtomicInteger();
        try (RecordStore store = RecordStore.open(dir.resolve("records.db"));
             GpioLines lines = GpioLines.mock(profile.gpio().orElseThrow(), true);
             TtlRig rig = new TtlRig(profile, lines, (channel, output) -> {
                 asked.add(output);
                 return OptionalInt.of(output);
             })) {
            lines.simulateInput(lines.coilReady().orElseThrow(), true);
            lines.loopback().orElseThrow().addListener(e -> {
                if (e.state().isHigh()) {
                    risingEdges.incrementAndGet();
                }
            });
            Session session = prepare(dir, store, rig);
            ArmingReport report = session.arm(Confirmations.BOTH, "op1");
            assertThat(report.canArm()).as(report.lines().toString()).isTrue();
            session.start("op1");
            SessionOutcome outcome = session.awaitEnd(java.time.Duration.ofSeconds(20));

            assertThat(outcome.state()).as(outcome.reason()).isEqualTo(SessionState.COMPLETED);
            assertThat(asked).containsExactly(28); // 80% of AMT 35
            assertThat(risingEdges.get()).isEqualTo(3 + 5); // the loopback check, then one edge a pulse
            List<PulseRow> pulses = store.pulses(session.id());
            assertThat(pulses).hasSize(5).allSatisfy(p -> {
                assertThat(p.outputPercentMso()).isEqualTo(28);
                assertThat(p.confirmed()).isEmpty(); // a trigger line cannot confirm
            });
        }
    }

    @Test
    void nothingArmsWhenNobodyConfirmsThePanelOrTheCoilIsNotReady(@TempDir Path dir) throws Exception {
        try (RecordStore store = RecordStore.open(dir.resolve("records.db"));
             GpioLines lines = GpioLines.mock(profile.gpio().orElseThrow(), true);
             TtlRig rig = new TtlRig(profile, lines, PanelOperator.NONE)) {
            Session session = prepare(dir, store, rig); // coil-ready LOW, panel unconfirmed
            ArmingReport report = session.arm(Confirmations.BOTH, "op1");
            assertThat(report.canArm()).isFalse();
            assertThat(String.join("\n", report.lines())).contains("coil-ready line is low");
            assertThat(rig.status().armed()).isFalse();
        }
        try (RecordStore store = RecordStore.open(dir.resolve("records2.db"));
             GpioLines lines = GpioLines.mock(profile.gpio().orElseThrow(), true);
             TtlRig rig = new TtlRig(profile, lines, PanelOperator.NONE)) {
            lines.simulateInput(lines.coilReady().orElseThrow(), true);
            Session session = prepare(dir, store, rig);
            assertThatThrownBy(() -> session.arm(Confirmations.BOTH, "op1")).isInstanceOf(DeviceFault.class)
                    .hasMessageContaining("28% MSO on the stimulator's panel");
            assertThat(rig.status().armed()).isFalse();
            assertThat(session.state()).isNotEqualTo(SessionState.ARMED);
        }
    }

    @Test
    void theRigsStopButtonAbortsTheSession(@TempDir Path dir) throws Exception {
        try (RecordStore store = RecordStore.open(dir.resolve("records.db"));
             GpioLines lines = GpioLines.mock(profile.gpio().orElseThrow(), true);
             TtlRig rig = new TtlRig(profile, lines, (channel, output) -> OptionalInt.of(output))) {
            lines.simulateInput(lines.coilReady().orElseThrow(), true);
            Session session = prepare(dir, store, rig);
            lines.simulateInput(lines.stopButton().orElseThrow(), true);
            ArmingReport report = session.arm(Confirmations.BOTH, "op1");
            assertThat(report.canArm()).isFalse();
            assertThat(String.join("\n", report.lines())).contains("stop button is pressed");
        }
    }
}
