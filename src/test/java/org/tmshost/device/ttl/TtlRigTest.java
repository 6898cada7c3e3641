package org.tmshost.device.ttl;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.tmshost.profile.GpioPins;
import org.tmshost.profile.HardwareProfiles;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The ttl-gpio rig on Pi4J's mock platform. */
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
}
