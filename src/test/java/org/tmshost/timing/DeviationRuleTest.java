package org.tmshost.timing;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The deviation budget on its own: what counts as late, when the budget runs out, and the fault it keeps. */
@Tag("unit")
class DeviationRuleTest {
    private static final long US = 1_000L;
    private static final long LIMIT = 1_000 * US;

    @Test
    void theStrictBudgetFaultsOnTheFirstLatePulseAndKeepsIt() {
        DeviationRule rule = new DeviationRule(DeviationBudget.NONE, 100, LIMIT);
        assertThat(rule.judge(0, 500 * US, 0, 0, LIMIT)).isEqualTo(DeviationRule.ON_TIME);
        assertThat(rule.fault()).isEmpty();
        assertThat(rule.judge(1, 2_100 * US, 1_000 * US, 1_000 * US, LIMIT)).isEqualTo(DeviationRule.OVER_BUDGET);
        TimingFault fault = rule.fault().orElseThrow();
        assertThat(fault.pulseIndex()).isEqualTo(1);
        assertThat(fault.latenessNanos()).isEqualTo(1_100 * US);
        assertThat(fault.inheritedNanos()).isZero();
        assertThat(fault.limitNanos()).isEqualTo(LIMIT);
        assertThat(fault.detectedAtNanos()).isEqualTo(2_100 * US);
        assertThat(rule.deviations()).isEqualTo(1);
    }

    @Test
    void theStrictBudgetFaultsOnInheritedLatenessBeyondThreeLimits() {
        DeviationRule rule = new DeviationRule(DeviationBudget.NONE, 100, LIMIT);
        // due 3.5 ms after the plan by the no-compression rule, found due on time for that deadline
        assertThat(rule.judge(7, 3_600 * US, 0, 3_500 * US, LIMIT)).isEqualTo(DeviationRule.OVER_BUDGET);
        assertThat(rule.fault().orElseThrow().limitNanos()).isEqualTo(PulseScheduler.DRIFT_LIMIT_FACTOR * LIMIT);
        assertThat(rule.fault().orElseThrow().inheritedNanos()).isEqualTo(3_500 * US);
    }

    @Test
    void aBudgetExcusesInheritedLatenessAndCountsOwnDeviationsUpToItsRun() {
        DeviationRule rule = new DeviationRule(new DeviationBudget(50, 5, 3, false), 1000, LIMIT);
        assertThat(rule.allowedDeviations()).isEqualTo(50);
        assertThat(rule.judge(0, 10_000 * US, 0, 9_900 * US, LIMIT)).isEqualTo(DeviationRule.ON_TIME);
        assertThat(rule.judge(1, 2_000 * US, 0, 0, LIMIT)).isEqualTo(DeviationRule.DEVIATION);
        assertThat(rule.judge(2, 2_000 * US, 0, 0, LIMIT)).isEqualTo(DeviationRule.DEVIATION);
        assertThat(rule.judge(3, 0, 0, 0, LIMIT)).isEqualTo(DeviationRule.ON_TIME); // the run is broken
        assertThat(rule.judge(4, 2_000 * US, 0, 0, LIMIT)).isEqualTo(DeviationRule.DEVIATION);
        assertThat(rule.judge(5, 2_000 * US, 0, 0, LIMIT)).isEqualTo(DeviationRule.DEVIATION);
        assertThat(rule.judge(6, 2_000 * US, 0, 0, LIMIT)).isEqualTo(DeviationRule.OVER_BUDGET); // three in a row
        assertThat(rule.deviations()).isEqualTo(5);
        assertThat(rule.fault().orElseThrow().pulseIndex()).isEqualTo(6);
    }

    @Test
    void skippedPulsesAreCounted() {
        DeviationRule rule = new DeviationRule(new DeviationBudget(100, 5, 3, true), 10, LIMIT);
        assertThat(rule.skipsLateInGroup()).isTrue();
        rule.countSkipped();
        assertThat(rule.skipped()).isEqualTo(1);
    }
}
