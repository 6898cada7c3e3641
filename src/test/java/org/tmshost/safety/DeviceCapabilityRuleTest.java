package org.tmshost.safety;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.tmshost.profile.HardwareProfile;
import org.tmshost.protocol.MotorThresholds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tmshost.safety.Fixtures.*;

/** device.capability (BLOCKED): what each kind of protocol needs from the device. */
@Tag("unit")
class DeviceCapabilityRuleTest {
    private static final String RULE = "device.capability";

    @Test
    void blocksPairedPulsesOnADeviceWithoutTwoUnits() {
        Verdict verdict = check(builtIn("sici-2.5ms"), emg(50), profile("magstim-rapid2"));
        assertThat(finding(verdict, RULE)).get().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.BLOCKED);
            assertThat(f.message()).contains("BiStim", "pairedPulses: false");
        });
        assertThat(findings(check(builtIn("sici-2.5ms"), emg(50), profile("magstim-bistim")), RULE)).isEmpty();
        assertThat(findings(check(builtIn("sici-2.5ms"), emg(50), profile("magventure-x100")), RULE)).isEmpty();
    }

    @Test
    void blocksQuadripulseWithoutAQpsSystemOrWithTooFewUnits() {
        assertThat(findings(check(builtIn("qps5"), emg(50.0, 40.0), simulator()), RULE)).isEmpty();
        assertThat(findings(check(builtIn("qps5"), emg(50.0, 40.0), profile("magstim-bistim")), RULE)).hasSize(1);
        HardwareProfile twoUnits = simulatorWith("channels: 4", "channels: 2");
        assertThat(finding(check(builtIn("qps5"), emg(50.0, 40.0), twoUnits), RULE)).get()
                .satisfies(f -> assertThat(f.message()).contains("4 channels", "channels: 2"));
    }
}
