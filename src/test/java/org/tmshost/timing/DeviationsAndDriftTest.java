package org.tmshost.timing;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.tmshost.device.PulseTrigger;
import org.tmshost.protocol.PulsePlan;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12 on the virtual clock: a steady trigger latency does not accumulate, a gap returns the
 * schedule to the plan, no interval is ever compressed, and late pulses are deviations within a
 * budget rather than the end of the session.
 */
@Tag("unit")
class DeviationsAndDriftTest {
    private static final long T0 = 5_000_000_000L;
    private static final long MS = 1_000_000L;
    private static final long US = 1_000L;
    private static final long EARLY_TOLERANCE = 50 * US;

    private final VirtualClock clock = new VirtualClock(T0);

    /** A trigger whose pulse leaves {@code fixed} (promised) plus up to {@code random} after the call, and which returns {@code hold} later. */
    private final class EmittingTrigger implements PulseTrigger {
        private final long fixedNanos;
        private final long randomNanos;
        private final long holdNanos;
        private final SplittableRandom random = new SplittableRandom(12L);

        EmittingTrigger(long fixedNanos, long randomNanos, long holdNanos) {
            this.fixedNanos = fixedNanos;
            this.randomNanos = randomNanos;
            this.holdNanos = holdNanos;
        }

        @Override
        public long fire(int pulseIndex, int outputPercentMso, int channel) {
            clock.advance(fixedNanos + (randomNanos == 0 ? 0 : random.nextLong(randomNanos + 1)));
            clock.advance(holdNanos); // e.g. a TTL line held high for its pulse width
            return holdNanos;
        }

        @Override
        public long minEmissionDelayNanos() {
            return fixedNanos;
        }
    }

    private static long maxLatenessNanos(FireJournal journal) {
        long max = Long.MIN_VALUE;
        for (int e = 0; e < journal.count(); e++) {
            max = Math.max(max, journal.latenessNanos(e));
        }
        return max;
    }

    private static long minLatenessNanos(FireJournal journal) {
        long min = Long.MAX_VALUE;
        for (int e = 0; e < journal.count(); e++) {
            min = Math.min(min, journal.latenessNanos(e));
        }
        return min;
    }

    private static int compressions(FireJournal journal, PulsePlan plan) {
        int compressions = 0;
        for (int e = 1; e < journal.count(); e++) {
            long actual = journal.actualNanos(e) - journal.actualNanos(e - 1);
            long planned = plan.offsetNanos(journal.pulseIndex(e)) - plan.offsetNanos(journal.pulseIndex(e - 1));
            if (actual < planned - EARLY_TOLERANCE) {
                compressions++;
            }
        }
        return compressions;
    }

    @Test
    void aSteadyTriggerLatencyDoesNotAccumulateOverTenThousandPulses() {
        PulsePlan plan = Plans.rtms("10", 10_000, 1, "0"); // one train: no gap to return at
        PulseScheduler run = PulseScheduler.builder(plan, new EmittingTrigger(250 * US, 0, 100 * US))
                .waiter(new VirtualTimeWaiter(clock)).startLeadNanos(MS).build(); // time to call the first pulse early

        assertThat(run.runOnCallerThread()).isEqualTo(SchedulerState.COMPLETED);
        FireJournal journal = run.journal();
        assertThat(journal.count()).isEqualTo(10_000);
        assertThat(maxLatenessNanos(journal)).isZero(); // every pulse left at its planned time
        assertThat(minLatenessNanos(journal)).isZero();
        assertThat(compressions(journal, plan)).isZero();
    }

    @Test
    void aRandomTriggerLatencyStaysBoundedAndNeverCompressesAnInterval() {
        PulsePlan plan = Plans.builtIn("itbs"); // 600 pulses: bursts of 3 at 50 Hz, 5 Hz, 2 s trains every 10 s
        PulseScheduler run = PulseScheduler.builder(plan, new EmittingTrigger(250 * US, 40 * US, 100 * US))
                .waiter(new VirtualTimeWaiter(clock)).startLeadNanos(MS).build(); // time to call the first pulse early

        assertThat(run.runOnCallerThread()).isEqualTo(SchedulerState.COMPLETED);
        FireJournal journal = run.journal();
        assertThat(compressions(journal, plan)).isZero();
        assertThat(minLatenessNanos(journal)).isNotNegative();
        assertThat(maxLatenessNanos(journal)).isLessThanOrEqualTo(40 * US); // the random part, never summed
        assertThat(journal.latenessNanos(journal.count() - 1)).isLessThanOrEqualTo(maxLatenessNanos(journal));
    }

    @Test
    void tenThousandPulsesWithARandomLatencyBelowTheEarlyToleranceStayBounded() {
        PulsePlan plan = Plans.rtms("20", 10_000, 1, "0");
        PulseScheduler run = PulseScheduler.builder(plan, new EmittingTrigger(100 * US, 40 * US, 0))
                .waiter(new VirtualTimeWaiter(clock)).startLeadNanos(MS).build(); // time to call the first pulse early

        assertThat(run.runOnCallerThread()).isEqualTo(SchedulerState.COMPLETED);
        assertThat(compressions(run.journal(), plan)).isZero();
        assertThat(maxLatenessNanos(run.journal())).isLessThanOrEqualTo(40 * US); // caught up within each interval
    }

