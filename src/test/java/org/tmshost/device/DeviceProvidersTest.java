package org.tmshost.device;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.tmshost.device.magstim.MagstimProvider;
import org.tmshost.device.magventure.MagProProvider;
import org.tmshost.device.ttl.PanelOperator;
import org.tmshost.device.ttl.TtlRigProvider;
import org.tmshost.profile.HardwareProfile;
import org.tmshost.profile.HardwareProfiles;
import org.tmshost.simulator.SimulationProvider;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Tag("unit")
class DeviceProvidersTest {
    private final DeviceProviders shipped = DeviceProviders.of(new SimulationProvider(), new MagstimProvider(),
            new MagProProvider(), new TtlRigProvider(PanelOperator.NONE));

    /** Any device can be dry-run: sim: opens every shipped profile, and the device says it is a SIMULATION. */
    @Test
    void simOpensEveryShippedProfileAsASimulation() throws Exception {
        for (String name : HardwareProfiles.names()) {
            HardwareProfile profile = HardwareProfiles.load(name);
            try (Stimulator device = shipped.open(DeviceUri.parse("sim:" + name), profile)) {
                assertThat(device.identify().simulated()).as(name).isTrue();
                assertThat(device.identify().model()).as(name).contains("SIMULATION");
            }
        }
    }

    @Test
    void aUriForAnotherProfileIsRefused() throws Exception {
        assertThatThrownBy(() -> shipped.open(DeviceUri.parse("sim:magstim-200"), HardwareProfiles.load("simulator")))
                .isInstanceOf(DeviceFault.class).hasMessageContaining("'magstim-200'").hasMessageContaining("'simulator'");
    }

    /** A wire protocol's provider opens only its own profiles; what is left says what this host opens. */
    @Test
    void aUriNoProviderOpensSaysWhatThisHostOpens() throws Exception {
        DeviceProviders magstimOnly = DeviceProviders.of(new MagstimProvider());
        assertThatThrownBy(() -> magstimOnly.open(DeviceUri.parse("serial:/dev/ttyUSB0?profile=magventure-x100"),
                HardwareProfiles.load("magventure-x100")))
                .isInstanceOf(DeviceFault.class)
                .satisfies(e -> assertThat(((DeviceFault) e).code()).isEqualTo("no-provider"))
                .hasMessageContaining("magventure-magpro").hasMessageContaining("Magstim 200²");
        assertThatThrownBy(() -> shipped.open(DeviceUri.parse("serial:/dev/ttyUSB0?profile=ttl-gpio"),
                HardwareProfiles.load("ttl-gpio")))
                .satisfies(e -> assertThat(((DeviceFault) e).code()).isEqualTo("no-provider"))
                .hasMessageContaining("gpio:pi");
    }

    @Test
    void aPortThatCannotBeOpenedIsALinkFaultNamingThePort() {
        assertThatThrownBy(() -> shipped.open(DeviceUri.parse("serial:/dev/tmshost-no-such-port?profile=magstim-200"),
                HardwareProfiles.load("magstim-200")))
                .isInstanceOf(DeviceFault.class)
                .satisfies(e -> assertThat(((DeviceFault) e).code()).isEqualTo("link-unavailable"))
                .hasMessageContaining("/dev/tmshost-no-such-port");
    }

    @Test
    void aLinkFaultReportedBeforeAListenerIsAddedIsToldWhenItIs() {
        LinkFaults faults = new LinkFaults();
        DeviceFault lost = new DeviceFault("link-lost", "cable pulled");
        faults.report(lost);
        faults.report(new DeviceFault("link-lost", "again"));
        List<DeviceFault> heard = new ArrayList<>();
        faults.listen(heard::add);
        assertThat(heard).containsExactly(lost);
        assertThat(faults.first()).contains(lost);
    }
}
