package org.tmshost.safety;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.tmshost.protocol.MotorThresholds;
import org.tmshost.protocol.ThresholdMethod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tmshost.safety.Fixtures.*;

/** policy.visual-threshold: visual MT and a train at or above 80% of its table limit -> NEEDS_OVERRIDE. */
@Tag("unit")
class VisualThresholdRuleTest {
    private static final String RULE = "policy.visual-threshold";

    @Test
    void asksOverrideForVisualMtAndATrainAtExactly80PercentOfItsLimit() {
        // 10 Hz, 90% RMT: limit 5 s, 80% of it 4 s = 40 pulses
        Verdict verdict = check(rtms("10", 40, 1, "0", "90% RMT"), visual(50));
        assertThat(finding(verdict, RULE)).get().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.NEEDS_OVERRIDE);
            assertThat(f.message()).contains("visually", "4 s", "5 s limit", "20%", "EMG");
            assertThat(f.citation()).contains("Westin");
        });
        assertThat(verdict.level()).isEqualTo(Severity.NEEDS_OVERRIDE);
    }

    @Test
    void allowsVisualMtWithATrainBelow80PercentOfItsLimit() {
        Verdict verdict = check(rtms("10", 39, 1, "0", "90% RMT"), visual(50));
        assertThat(findings(verdict, RULE)).isEmpty();
        assertThat(verdict.level()).isEqualTo(Severity.PASS);
    }

    @Test
    void doesNotApplyToEmgThresholds() {
        assertThat(findings(check(rtms("10", 49, 1, "0", "90% RMT"), emg(50)), RULE)).isEmpty();
    }

    @Test
    void treatsAnUnstatedMethodAsEmgAndWarns() {
        Verdict verdict = check(rtms("10", 49, 1, "0", "90% RMT"),
                MotorThresholds.of(50.0, null, ThresholdMethod.UNSTATED));
        assertThat(findings(verdict, RULE)).isEmpty();
        assertThat(finding(verdict, "mt.method-unstated")).get().extracting(Finding::severity).isEqualTo(Severity.WARN);
        assertThat(verdict.level()).isEqualTo(Severity.PASS);
    }

    @Test
    void asksOverrideForVisualMtOutsideTheTable() {
        assertThat(finding(check(rtms("30", 3, 1, "0", "90% RMT"), visual(50)), RULE)).get()
                .satisfies(f -> assertThat(f.message()).contains("outside"));
    }

    @Test
    void comparesWithTheLimitAsAppliedIncludingTheFlooredColumn() {
        // 20 Hz, 110% RMT: limit 1.6 s, 80% = 1.28 s: 26 pulses (1.3 s) flagged, 25 (1.25 s) not
        assertThat(findings(check(rtms("20", 26, 1, "0", "110% RMT"), visual(50)), RULE)).hasSize(1);
        assertThat(findings(check(rtms("20", 25, 1, "0", "110% RMT"), visual(50)), RULE)).isEmpty();
    }

    @Test
    void appliesToRtmsOnly() {
        assertThat(findings(check(tbs(300, 1, "0", "80% RMT"), visual(50)), RULE)).isEmpty();
    }
}
