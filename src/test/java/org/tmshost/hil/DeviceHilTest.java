package org.tmshost.hil;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tmshost.device.DeviceFault;
import org.tmshost.device.Stimulator;

import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Hardware-in-the-loop: the host's driver against a device over a real serial path. By default the
 * device is the standalone simulator on a socat pseudo-terminal; with {@code -Dtmshost.hil.device=URI}
 * the same tests run against real hardware (docs/hil.md). Run with {@code ./mvnw -Phil verify}.
 */
@Tag("hil")
class DeviceHilTest {
    static void await(BooleanSupplier condition, long timeoutMillis, String what) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    @Test
    void identifiesItselfAndSaysWhenItIsASimulation(@TempDir Path dir) throws Exception {
        try (HilRig rig = HilRig.open(dir)) {
            assertThat(rig.stimulator().identify().model()).isNotBlank();
            assertThat(rig.stimulator().identify().simulated()).isEqualTo(rig.profile().simulation());
        }
    }

    @Test
    void armsDisarmsAndReadsBackTheOutput(@TempDir Path dir) throws Exception {
        try (HilRig rig = HilRig.open(dir)) {
            Stimulator device = rig.stimulator();
            assertThat(device.setOutput(0, 37)).isEqualTo(37);
            device.arm();
            await(() -> device.status().ready(), 3000, "the device to be ready");
            assertThat(device.status().armed()).isTrue();
            device.disarm();
            await(() -> !device.status().armed(), 2000, "the device to disarm");
            assertThat(device.setOutput(0, 41)).isEqualTo(41);
            assertThatThrownBy(() -> device.setOutput(0, 101)).isInstanceOf(DeviceFault.class);
        }
    }

    @Test
    void aSinglePulseIsDeliveredAtTheSetOutput(@TempDir Path dir) throws Exception {
        try (HilRig rig = HilRig.open(dir)) {
            Stimulator device = rig.stimulator();
            device.setOutput(0, 44);
            device.arm();
            await(() -> device.status().ready(), 3000, "the device to be ready");
            device.trigger().fire(0, 44, 0);
            Assumptions.assumeTrue(rig.hasGroundTruth(), "no ground truth on hardware");
            await(() -> pulses(rig).size() == 1, 2000, "the device to log the pulse");
            assertThat(pulses(rig).get(0).get("outputPercentMso").asInt()).isEqualTo(44);
            device.disarm();
        }
    }

    @Test
    void theDeviceDisarmsWhenTheHostStopsRenewingTheLease(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(!HilRig.onHardware(), "closing the link abruptly is only done to the simulator");
        try (HilRig rig = HilRig.open(dir)) {
            Stimulator device = rig.stimulator();
            Assumptions.assumeTrue(rig.profile().capabilities().keepAliveLease(), "this device has no lease");
            device.setOutput(0, 30);
            device.arm();
            await(() -> device.status().ready(), 3000, "the device to be ready");
            rig.cutHostLink();
            await(() -> events(rig, "disarmed").size() >= 1, 3000, "the device to disarm");
            assertThat(events(rig, "disarmed").get(0).get("reason").asText()).isEqualTo("lease-expired");
        }
    }

    static List<JsonNode> pulses(HilRig rig) {
        return events(rig, "pulse");
    }

    static List<JsonNode> events(HilRig rig, String kind) {
        try {
            return rig.deviceEvents(kind);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
