package org.tmshost.simulator;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.tmshost.device.DeviceUri;
import org.tmshost.device.Stimulator;
import org.tmshost.profile.HardwareProfiles;

import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code sim:ttl-gpio-sim}: the TTL line code on Pi4J's mock platform driving a simulated stimulator. */
@Tag("unit")
class SimulatedTtlRigTest {
    @Test
    void theTriggerLineIsVerifiedBeforeArmingAndEachEdgeFiresTheStimulatorBehindIt() throws Exception {
        try (Stimulator device = new SimulationProvider().open(DeviceUri.parse("sim:ttl-gpio-sim"),
                HardwareProfiles.load("ttl-gpio-sim"))) {
            SimulatedTtlRig rig = (SimulatedTtlRig) device;
            assertThat(device.identify().simulated()).isTrue();
            device.setOutput(0, 30);
            device.arm(); // runs the loopback check with the stimulator disarmed: those edges deliver nothing
            assertThat(rig.stimulatorBehindTheLine().groundTruth().size()).isZero();
            long deadline = System.currentTimeMillis() + 3000;
            while (!device.status().ready() && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            for (int i = 0; i < 3; i++) {
                assertThat(device.trigger().fire(i, 30, 0)).isNotNegative(); // the line reports when its edge was up
                Thread.sleep(60); // 20 ms minimum interval on the Rapid2 behind the line
            }
            assertThat(device.deliveredPulseCount()).isEqualTo(3);
            assertThat(rig.stimulatorBehindTheLine().groundTruth().outputPercentMso(0)).isEqualTo(30);
        }
    }

    @Test
    void theRigsGpioStopButtonReachesTheSessionWithoutTheConsole() throws Exception {
        try (SimulatedTtlRig rig = new SimulatedTtlRig(HardwareProfiles.load("ttl-gpio-sim"))) {
            AtomicInteger presses = new AtomicInteger();
            rig.stopButton().onPress(presses::incrementAndGet);
            assertThat(rig.stopButton().pressed()).isFalse();
            rig.lines().simulateInput(rig.lines().stopButton().orElseThrow(), true);
            assertThat(presses.get()).isEqualTo(1);
            assertThat(rig.stopButton().pressed()).isTrue();
        }
    }
}
