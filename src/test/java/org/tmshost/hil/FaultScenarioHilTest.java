package org.tmshost.hil;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tmshost.device.DeviceStatus;
import org.tmshost.device.Stimulator;
import org.tmshost.simulator.FaultScenario;

import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each shipped fault scenario, played by the simulator behind a real serial path, is seen by the
 * host's driver: as a link fault, a device fault in the status, or an unexpected disarm. These are
 * the signals the session's runtime interlocks trip on.
 */
@Tag("hil")
class FaultScenarioHilTest {
    @ParameterizedTest
    @ValueSource(strings = {"link-drop", "garbled-replies", "reply-stall", "coil-over-temperature", "device-fault",
            "spontaneous-disarm"})
    void theHostSeesTheFault(String name, @TempDir Path dir) throws Exception {
        FaultScenario scenario = FaultScenario.read(Path.of("simulator/scenarios", name + ".yaml"));
        try (HilRig rig = HilRig.open(dir, Optional.of(scenario))) {
            Stimulator device = rig.stimulator();
            device.setOutput(0, 30);
            device.arm();
            DeviceHilTest.await(() -> device.status().ready(), 3000, "the device to be ready");
            long deadline = System.currentTimeMillis() + 8000;
            int fired = 0;
            while (!hostSawFault(rig) && System.currentTimeMillis() < deadline) {
                device.trigger().fire(fired++, 30, 0);
                Thread.sleep(50);
            }
            assertThat(hostSawFault(rig)).as("the host saw scenario '%s' (link faults %s, status %s)", name,
                    rig.linkFaults(), safeStatus(device)).isTrue();
        }
    }

    /** The control: without a scenario the same run shows no fault, so the check above is not vacuous. */
    @org.junit.jupiter.api.Test
    void withoutAScenarioTheHostSeesNoFault(@TempDir Path dir) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeFalse(HilRig.onHardware(), "the control runs on the simulator rig");
        try (HilRig rig = HilRig.open(dir)) {
            Stimulator device = rig.stimulator();
            device.setOutput(0, 30);
            device.arm();
            DeviceHilTest.await(() -> device.status().ready(), 3000, "the device to be ready");
            for (int i = 0; i < 40; i++) {
                device.trigger().fire(i, 30, 0);
                Thread.sleep(50);
            }
            assertThat(hostSawFault(rig)).isFalse();
            assertThat(DeviceHilTest.pulses(rig)).hasSize(40);
        }
    }

    private static boolean hostSawFault(HilRig rig) {
        if (!rig.linkFaults().isEmpty()) {
            return true;
        }
        DeviceStatus status = safeStatus(rig.stimulator());
        return status == null || status.faulted() || !status.armed();
    }

    private static DeviceStatus safeStatus(Stimulator device) {
        try {
            return device.status();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
