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

    @Test
    void blocksThetaBurstWithoutNativeBurstsOrTtlTrigger() {
        HardwareProfile neither = simulatorWith("nativeBursts: true", "nativeBursts: false",
                "ttlTriggerInput: true", "ttlTriggerInput: false");
        assertThat(finding(check(builtIn("itbs"), emg(50.0, 40.0), neither), RULE)).get()
                .satisfies(f -> assertThat(f.message()).contains("native bursts", "TTL"));
        HardwareProfile ttlOnly = simulatorWith("nativeBursts: true", "nativeBursts: false");
        assertThat(findings(check(builtIn("itbs"), emg(50.0, 40.0), ttlOnly), RULE)).isEmpty();
        HardwareProfile nativeOnly = simulatorWith("ttlTriggerInput: true", "ttlTriggerInput: false");
        assertThat(findings(check(builtIn("itbs"), emg(50.0, 40.0), nativeOnly), RULE)).isEmpty();
    }

    @Test
    void limitsHostTimedRtmsToTheSinglePulseRate() {
        HardwareProfile hostTimed = simulatorWith("deviceTimedTrains: true", "deviceTimedTrains: false",
                "ttlTriggerInput: true", "ttlTriggerInput: false", "hostTimedSinglePulseRateHz: 1000",
                "hostTimedSinglePulseRateHz: 1");
        assertThat(findings(check(rtms("1", 10, 1, "0", "90% RMT"), emg(50), hostTimed), RULE)).isEmpty();
        assertThat(finding(check(rtms("2", 10, 1, "0", "90% RMT"), emg(50), hostTimed), RULE)).get()
                .satisfies(f -> assertThat(f.message()).contains("2 Hz", "1 Hz", "device-timed trains"));
        HardwareProfile deviceTimed = simulatorWith("ttlTriggerInput: true", "ttlTriggerInput: false",
                "hostTimedSinglePulseRateHz: 1000", "hostTimedSinglePulseRateHz: 1");
        assertThat(findings(check(rtms("20", 10, 1, "0", "90% RMT"), emg(50), deviceTimed), RULE)).isEmpty();
    }

    @Test
    void limitsHostTimedSequencesToTheSinglePulseRate() {
        HardwareProfile noTtl = simulatorWith("ttlTriggerInput: true", "ttlTriggerInput: false",
                "hostTimedSinglePulseRateHz: 1000", "hostTimedSinglePulseRateHz: 1");
        assertThat(findings(check(sequence("0", "40% MSO", "1", "40% MSO"), emg(50), noTtl), RULE)).isEmpty();
        assertThat(finding(check(sequence("0", "40% MSO", "0.5", "40% MSO"), emg(50), noTtl), RULE)).get()
                .satisfies(f -> assertThat(f.message()).contains("TTL", "2 Hz", "1 Hz"));
        assertThat(findings(check(sequence("0", "40% MSO", "0.5", "40% MSO"), emg(50), simulator()), RULE)).isEmpty();
    }
}
