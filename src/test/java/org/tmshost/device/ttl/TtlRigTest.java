package org.tmshost.device.ttl;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tmshost.device.DeviceFault;
import org.tmshost.device.DeviceUri;
import org.tmshost.device.PulseTrigger;
import org.tmshost.profile.GpioPins;
import org.tmshost.profile.HardwareProfiles;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The ttl-gpio rig's lines and the rig itself ({@link TtlRig}, as {@code gpio:pi} opens it) on Pi4J's mock platform. */
@Tag("unit")
class TtlRigTest {
    private static GpioPins pins() throws Exception {
        return HardwareProfiles.load("ttl-gpio").gpio().orElseThrow();
    }

    @Test
    void theTriggerLineSendsOneRisingEdgePerPulseThatTheLoopbackSees() throws Exception {
        try (GpioLines lines = GpioLines.mock(pins(), true)) {
            TtlTriggerLine trigger = new TtlTriggerLine(lines);
            LoopbackCheck.Result result = LoopbackCheck.run(lines, trigger, 5);
            assertThat(result.passed()).isTrue();
            assertThat(result.seen()).isEqualTo(5);
            assertThat(trigger.edges()).isEqualTo(5);
            assertThat(lines.loopback().orElseThrow().isLow()).isTrue(); // the line ends LOW
        }
    }

    @Test
    void anUnwiredTriggerLineFailsTheLoopbackCheck() throws Exception {
        try (GpioLines lines = GpioLines.mock(pins(), false)) {
            LoopbackCheck.Result result = LoopbackCheck.run(lines, new TtlTriggerLine(lines), 3);
            assertThat(result.passed()).isFalse();
            assertThat(result.message()).contains("0 of 3").contains("pin 17");
        }
    }

    @Test
    void theStopButtonAndCoilReadyLinesReportWithoutTheConsole() throws Exception {
        try (GpioLines lines = GpioLines.mock(pins(), false)) {
            List<SafetyInputs.Cause> causes = new ArrayList<>();
            lines.simulateInput(lines.coilReady().orElseThrow(), true);
            lines.simulateInput(lines.footSwitch().orElseThrow(), true);
            SafetyInputs.watch(lines, causes::add);
            assertThat(SafetyInputs.stopPressed(lines)).isFalse();

            lines.simulateInput(lines.stopButton().orElseThrow(), true);
            assertThat(SafetyInputs.stopPressed(lines)).isTrue();
            lines.simulateInput(lines.coilReady().orElseThrow(), false);
            lines.simulateInput(lines.footSwitch().orElseThrow(), false);
            assertThat(causes).containsExactly(SafetyInputs.Cause.STOP_BUTTON, SafetyInputs.Cause.COIL_NOT_READY,
                    SafetyInputs.Cause.FOOT_SWITCH_RELEASED);
        }
    }

    private static TtlRig rig(GpioLines lines, PanelOperator panel) throws Exception {
        return new TtlRig(HardwareProfiles.load("ttl-gpio"), lines, panel);
    }

    @Test
    void theOutputIsWhatTheOperatorReadsOnThePanelAndNothingWhenNobodyConfirms() throws Exception {
        List<Integer> asked = new ArrayList<>();
        try (GpioLines lines = GpioLines.mock(pins(), true);
             TtlRig rig = rig(lines, (channel, output) -> {
                 asked.add(output);
                 return OptionalInt.of(output - 1); // the panel shows one less
             })) {
            assertThat(rig.setOutput(0, 42)).isEqualTo(41); // the session compares read-back with written
            assertThat(asked).containsExactly(42);
            assertThatThrownBy(() -> rig.setOutput(1, 42)).isInstanceOf(DeviceFault.class).hasMessageContaining("channel 1");
        }
        try (GpioLines lines = GpioLines.mock(pins(), true); TtlRig rig = rig(lines, PanelOperator.NONE)) {
            assertThatThrownBy(() -> rig.setOutput(0, 42)).isInstanceOf(DeviceFault.class)
                    .satisfies(e -> assertThat(((DeviceFault) e).code()).isEqualTo("panel-output-unconfirmed"))
                    .hasMessageContaining("42% MSO on the stimulator's panel");
        }
    }

    @Test
    void armingVerifiesTheTriggerLineAndTheCoilReadyInputAndADisarmedRigNeverRaisesTheLine() throws Exception {
        try (GpioLines lines = GpioLines.mock(pins(), true); TtlRig rig = rig(lines, PanelOperator.NONE)) {
            List<Boolean> edges = new ArrayList<>();
            lines.loopback().orElseThrow().addListener(e -> edges.add(e.state().isHigh()));
            assertThat(rig.trigger().fire(0, 30, 0)).isEqualTo(PulseTrigger.REFUSED);
            assertThat(edges).isEmpty();

            lines.simulateInput(lines.coilReady().orElseThrow(), false);
            assertThatThrownBy(rig::arm).isInstanceOf(DeviceFault.class).hasMessageContaining("coil-ready line");
            assertThat(rig.status().armed()).isFalse();

            lines.simulateInput(lines.coilReady().orElseThrow(), true);
            rig.arm(); // three loopback edges
            assertThat(edges.stream().filter(h -> h).count()).isEqualTo(3);
            assertThat(rig.trigger().fire(0, 30, 0)).isNotNegative();
            assertThat(edges.stream().filter(h -> h).count()).isEqualTo(4);
            rig.disarm();
            assertThat(rig.trigger().fire(1, 30, 0)).isEqualTo(PulseTrigger.REFUSED);
            assertThat(edges.stream().filter(h -> h).count()).isEqualTo(4);
        }
        try (GpioLines unwired = GpioLines.mock(pins(), false); TtlRig rig = rig(unwired, PanelOperator.NONE)) {
            unwired.simulateInput(unwired.coilReady().orElseThrow(), true);
            assertThatThrownBy(rig::arm).isInstanceOf(DeviceFault.class)
                    .satisfies(e -> assertThat(((DeviceFault) e).code()).isEqualTo("trigger-line-failed"));
            assertThat(rig.status().armed()).isFalse();
        }
    }

    @Test
    void theRigsStopButtonIsItsStopInput() throws Exception {
        try (GpioLines lines = GpioLines.mock(pins(), true); TtlRig rig = rig(lines, PanelOperator.NONE)) {
            List<String> presses = new ArrayList<>();
            rig.stopButton().onPress(() -> presses.add("pressed"));
            assertThat(rig.stopButton().pressed()).isFalse();
            lines.simulateInput(lines.stopButton().orElseThrow(), true);
            assertThat(rig.stopButton().pressed()).isTrue();
            assertThat(presses).containsExactly("pressed");
            assertThat(rig.readsCoilTemperature()).isFalse();
        }
    }

    @Test
    void offAPiTheGpioUriFailsSayingSoBeforePi4JStarts(@TempDir Path dir) throws Exception {
        TtlRigProvider provider = new TtlRigProvider(PanelOperator.NONE, dir.resolve("gpiochip0"));
        assertThatThrownBy(() -> provider.open(DeviceUri.parse("gpio:pi?profile=ttl-gpio"), HardwareProfiles.load("ttl-gpio")))
                .isInstanceOf(DeviceFault.class)
                .satisfies(e -> assertThat(((DeviceFault) e).code()).isEqualTo("no-gpio"))
                .hasMessageContaining("Raspberry Pi").hasMessageContaining("sim:ttl-gpio");
    }
}
