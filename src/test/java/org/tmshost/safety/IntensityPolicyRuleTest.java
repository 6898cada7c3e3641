package org.tmshost.safety;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.tmshost.protocol.MotorThresholds;
import org.tmshost.protocol.ThresholdMethod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tmshost.safety.Fixtures.*;

/** policy.rtms-intensity (above 130% RMT) and policy.patterned-intensity (TBS/QPS above 100% RMT). */
@Tag("unit")
class IntensityPolicyRuleTest {
    private static final String RTMS = "policy.rtms-intensity";
    private static final String PATTERNED = "policy.patterned-intensity";

    @Test
    void allowsRtmsAtExactly130PercentRmt() {
        assertThat(findings(check(rtms("1", 10, 1, "0", "130% RMT"), emg(50)), RTMS)).isEmpty();
    }

    @Test
    void asksOverrideForRtmsAbove130PercentRmt() {
        // 132% RMT at RMT 50 = 66 %MSO = 132%
        assertThat(finding(check(rtms("1", 10, 1, "0", "132% RMT"), emg(50)), RTMS)).get().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.NEEDS_OVERRIDE);
            assertThat(f.message()).contains("132% RMT", "130% RMT");
        });
    }

    @Test
    void judgesRtmsIntensityByTheFlooredOutput() {
        // 131% RMT at RMT 50 = 65.5 -> 65 %MSO = 130% RMT delivered: within the policy
        assertThat(findings(check(rtms("1", 10, 1, "0", "131% RMT"), emg(50)), RTMS)).isEmpty();
        // an absolute 66 %MSO at RMT 50 = 132% RMT
        assertThat(findings(check(rtms("1", 10, 1, "0", "66% MSO"), emg(50)), RTMS)).hasSize(1);
    }

    @Test
    void allowsThetaBurstAtExactly100PercentRmt() {
        assertThat(findings(check(tbs(10, 20, "8", "100% RMT"), emg(50)), PATTERNED)).isEmpty();
    }

    @Test
    void asksOverrideForThetaBurstAbove100PercentRmt() {
        // 102% RMT at RMT 50 = 51 %MSO
        assertThat(finding(check(tbs(10, 20, "8", "102% RMT"), emg(50)), PATTERNED)).get().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.NEEDS_OVERRIDE);
            assertThat(f.message()).contains("102% RMT", "100% RMT");
        });
        Verdict threeD = check(builtIn("itbs-three-d"), emg(50));
        assertThat(threeD.needingOverride()).extracting(Finding::ruleId).containsExactly(PATTERNED);
    }

    @Test
    void asksOverrideForQuadripulseAbove100PercentRmtStatedInAmt() {
        // 90% AMT at AMT 40 = 36 %MSO; at RMT 35 that is 102.9% RMT; at RMT 36 exactly 100%
        MotorThresholds rmt35 = MotorThresholds.of(35.0, 40.0, ThresholdMethod.EMG);
        MotorThresholds rmt36 = MotorThresholds.of(36.0, 40.0, ThresholdMethod.EMG);
        assertThat(findings(check(qps("5", "90% AMT"), rmt35), PATTERNED)).hasSize(1);
        assertThat(findings(check(qps("5", "90% AMT"), rmt36), PATTERNED)).isEmpty();
    }

    @Test
    void doesNotApplyRtmsPolicyToPatternedOrPatternedPolicyToRtms() {
        assertThat(findings(check(rtms("1", 10, 1, "0", "110% RMT"), emg(50)), PATTERNED)).isEmpty();
        assertThat(findings(check(tbs(10, 20, "8", "140% RMT"), emg(30)), RTMS)).isEmpty();
    }
}
