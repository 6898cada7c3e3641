package org.tmshost.timing;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.tmshost.profile.TimingTolerances;
import org.tmshost.protocol.PulsePlan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The no-compression rule on its own, without a scheduler or a clock. */
@Tag("unit")
class DeadlineRuleTest {
    private static final long US = 1_000L;
    private static final long MS = 1_000_000L;

    /** 10 Hz, 5 pulses a train, 2 trains 5 s apart: intervals of 100 ms, one gap before pulse 5. */
    private final PulsePlan plan = Plans.rtms("10", 5, 2, "5");
    private final DeadlineRule rule = new DeadlineRule(plan, TimingTolerances.DEFAULT, null, 0);

    @Test
    void anOnTimePreviousPulseLeavesTheDeadlineAtThePlan() {
        long planned = 1_000 * MS + plan.offsetNanos(1);
        assertThat(rule.deadlineNanos(1, planned, 1_000 * MS)).isEqualTo(planned);
        assertThat(rule.deadlineNanos(0, 1_000 * MS, 0)).isEqualTo(1_000 * MS);
    }

    @Test
    void aLatePreviousPulsePushesTheNextOneLessTheEarlyTolerance() {
        long planned = plan.offsetNanos(1);
        long previousLeft = 600 * US; // 600 µs late
        assertThat(rule.deadlineNanos(1, planned, previousLeft)).isEqualTo(planned + 600 * US - 50 * US);
    }

    @Test
    void aGapReturnsToThePlanByAtMostTwentyLimits() {
        long planned = plan.offsetNanos(5);
        long previousLeft = plan.offsetNanos(4) + 30 * MS; // 30 ms late before a 5 s gap
        assertThat(rule.deadlineNanos(5, planned, previousLeft)).isEqualTo(planned + 30 * MS - 20 * MS);
    }

    @Test
    void anIntervalFloorHoldsTheCatchUpBack() {
        long[] floors = new long[plan.pulseCount()];
        java.util.Arrays.fill(floors, 100 * MS);
        DeadlineRule floored = new DeadlineRule(plan, TimingTolerances.DEFAULT, floors, 0);
        long previousLeft = plan.offsetNanos(0) + 600 * US;
        assertThat(floored.deadlineNanos(1, plan.offsetNanos(1), previousLeft)).isEqualTo(plan.offsetNanos(1) + 600 * US);
    }

    @Test
    void thePromisedEmissionDelayCallsTheTriggerThatMuchEarlier() {
        DeadlineRule leading = new DeadlineRule(plan, TimingTolerances.DEFAULT, null, 250 * US);
        assertThat(leading.deadlineNanos(1, plan.offsetNanos(1), 0)).isEqualTo(plan.offsetNanos(1) - 250 * US);
    }

    @Test
    void theLimitIsTheProfilesOrATenthOfTheIntervalIfSmaller() {
        DeadlineRule paired = new DeadlineRule(Plans.pairedPulse("2.5", 2, "5"), TimingTolerances.DEFAULT, null, 0);
        assertThat(paired.limitNanos(0)).isEqualTo(1 * MS);
        assertThat(paired.limitNanos(1)).isEqualTo(250 * US);
        assertThat(rule.limitNanos(1)).isEqualTo(1 * MS);
    }

    @Test
    void aPulseLeftNoEarlierThanTheCallNorLaterThanTheReturn() {
        assertThat(DeadlineRule.leftNanos(1_000, 1_500, 0)).isEqualTo(1_500);
        assertThat(DeadlineRule.leftNanos(1_000, 1_500, 200)).isEqualTo(1_300);
        assertThat(DeadlineRule.leftNanos(1_000, 1_500, 900)).isEqualTo(1_000);
        assertThat(DeadlineRule.leftNanos(1_000, 1_500, org.tmshost.device.PulseTrigger.EMISSION_UNKNOWN)).isEqualTo(1_500);
    }

    @Test
    void oneFloorPerPulse() {
        assertThatThrownBy(() -> new DeadlineRule(plan, TimingTolerances.DEFAULT, new long[1], 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one per pulse");
    }
}
