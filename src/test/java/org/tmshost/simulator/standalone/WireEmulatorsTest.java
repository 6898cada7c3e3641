package org.tmshost.simulator.standalone;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.tmshost.profile.HardwareProfiles;
import org.tmshost.simulator.DeviceEventListener;
import org.tmshost.simulator.SimulatedUnit;
import org.tmshost.simulator.magstim.MagstimEmulatorSettings;
import org.tmshost.simulator.magventure.MagProEmulator;
import org.tmshost.simulator.magventure.MagProEmulatorSettings;

import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Tag("unit")
class WireEmulatorsTest {
    @Test
    void aRapidUnitFileBecomesTheEmulatorsVersionCodeAndTimes() throws Exception {
        SimulatedUnit unit = SimulatedUnit.read(Path.of("simulator/units/rapid2-v9.yaml"),
                HardwareProfiles.load("magstim-rapid2"));
        MagstimEmulatorSettings settings = WireEmulators.magstimSettings(unit, DeviceEventListener.NONE);
        assertThat(settings.softwareVersion()).containsExactly(9, 0, 0);
        assertThat(settings.unlockCode()).contains("1a2b-3c4d5e6f-1b");
        assertThat(settings.armLatencyNanos()).isEqualTo(1_000_000_000L);
        assertThat(settings.rechargeNanos()).hasValue(1_000_000_000L);
    }

    @Test
    void noUnitKeepsTodaysDefaults() {
        MagstimEmulatorSettings settings = WireEmulators.magstimSettings(SimulatedUnit.none(), DeviceEventListener.NONE);
        assertThat(settings.softwareVersion()).containsExactly(8, 0, 0);
        assertThat(settings.unlockCode()).isEmpty();
        assertThat(settings.rechargeNanos()).isEmpty();
        MagProEmulatorSettings options = WireEmulators.magProOptions(SimulatedUnit.none(), DeviceEventListener.NONE);
        assertThat(options.serialNumber()).isEqualTo(123456);
        assertThat(options.coilType()).isEqualTo(60);
    }

    @Test
    void aMagProUnitFileSetsSerialNumberCoilAndArmLatency() throws Exception {
        SimulatedUnit unit = SimulatedUnit.read(Path.of("simulator/units/magpro-x100-cb60.yaml"),
                HardwareProfiles.load("magventure-x100"));
        MagProEmulatorSettings options = WireEmulators.magProOptions(unit, DeviceEventListener.NONE);
        assertThat(options.serialNumber()).isEqualTo(654321);
        assertThat(options.coilType()).isEqualTo(72);
        assertThat(options.armLatencyNanos()).isEqualTo(500_000_000L);
        byte[] status = new MagProEmulator(HardwareProfiles.load("magventure-x100"), options.withClock(() -> 0L))
                .receive(new byte[]{(byte) 0xFE, 1, 0, 0, (byte) 0xFF}, 0, 5, 0);
        assertThat(new byte[]{status[4], status[5], status[6], status[8]})
                .containsExactly(0x09, (byte) 0xFB, (byte) 0xF1, 72); // 654321 = 0x09FBF1
    }

    @Test
    void aUnitThatDoesNotFitTheProfileIsRefused() {
        SimulatedUnit code = new SimulatedUnit("x", Optional.empty(), Optional.of("5f30-da26cd33-4d"), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty());
        assertThatThrownBy(() -> new StandaloneSimulator(
                HardwareProfiles.load("magventure-r30"), Optional.empty(), DeviceEventListener.NONE, code))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unlockCode");
    }
}
