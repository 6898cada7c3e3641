package org.tmshost.safety;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.tmshost.profile.HardwareProfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tmshost.safety.Fixtures.*;

/**
 * device.energy on the Magstim Rapid2 energy model: on-time <= 63000 / (f x J), wait after a train
 * >= max(0.5, N (f J - 1050) / (1050 f)). Worked examples from safety-and-protocols.md section 4.3.
 */
@Tag("unit")
class DeviceEnergyRuleTest {
    private static final String RULE = "device.energy";
    private static final HardwareProfile RAPID2 = profile("magstim-rapid2");

    @Test
    void blocksAWaitShorterThan2point14sAfter40PulsesAt10HzAnd80PercentMso() {
        // 40 x (10 x 161.2 - 1050) / (1050 x 10) = 2.1410 s
        Verdict verdict = check(rtms("10", 40, 3, "2.1", "80% MSO"), emg(50), RAPID2);
        assertThat(finding(verdict, RULE)).get().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.BLOCKED);
            assertThat(f.message()).contains("2.1 s", "2.141 s", "161.2 J", "train 1 of 3", "2 waits affected");
        });
        assertThat(findings(check(rtms("10", 40, 3, "2.15", "80% MSO"), emg(50), RAPID2), RULE)).isEmpty();
    }

    @Test
    void blocksAWaitShorterThan21point95sAfter250PulsesAt25HzAnd73PercentMso() {
        // 250 x (25 x 134.2 - 1050) / (1050 x 25) = 21.952 s
        assertThat(findings(check(rtms("25", 250, 2, "21.95", "73% MSO"), emg(50), RAPID2), RULE)).hasSize(1);
        assertThat(findings(check(rtms("25", 250, 2, "21.96", "73% MSO"), emg(50), RAPID2), RULE)).isEmpty();
    }

    @Test
    void requiresTheMinimumWaitOf0point5sEvenWhenRechargeKeepsUp() {
        // 30 %MSO (22.7 J) at 10 Hz draws 227 J/s < 1050 J/s: only the 0.5 s lock-out applies
        assertThat(findings(check(rtms("10", 20, 2, "0.5", "30% MSO"), emg(50), RAPID2), RULE)).isEmpty();
        assertThat(finding(check(rtms("10", 20, 2, "0.4", "30% MSO"), emg(50), RAPID2), RULE)).get()
                .satisfies(f -> assertThat(f.message()).contains("0.4 s", "0.5 s"));
    }

    @Test
    void blocksAnOnTimeAboveTheEnergyBudget() {
        // 63000 / (10 x 161.2) = 39.08 s: 390 pulses (39.0 s) fit, 391 (39.1 s) do not
        assertThat(findings(check(rtms("10", 390, 1, "0", "80% MSO"), emg(50), RAPID2), RULE)).isEmpty();
        assertThat(finding(check(rtms("10", 391, 1, "0", "80% MSO"), emg(50), RAPID2), RULE)).get()
                .satisfies(f -> assertThat(f.message()).contains("39.1 s", "39.082 s", "63000 J"));
    }

    @Test
    void allowsAnOnTimeExactlyAtTheBudget() {
        // 100 %MSO = 252 J; at 10 Hz 63000 / 2520 = 25 s exactly = 250 pulses
        assertThat(findings(check(rtms("10", 250, 1, "0", "100% MSO"), emg(50), RAPID2), RULE)).isEmpty();
        assertThat(findings(check(rtms("10", 251, 1, "0", "100% MSO"), emg(50), RAPID2), RULE)).hasSize(1);
    }

    @Test
    void usesTheIntraBurstRateOfThetaBurstAsItsPeakRate() {
        // 100 %MSO at 50 Hz: 63000 / (50 x 252) = 5 s. 25 bursts at 5 Hz = 5 s fits; 26 (5.2 s) does not.
        // (At the 5 Hz burst rate the budget would allow 50 s.)
        assertThat(findings(check(tbs(25, 1, "0", "100% MSO"), emg(50), RAPID2), RULE)).isEmpty();
        assertThat(finding(check(tbs(26, 1, "0", "100% MSO"), emg(50), RAPID2), RULE)).get()
                .satisfies(f -> assertThat(f.message()).contains("50 Hz", "5.2 s", "5 s"));
    }

    @Test
    void doesNotApplyToProfilesWithoutAnEnergyModel() {
        assertThat(findings(check(rtms("10", 391, 2, "0.1", "80% MSO"), emg(50)), RULE)).isEmpty();
    }
}
