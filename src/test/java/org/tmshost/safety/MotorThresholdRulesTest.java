package org.tmshost.safety;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.tmshost.protocol.MotorThresholds;
import org.tmshost.protocol.ThresholdMethod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tmshost.safety.Fixtures.*;

/** mt.missing, mt.rmt-unknown and mt.method-unstated. */
@Tag("unit")
class MotorThresholdRulesTest {

    @Test
    void blocksARelativeProtocolWithoutItsThresholdAndGivesNoPlan() {
        Verdict verdict = check(builtIn("itbs"), MotorThresholds.of(50.0, null, ThresholdMethod.EMG));
        assertThat(verdict.level()).isEqualTo(Severity.BLOCKED);
        assertThat(verdict.plan()).isEmpty();
        assertThat(finding(verdict, "mt.missing")).get().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.BLOCKED);
            assertThat(f.message()).contains("80% AMT", "AMT", "not evaluated", "device.max-output");
        });
    }

    @Test
    void blocksWhenOnlyOneOfTwoIntensitiesCanBeResolved() {
        Verdict verdict = check(paired("3", "80% AMT", "120% RMT"), MotorThresholds.of(50.0, null, ThresholdMethod.EMG),
                profile("magstim-bistim"));
        assertThat(finding(verdict, "mt.missing")).get().satisfies(f ->
                assertThat(f.message()).contains("80% AMT").doesNotContain("120% RMT needs"));
        assertThat(verdict.plan()).isEmpty();
    }

    @Test
    void stillRunsTimingRulesWithoutAPlan() {
        // the bistim's 4 s per unit is violated by 20 ms intra-burst intervals whatever the thresholds
        Verdict verdict = check(builtIn("itbs"), MotorThresholds.NONE, profile("magstim-bistim"));
        assertThat(verdict.findings()).extracting(Finding::ruleId).contains("mt.missing", "device.min-interval");
    }

    @Test
    void asksOverrideWhenRmtIsUnknownForAnAmtRtmsProtocolNamingTheRules() {
        Verdict verdict = check(rtms("10", 40, 2, "26", "110% AMT"), MotorThresholds.of(null, 40.0, ThresholdMethod.EMG));
        assertThat(verdict.plan()).isPresent();
        assertThat(findings(verdict, "mt.rmt-unknown")).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.NEEDS_OVERRIDE);
            assertThat(f.message()).contains("rossi2009.train-duration", "chen1997.inter-train-interval",
                    "policy.rtms-intensity");
        });
        assertThat(verdict.level()).isEqualTo(Severity.NEEDS_OVERRIDE);
        assertThat(findings(verdict, "rossi2009.train-duration")).isEmpty();
    }

    @Test
    void asksOverrideWhenRmtIsUnknownForAnAbsoluteProtocol() {
        assertThat(finding(check(rtms("1", 10, 1, "0", "40% MSO"), MotorThresholds.NONE), "mt.rmt-unknown")).get()
                .satisfies(f -> assertThat(f.message()).contains("rossi2009.train-duration", "policy.rtms-intensity"));
        assertThat(finding(check(tbs(10, 2, "8", "30% MSO"), MotorThresholds.NONE), "mt.rmt-unknown")).get()
                .satisfies(f -> assertThat(f.message()).contains("policy.patterned-intensity"));
    }

    @Test
    void needsNoRmtForPairedPulseOrSequence() {
        Verdict verdict = check(paired("3", "40% MSO", "60% MSO"), MotorThresholds.NONE, simulator());
        assertThat(verdict.findings()).isEmpty();
        assertThat(verdict.level()).isEqualTo(Severity.PASS);
    }

    @Test
    void warnsWhenTheThresholdMethodIsUnstatedButStillPasses() {
        Verdict verdict = check(builtIn("itbs"), MotorThresholds.of(50.0, 40.0, ThresholdMethod.UNSTATED));
        assertThat(verdict.findings()).extracting(Finding::ruleId, Finding::severity)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("mt.method-unstated", Severity.WARN));
        assertThat(verdict.level()).isEqualTo(Severity.PASS);
        assertThat(verdict.findings().get(0).citation()).contains("Westin");
    }

    @Test
    void doesNotWarnAboutTheMethodWhenNoThresholdIsUsed() {
        assertThat(findings(check(paired("3", "40% MSO", "60% MSO"), MotorThresholds.NONE, profile("magstim-bistim")),
                "mt.method-unstated")).isEmpty();
        assertThat(findings(check(builtIn("itbs"), MotorThresholds.of(50.0, 40.0, ThresholdMethod.EMG)),
                "mt.method-unstated")).isEmpty();
    }
}
