package org.tmshost.safety;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.tmshost.profile.HardwareProfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tmshost.safety.Fixtures.*;

/** delivery.path (BLOCKED): the envelope judges a plan as the session will deliver it. */
@Tag("unit")
class DeliveryPathRuleTest {
    private static final String RULE = "delivery.path";

    @Test
    void blocksThetaBurstOnASerialMagstimBecauseTheSessionWouldFireOneSerialCommandPerPulse() {
        assertThat(finding(check(builtIn("itbs"), emg(50.0, 35.0), profile("magstim-rapid2")), RULE)).get()
                .satisfies(f -> {
                    assertThat(f.severity()).isEqualTo(Severity.BLOCKED);
                    assertThat(f.message()).contains("1 Hz", "50 Hz", "TTL rig");
                });
        assertThat(findings(check(builtIn("itbs"), emg(50.0, 35.0), profile("ttl-gpio-sim")), RULE)).isEmpty();
    }

    @Test
    void passesThetaBurstOnAMagProWithNativeBurstsButNotOnOneWithout() {
        assertThat(findings(check(builtIn("itbs"), emg(50.0, 35.0), profile("magventure-x100")), RULE)).isEmpty();
        assertThat(findings(check(builtIn("ctbs600"), emg(50.0, 35.0), profile("magventure-x100")), RULE)).isEmpty();
        assertThat(finding(check(builtIn("itbs"), emg(50.0, 35.0), profile("magventure-r30")), RULE)).get()
                .satisfies(f -> assertThat(f.message()).contains("times no bursts"));
    }

    @Test
    void passes10HzRtmsOnTheRapidAsDeviceTimedTrainsButNotTrainsItCannotLoadExactly() {
        assertThat(findings(check(rtms("10", 40, 2, "20", "80% RMT"), emg(50), profile("magstim-rapid2")), RULE))
                .isEmpty();
        // 3 pulses at 4 Hz last 0.75 s, no whole 0.1 s: the Rapid cannot be loaded with that train
        assertThat(finding(check(rtms("4", 3, 2, "20", "80% RMT"), emg(50), profile("magstim-rapid2")), RULE)).get()
                .satisfies(f -> assertThat(f.message()).contains("0.1 s"));
    }

    @Test
    void limitsHostTimedRtmsToTheSinglePulseRateOnADeviceWithoutATrainTimer() {
        HardwareProfile hostTimed = simulatorWith("deviceTimedTrains: true", "deviceTimedTrains: false",
                "hostTimedSinglePulseRateHz: 1000", "hostTimedSinglePulseRateHz: 1");
        assertThat(findings(check(rtms("1", 10, 1, "0", "90% RMT"), emg(50), hostTimed), RULE)).isEmpty();
        assertThat(finding(check(rtms("2", 10, 1, "0", "90% RMT"), emg(50), hostTimed), RULE)).get()
                .satisfies(f -> assertThat(f.message()).contains("2 Hz", "1 Hz", "times no trains"));
    }

    @Test
    void limitsSequencesToTheSinglePulseRateOffATtlRig() {
        assertThat(findings(check(sequence("0", "40% MSO", "1", "40% MSO"), emg(50), profile("magstim-rapid2")), RULE))
                .isEmpty();
        assertThat(finding(check(sequence("0", "40% MSO", "0.5", "40% MSO"), emg(50), profile("magstim-rapid2")), RULE))
                .get().satisfies(f -> assertThat(f.message()).contains("2 Hz", "1 Hz", "TTL"));
        assertThat(findings(check(sequence("0", "40% MSO", "0.5", "40% MSO"), emg(50), simulator()), RULE)).isEmpty();
    }

    @Test
    void passesSiciAndIcfAsPairsTheDeviceTimesButNotAnIntervalItCannotBeSetTo() {
        for (String device : new String[] {"magstim-bistim", "magventure-x100"}) {
            assertThat(findings(check(builtIn("sici-2.5ms"), emg(50), profile(device)), RULE)).as(device).isEmpty();
            assertThat(findings(check(paired("12", "80% RMT", "120% RMT"), emg(50), profile(device)), RULE)).as(device)
                    .isEmpty();
        }
        assertThat(finding(check(paired("2.55", "80% RMT", "120% RMT"), emg(50), profile("magstim-bistim")), RULE))
                .get().satisfies(f -> assertThat(f.message()).contains("0.1 ms", "2.55 ms"));
    }

    @Test
    void refusesSinglePulseProtocolsOnABiStimWhichFiresBothUnitsOnEveryTrigger() {
        assertThat(finding(check(rtms("0.2", 5, 1, "0", "90% RMT"), emg(50), profile("magstim-bistim")), RULE)).get()
                .satisfies(f -> assertThat(f.message()).contains("both of its units", "magstim-200"));
    }
}
