package org.tmshost.safety;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tmshost.safety.Fixtures.*;

/** chen1997.inter-train-interval: above 100% RMT, ITI <= 1 s BLOCKED, ITI < 5 s NEEDS_OVERRIDE. */
@Tag("unit")
class InterTrainIntervalRuleTest {
    private static final String RULE = "chen1997.inter-train-interval";

    @Test
    void blocks1sIntervalBetween20HzTrainsAbove100PercentRmt() {
        Verdict verdict = check(rtms("20", 32, 10, "1", "110% RMT"), emg(50));
        assertThat(finding(verdict, RULE)).get().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.BLOCKED);
            assertThat(f.message()).contains("1 s", "110% RMT", "5 s");
            assertThat(f.citation()).contains("Chen", "[V]");
        });
        assertThat(verdict.level()).isEqualTo(Severity.BLOCKED);
        assertThat(finding(check(rtms("20", 32, 10, "0.25", "110% RMT"), emg(50)), RULE)).get()
                .extracting(Finding::severity).isEqualTo(Severity.BLOCKED);
    }

    @Test
    void asksOverrideForIntervalJustAbove1sAndBelow5sAbove100PercentRmt() {
        assertThat(finding(check(rtms("20", 32, 10, "1.1", "110% RMT"), emg(50)), RULE)).get()
                .extracting(Finding::severity).isEqualTo(Severity.NEEDS_OVERRIDE);
        assertThat(finding(check(rtms("20", 32, 10, "4.9", "110% RMT"), emg(50)), RULE)).get()
                .satisfies(f -> {
                    assertThat(f.severity()).isEqualTo(Severity.NEEDS_OVERRIDE);
                    assertThat(f.message()).contains("4.9 s", "5 s");
                });
    }

    @Test
    void allows5sIntervalAbove100PercentRmt() {
        assertThat(findings(check(rtms("20", 32, 10, "5", "110% RMT"), emg(50)), RULE)).isEmpty();
    }

    @Test
    void doesNotApplyAtExactly100PercentRmt() {
        // 100% RMT at RMT 50 = 50 %MSO = exactly 100%: not above
        assertThat(findings(check(rtms("20", 32, 10, "1", "100% RMT"), emg(50)), RULE)).isEmpty();
        // 102% RMT at RMT 50 = 51 %MSO = 102%: above
        assertThat(findings(check(rtms("20", 32, 10, "1", "102% RMT"), emg(50)), RULE)).hasSize(1);
    }

    @Test
    void doesNotApplyAt1HzOrBelow() {
        assertThat(findings(check(rtms("1", 10, 10, "1", "110% RMT"), emg(50)), RULE)).isEmpty();
        assertThat(findings(check(rtms("1.5", 10, 10, "1", "110% RMT"), emg(50)), RULE)).hasSize(1);
    }

    @Test
    void doesNotApplyToASingleTrain() {
        assertThat(findings(check(rtms("20", 32, 1, "0", "110% RMT"), emg(50)), RULE)).isEmpty();
    }

    @Test
    void appliesToNeurostarDashAt120PercentRmtOnlyAbove5s() {
        // 11 s off-time: fine; the standard 26 s too.
        assertThat(findings(check(builtIn("neurostar-dash"), emg(50)), RULE)).isEmpty();
        assertThat(findings(check(rtms("10", 40, 75, "4", "120% RMT"), emg(50)), RULE)).hasSize(1);
    }
}