    /** A late pulse inside a burst pushes the rest of the burst; the next burst starts on plan again. */
    @Test
    void theGapAfterABurstReturnsTheScheduleToThePlan() {
        PulsePlan plan = Plans.builtIn("itbs");
        PulseScheduler run = PulseScheduler.builder(plan, new EmittingTrigger(0, 0, 0)).startLeadNanos(0)
                .waiter(new OversleepingWaiter(clock).lateOnWait(1, 900 * US)).build(); // pulse 1 (burst 1) 900 µs late

        assertThat(run.runOnCallerThread()).isEqualTo(SchedulerState.COMPLETED);
        FireJournal journal = run.journal();
        assertThat(journal.latenessNanos(1)).isEqualTo(900 * US);
        assertThat(journal.latenessNanos(2)).isEqualTo(850 * US); // inside the burst: never compressed
        assertThat(journal.latenessNanos(3)).as("the next burst, after a 160 ms gap").isZero();
        assertThat(journal.actualNanos(3) - journal.actualNanos(2)).isEqualTo(160 * MS - 850 * US);
        assertThat(compressions(journal, plan)).as("only the gap gave back the lateness").isEqualTo(1);
        assertThat(maxLatenessNanos(journal)).isEqualTo(900 * US);
    }

    @Test
    void aLatePulseWithinTheBudgetFiresLateAndTheSessionGoesOn() {
        PulsePlan plan = Plans.rtms("10", 40, 1, "0");
        PulseScheduler run = PulseScheduler.builder(plan, new EmittingTrigger(0, 0, 0)).startLeadNanos(0)
                .deviationBudget(new DeviationBudget(50, 1, 10, false))
                .waiter(new OversleepingWaiter(clock).lateOnWait(6, 2 * MS)).build(); // pulse 6: 2 ms late

        assertThat(run.runOnCallerThread()).isEqualTo(SchedulerState.COMPLETED);
        assertThat(run.journal().count()).isEqualTo(40);
        assertThat(run.journal().latenessNanos(6)).isEqualTo(2 * MS);
        assertThat(run.deviations()).isEqualTo(1);
        assertThat(run.allowedDeviations()).isEqualTo(2); // 5% of 40
        assertThat(compressions(run.journal(), plan)).isZero();
    }

    @Test
    void deviationsBeyondTheBudgetOrTooManyInARowStopThePlan() {
        PulsePlan plan = Plans.rtms("10", 40, 1, "0");
        OversleepingWaiter everyOther = new OversleepingWaiter(clock);
        for (int wait = 3; wait < 40; wait += 2) {
            everyOther.lateOnWait(wait, 2 * MS);
        }
        PulseScheduler overBudget = PulseScheduler.builder(plan, new EmittingTrigger(0, 0, 0)).startLeadNanos(0)
                .deviationBudget(new DeviationBudget(50, 1, 10, false)).waiter(everyOther).build();
        assertThat(overBudget.runOnCallerThread()).isEqualTo(SchedulerState.FAULTED);
        assertThat(overBudget.deviations()).isEqualTo(3); // pulses 3 and 5 fired late; 7, the third of 2 allowed, did not
        assertThat(overBudget.timingFault().orElseThrow().pulseIndex()).isEqualTo(7);

        VirtualClock other = new VirtualClock(T0);
        OversleepingWaiter inARow = new OversleepingWaiter(other);
        for (int wait = 3; wait < 40; wait++) {
            inARow.lateOnWait(wait, 2 * MS);
        }
        PulseScheduler stuck = PulseScheduler.builder(plan, (p, o, c) -> 0).startLeadNanos(0)
                .deviationBudget(new DeviationBudget(1000, 1, 3, false)).waiter(inARow).build();
        assertThat(stuck.runOnCallerThread()).isEqualTo(SchedulerState.FAULTED);
        assertThat(stuck.deviations()).isEqualTo(3);
        assertThat(stuck.journal().count()).isEqualTo(5); // pulses 0-2, then 3 and 4 late; 5, the third in a row, not fired
    }

    /** A late test pulse would deliver its pair at the wrong interval: it is not fired, the pair is void. */
    @Test
    void aLateTestPulseIsNotFiredAndItsPairIsVoid() {
        PulsePlan plan = Plans.pairedPulse("2.5", 3, "5");
        PulseScheduler run = PulseScheduler.builder(plan, new EmittingTrigger(0, 0, 0)).startLeadNanos(0)
                .deviationBudget(new DeviationBudget(100, 1, 3, true))
                .waiter(new OversleepingWaiter(clock).lateOnWait(1, 300 * US)).build(); // pair 1's test pulse

        assertThat(run.runOnCallerThread()).isEqualTo(SchedulerState.COMPLETED);
        FireJournal journal = run.journal();
        assertThat(journal.count()).isEqualTo(5);
        assertThat(journal.pulseIndex(0)).isZero();
        assertThat(journal.pulseIndex(1)).as("pulse 1 was not fired").isEqualTo(2);
        assertThat(run.skipped()).isEqualTo(1);
        assertThat(run.deviations()).isEqualTo(1);
        assertThat(journal.latenessNanos(1)).as("the next pair on plan").isZero();
    }
}
