package org.tmshost.timing;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.tmshost.device.PulseTrigger;
import org.tmshost.profile.TimingTolerances;
import org.tmshost.protocol.PulsePlan;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Deterministic scheduler behaviour on the virtual clock: no wall-clock time is asserted anywhere. */
@Tag("unit")
class PulseSchedulerVirtualClockTest {
    private static final long T0 = 5_000_000_000L;
    private static final long MS = 1_000_000L;
    private static final long US = 1_000L;

    private final VirtualClock clock = new VirtualClock(T0);
    private final RecordingTrigger trigger = new RecordingTrigger(clock);

    private PulseSchedulerBuilder scheduler(PulsePlan plan) {
        return PulseScheduler.builder(plan, trigger).waiter(new VirtualTimeWaiter(clock)).startLeadNanos(0);
    }

    @Test
    void firesEveryPulseOfItbsAtExactlyItsPlannedTime() {
        PulsePlan plan = Plans.builtIn("itbs");
        PulseScheduler run = scheduler(plan).build();

        assertThat(run.runOnCallerThread()).isEqualTo(SchedulerState.COMPLETED);

        assertThat(trigger.fires()).hasSize(plan.pulseCount());
        for (int i = 0; i < plan.pulseCount(); i++) {
            RecordingTrigger.Fire fire = trigger.fires().get(i);
            assertThat(fire.pulseIndex()).isEqualTo(i);
            assertThat(fire.atNanos()).isEqualTo(T0 + plan.offsetNanos(i));
            assertThat(fire.outputPercentMso()).isEqualTo(plan.outputPercentMso(i));
            assertThat(run.journal().actualNanos(i)).isEqualTo(T0 + plan.offsetNanos(i));
            assertThat(run.journal().plannedNanos(i)).isEqualTo(T0 + plan.offsetNanos(i));
            assertThat(run.journal().pulseIndex(i)).isEqualTo(i);
        }
        assertThat(run.lateness().intervalHistogram().getMaxValue()).isZero();
    }

    @Test
    void dryRunsA37point5Minute3000PulsePlanOnTheVirtualClock() {
        PulsePlan plan = Plans.builtIn("neurostar-10hz");
        assertThat(plan.pulseCount()).isEqualTo(3000);

        PulseScheduler run = scheduler(plan).build();

        assertThat(run.runOnCallerThread()).isEqualTo(SchedulerState.COMPLETED);
        assertThat(run.firedCount()).isEqualTo(3000);
        assertThat(clock.nanoTime() - T0).isEqualTo(plan.offsetNanos(2999));
    }

    @Test
    void firesPairedPulseOnBothChannelsWithTheExactInterStimulusInterval() {
        PulsePlan plan = Plans.pairedPulse("2.5", 3, "5");

        scheduler(plan).build().runOnCallerThread();

        assertThat(trigger.fires()).extracting(RecordingTrigger.Fire::channel).containsExactly(0, 1, 0, 1, 0, 1);
        assertThat(trigger.fires().get(1).atNanos() - trigger.fires().get(0).atNanos()).isEqualTo(2_500 * US);
    }

    @Test
    void aLateWakeUpPushesLaterPulsesAndNeverCompressesAnInterval() {
        PulsePlan plan = Plans.rtms("10", 40, 1, "0");
        PulseScheduler run = PulseScheduler.builder(plan, trigger).startLeadNanos(0)
                .waiter(new OversleepingWaiter(clock).lateOnWait(6, 600 * US)).build();

        assertThat(run.runOnCallerThread()).isEqualTo(SchedulerState.COMPLETED);

        List<Long> latenessMicros = new ArrayList<>();
        for (int i = 0; i < plan.pulseCount(); i++) {
            latenessMicros.add(run.journal().latenessNanos(i) / US);
        }
        // inherited lateness decays by the 50 µs early tolerance per interval, never faster
        assertThat(latenessMicros.subList(5, 20)).containsExactly(
                0L, 600L, 550L, 500L, 450L, 400L, 350L, 300L, 250L, 200L, 150L, 100L, 50L, 0L, 0L);
        assertThat(compressions(run, plan, 50 * US)).isZero();
        assertThat(shortestActualIntervalNanos(run)).isEqualTo(100 * MS - 50 * US);
    }

    @Test
    void theNextPulseWaitsTheIntervalFromWhenASlowTriggerReturned() {
        PulsePlan plan = Plans.rtms("10", 20, 1, "0");
        trigger.onFire(pulse -> {
            if (pulse == 5) {
                clock.advance(400 * US); // the fire call of pulse 5 takes 400 µs
            }
        });

        PulseScheduler run = scheduler(plan).build();

        assertThat(run.runOnCallerThread()).isEqualTo(SchedulerState.COMPLETED);
        long pulse5Returned = run.journal().actualNanos(5); // it cannot tell when its pulse left: its return
        assertThat(run.journal().actualNanos(6) - pulse5Returned).isEqualTo(100 * MS - 50 * US);
        assertThat(run.journal().latenessNanos(6)).isEqualTo(350 * US);
        assertThat(run.journal().latenessNanos(7)).isEqualTo(300 * US);
    }

    @Test
    void aTriggerThatReportsWhenItsPulseLeftDoesNotPushTheScheduleBack() {
        // a TTL line held high for 400 µs, or a serial fire waiting for its acknowledgement: the pulse
        // left 10 µs into the call, so the next interval is measured from then, not from the return
        PulsePlan plan = Plans.rtms("10", 20, 1, "0");
        trigger.holdingAfterEmission(390 * US).onFire(pulse -> clock.advance(400 * US));

        PulseScheduler run = scheduler(plan).build();

        assertThat(run.runOnCallerThread()).isEqualTo(SchedulerState.COMPLETED);
        for (int i = 0; i < plan.pulseCount(); i++) {
            // recorded when it left, 10 µs into the call, and no pulse inherits the rest of the call
            assertThat(run.journal().latenessNanos(i)).as("pulse %d", i).isEqualTo(10 * US);
        }
        assertThat(compressions(run, plan, 50 * US)).isZero();
    }

    /**
     * The pulse thread loses its CPU for 3 ms between its clock read and the pulse leaving: the next
     * interval is measured from after the pulse left, so it is not 3 ms short (it was, when triggers
     * reported a delay from the call and the scheduler added it to its read before the call).
     */
    @Test
    void aDelayBeforeThePulseLeavesDoesNotCompressTheNextInterval() {
        PulsePlan plan = Plans.rtms("20", 10, 1, "0");
        long[] leftAt = new long[plan.pulseCount()];
        PulseTrigger preempted = (pulse, output, channel) -> {
            if (pulse == 3) {
                clock.advance(3 * MS); // descheduled before the pulse left
            }
            leftAt[pulse] = clock.nanoTime();
            return 0; // the pulse left as the call returned
        };
        PulseScheduler run = PulseScheduler.builder(plan, preempted).startLeadNanos(0)
                .waiter(new VirtualTimeWaiter(clock)).build();

        assertThat(run.runOnCallerThread()).isEqualTo(SchedulerState.COMPLETED);
        for (int i = 1; i < plan.pulseCount(); i++) {
            assertThat(leftAt[i] - leftAt[i - 1]).as("interval before pulse %d", i)
                    .isGreaterThanOrEqualTo(50 * MS - 50 * US);
        }
    }

    @Test
    void aTriggerThatCannotTellIsMeasuredFromItsReturn() {
        // the same slow trigger without an emission report: each pulse is recorded at the return,
        // 400 µs after its call, and the next call inherits that less the 50 µs early tolerance
        PulsePlan plan = Plans.rtms("10", 5, 1, "0");
        trigger.onFire(pulse -> clock.advance(400 * US));

        PulseScheduler run = scheduler(plan).build();

        assertThat(run.runOnCallerThread()).isEqualTo(SchedulerState.COMPLETED);
        assertThat(run.journal().latenessNanos(0)).isEqualTo(400 * US);
        assertThat(run.journal().latenessNanos(1)).isEqualTo(750 * US);
        assertThat(run.journal().latenessNanos(2)).isEqualTo(1100 * US);
    }

    @Test
    void aClockJumpBetweenPulsesIsAbsorbedWithoutCatchUpBurst() {
        PulsePlan plan = Plans.rtms("20", 20, 1, "0");
        PulseScheduler run = scheduler(plan).build();
        run.startOnCallerThread();

        stepUntilFired(run, 3);
        clock.advance(50 * MS + 900 * US); // pulse 3 is due; the clock jumps 900 µs past it
        assertThat(run.doWork()).isEqualTo(1);
        runToEnd(run);

        assertThat(run.state()).isEqualTo(SchedulerState.COMPLETED);
        assertThat(run.journal().latenessNanos(3)).isEqualTo(900 * US);
        assertThat(run.journal().latenessNanos(4)).isEqualTo(850 * US);
        assertThat(compressions(run, plan, 50 * US)).isZero();
    }

    @Test
    void stopsWithATimingFaultWhenThePulseThreadIsLaterThanTheLimitAndDoesNotFireThatPulse() {
        PulsePlan plan = Plans.rtms("10", 40, 1, "0");
        PulseScheduler run = PulseScheduler.builder(plan, trigger).startLeadNanos(0)
                .waiter(new OversleepingWaiter(clock).lateOnWait(6, 1_500 * US)).build(); // wakes 1.5 ms late for pulse 6

        assertThat(run.runOnCallerThread()).isEqualTo(SchedulerState.FAULTED);

        assertThat(trigger.indexes()).containsExactly(0, 1, 2, 3, 4, 5);
        assertThat(run.firedCount()).isEqualTo(6);
        TimingFault fault = run.timingFault().orElseThrow();
        assertThat(fault.pulseIndex()).isEqualTo(6);
        assertThat(fault.latenessNanos()).isEqualTo(1_500 * US);
        assertThat(fault.inheritedNanos()).isZero();
        assertThat(fault.limitNanos()).isEqualTo(1_000 * US);
        assertThat(run.latch().cause()).isEqualTo(TripCause.TIMING_FAULT);
        assertThat(fault.describe()).contains("pulse 6", "1500.0 µs late", "limit 1000.0 µs");
    }

    @Test
    void aSingleInheritedDelayBelowTheLimitDoesNotCascadeIntoAFault() {
        PulsePlan plan = Plans.rtms("10", 40, 1, "0");
        // the pulse thread wakes 900 µs late for pulse 6, and again 900 µs late for pulse 7's pushed
        // deadline: pulse 7 is 1.75 ms behind the plan, but its own lateness is within the 1 ms limit
        PulseScheduler run = PulseScheduler.builder(plan, trigger).startLeadNanos(0)
                .waiter(new OversleepingWaiter(clock).lateOnWait(6, 900 * US).lateOnWait(7, 900 * US)).build();

        assertThat(run.runOnCallerThread()).isEqualTo(SchedulerState.COMPLETED);
        assertThat(run.journal().latenessNanos(7)).isEqualTo(1_750 * US);
        assertThat(compressions(run, plan, 50 * US)).isZero();
    }

    @Test
    void aScheduleThatKeepsFallingBehindFaultsAtThreeLimits() {
        PulsePlan plan = Plans.rtms("10", 40, 1, "0");
        OversleepingWaiter waiter = new OversleepingWaiter(clock);
        for (int wait = 5; wait < 40; wait++) {
            waiter.lateOnWait(wait, 900 * US); // every wake-up from pulse 5 on is 900 µs late
        }

        PulseScheduler run = PulseScheduler.builder(plan, trigger).startLeadNanos(0).waiter(waiter).build();

        assertThat(run.runOnCallerThread()).isEqualTo(SchedulerState.FAULTED);
        TimingFault fault = run.timingFault().orElseThrow();
        assertThat(fault.pulseIndex()).isEqualTo(8); // 900, 1750, 2600, then 3450 µs > 3 ms
        assertThat(fault.latenessNanos()).isEqualTo(3_450 * US);
        assertThat(fault.inheritedNanos()).isEqualTo(2_550 * US);
        assertThat(fault.limitNanos()).isEqualTo(PulseScheduler.DRIFT_LIMIT_FACTOR * 1_000 * US);
        assertThat(trigger.indexes()).hasSize(8);
        assertThat(compressions(run, plan, 50 * US)).isZero();
    }

    /** The test pulse inherits its conditioning pulse's accepted lateness; the pair's interval is exact. */
    @Test
    void aPairsTestPulseIsNotFaultedForItsConditioningPulsesAcceptedLateness() {
        PulsePlan plan = Plans.pairedPulse("2.5", 3, "5");
        PulseScheduler run = PulseScheduler.builder(plan, trigger).startLeadNanos(0)
                .waiter(new OversleepingWaiter(clock).lateOnWait(2, 900 * US)).build(); // pair 2's conditioning pulse

        assertThat(run.runOnCallerThread()).isEqualTo(SchedulerState.COMPLETED);
        assertThat(run.journal().latenessNanos(2)).isEqualTo(900 * US);
        assertThat(run.journal().latenessNanos(3)).as("inherited, minus the early tolerance").isEqualTo(850 * US);
        assertThat(run.journal().latenessNanos(4)).as("the 5 s gap returns pair 3 to the plan").isZero();
        assertThat(compressions(run, plan, 50 * US)).as("only that gap, 850 µs of 5 s").isEqualTo(1);
        assertThat(run.journal().actualNanos(4) - run.journal().actualNanos(3)).isEqualTo(5_000 * MS - 2_500 * US - 850 * US);
    }

    @Test
    void limitIsTenPercentOfAShortIntervalAsInPairedPulse() {
        PulsePlan plan = Plans.pairedPulse("2.5", 3, "5");
        PulseScheduler run = PulseScheduler.builder(plan, trigger).startLeadNanos(0)
                .waiter(new OversleepingWaiter(clock).lateOnWait(1, 300 * US)).build(); // test pulse 300 µs late

        assertThat(run.runOnCallerThread()).isEqualTo(SchedulerState.FAULTED);
        assertThat(trigger.indexes()).containsExactly(0);
        assertThat(run.timingFault().orElseThrow().limitNanos()).isEqualTo(250 * US);
        assertThat(run.timingFault().orElseThrow().latenessNanos()).isEqualTo(300 * US);
    }

    @Test
    void honoursTheProfilesTolerances() {
        PulsePlan plan = Plans.rtms("1", 5, 1, "0");
        PulseScheduler run = PulseScheduler.builder(plan, trigger).startLeadNanos(0)
                .waiter(new OversleepingWaiter(clock).lateOnWait(2, 400 * US)).tolerances(new TimingTolerances(10, 300)).build();

        assertThat(run.runOnCallerThread()).isEqualTo(SchedulerState.FAULTED);
        assertThat(run.timingFault().orElseThrow().pulseIndex()).isEqualTo(2);
        assertThat(run.timingFault().orElseThrow().limitNanos()).isEqualTo(300 * US);
    }

    @Test
    void noPulseFiresAfterATripBetweenPulses() {
        PulsePlan plan = Plans.rtms("10", 40, 1, "0");
        PulseScheduler run = scheduler(plan).build();
        run.startOnCallerThread();
        stepUntilFired(run, 3);

        assertThat(run.trip(TripCause.INTERLOCK)).isTrue();
        clock.advanceTo(run.nextDeadlineNanos());
        run.doWork();
        clock.advance(10_000 * MS);
        run.doWork();

        assertThat(run.state()).isEqualTo(SchedulerState.STOPPED);
        assertThat(trigger.indexes()).containsExactly(0, 1, 2);
        assertThat(run.latch().cause()).isEqualTo(TripCause.INTERLOCK);
        // the loop's next duty cycle came at pulse 3's deadline, 100 ms of virtual time after the trip
        assertThat(run.stopLatencyNanos()).isEqualTo(100 * MS);
    }

    @Test
    void aTripArrivingDuringTheFinalSpinPreventsThatPulse() {
        PulsePlan plan = Plans.rtms("10", 40, 1, "0");
        InterlockLatch latch = new InterlockLatch(clock);
        // a waiter that reaches pulse 4's deadline and sees the latch trip in the same instant
        DeadlineWaiter tripsAtPulse4 = new DeadlineWaiter() {
            private int waits;

            @Override
            public void awaitDeadline(long deadlineNanos, WakeSignal signal) {
                clock.advanceTo(deadlineNanos);
                if (++waits == 4) {
                    latch.trip(TripCause.LINK_LOSS);
                }
            }

            @Override
            public Clock clock() {
                return clock;
            }

            @Override
            public String alias() {
                return "test";
            }
        };

        PulseScheduler run = PulseScheduler.builder(plan, trigger).waiter(tripsAtPulse4).latch(latch).startLeadNanos(0).build();

        assertThat(run.runOnCallerThread()).isEqualTo(SchedulerState.STOPPED);
        assertThat(trigger.indexes()).containsExactly(0, 1, 2, 3);
        assertThat(run.latch().cause()).isEqualTo(TripCause.LINK_LOSS);
    }

    @Test
    void aTripFromInsideAFireStopsBeforeTheNextPulse() {
        PulsePlan plan = Plans.rtms("10", 40, 1, "0");
        PulseScheduler[] holder = new PulseScheduler[1];
        trigger.onFire(pulse -> {
            if (pulse == 7) {
                holder[0].trip(TripCause.DEVICE_FAULT);
            }
        });
        holder[0] = scheduler(plan).build();

        assertThat(holder[0].runOnCallerThread()).isEqualTo(SchedulerState.STOPPED);
        assertThat(trigger.indexes()).hasSize(8);
        assertThat(holder[0].latch().cause()).isEqualTo(TripCause.DEVICE_FAULT);
    }

    @Test
    void theFirstTripCauseWins() {
        InterlockLatch latch = new InterlockLatch(clock);
        assertThat(latch.trip(TripCause.INTERLOCK)).isTrue();
        assertThat(latch.trip(TripCause.OPERATOR_STOP)).isFalse();
        assertThat(latch.cause()).isEqualTo(TripCause.INTERLOCK);
        assertThat(latch.trippedAtNanos()).isEqualTo(T0);
    }

    @Test
    void pausesAtTheNextTrainBoundaryAndResumesWithTheNextTrain() {
        PulsePlan plan = Plans.builtIn("itbs"); // 20 trains of 30 pulses, 2 s on, 8 s off
        PulseScheduler run = scheduler(plan).startLeadNanos(5 * MS).build();
        run.startOnCallerThread();
        long t0 = run.t0Nanos();
        stepUntilFired(run, 10);

        run.pause(); // in the middle of train 0: the train completes first
        stepUntilFired(run, 30);
        run.doWork();
        assertThat(run.state()).isEqualTo(SchedulerState.PAUSED);
        assertThat(run.nextDeadlineNanos()).isEqualTo(DeadlineWaiter.NO_DEADLINE);

        clock.advance(60_000 * MS);
        assertThat(run.doWork()).isZero();
        assertThat(run.firedCount()).isEqualTo(30);

        long resumedAt = clock.nanoTime();
        run.resume();
        run.doWork();
        assertThat(run.state()).isEqualTo(SchedulerState.RUNNING);
        assertThat(run.nextDeadlineNanos()).isEqualTo(resumedAt + 5 * MS);
        runToEnd(run);

        assertThat(run.state()).isEqualTo(SchedulerState.COMPLETED);
        assertThat(run.journal().actualNanos(30)).isEqualTo(resumedAt + 5 * MS);
        // train 1 keeps its own timing exactly; later trains keep theirs relative to the new t0
        long shift = run.t0Nanos() - t0;
        for (int i = 30; i < plan.pulseCount(); i++) {
            assertThat(run.journal().actualNanos(i)).isEqualTo(t0 + shift + plan.offsetNanos(i));
        }
        assertThat(compressions(run, plan, 0)).isZero();
    }

    @Test
    void aPauseRequestedAndCancelledWithinATrainChangesNothing() {
        PulsePlan plan = Plans.builtIn("itbs");
        PulseScheduler run = scheduler(plan).build();
        run.startOnCallerThread();
        stepUntilFired(run, 5);
        run.pause();
        run.resume();
        runToEnd(run);

        assertThat(run.state()).isEqualTo(SchedulerState.COMPLETED);
        IntStream.range(0, plan.pulseCount()).forEach(i ->
                assertThat(run.journal().latenessNanos(i)).isZero());
    }

    @Test
    void aPausedSchedulerCanBeStopped() {
        PulsePlan plan = Plans.builtIn("itbs");
        PulseScheduler run = scheduler(plan).build();
        run.startOnCallerThread();
        run.pause();
        run.doWork();
        assertThat(run.state()).isEqualTo(SchedulerState.PAUSED);

        run.stop();
        run.doWork();

        assertThat(run.state()).isEqualTo(SchedulerState.STOPPED);
        assertThat(trigger.fires()).isEmpty();
        assertThat(run.latch().cause()).isEqualTo(TripCause.OPERATOR_STOP);
    }

    @Test
    void aThrowingTriggerFaultsTheSchedulerWithoutJournallingThatPulse() {
        PulsePlan plan = Plans.rtms("10", 10, 1, "0");
        trigger.onFire(pulse -> {
            if (pulse == 2) {
                throw new IllegalStateException("serial port gone");
            }
        });

        PulseScheduler run = scheduler(plan).build();

        assertThat(run.runOnCallerThread()).isEqualTo(SchedulerState.FAULTED);
        assertThat(run.latch().cause()).isEqualTo(TripCause.TRIGGER_FAILURE);
        assertThat(run.firedCount()).isEqualTo(2);
        assertThat(run.failure()).get().extracting(Throwable::getMessage).isEqualTo("serial port gone");
        assertThat(run.timingFault()).isEmpty();
    }

    /**
     * A fire command the device did not confirm may or may not have been delivered: it is journaled
     * as unconfirmed (never as delivered), the latch trips on the lost link, and nothing more fires.
     */
    @Test
    void aFireTheDeviceDidNotConfirmIsJournaledUnconfirmedAndNothingMoreFires() {
        PulsePlan plan = Plans.rtms("10", 10, 1, "0");
        List<Integer> fired = new ArrayList<>();
        PulseScheduler run = PulseScheduler.builder(plan, (pulse, output, channel) -> {
            fired.add(pulse);
            return pulse == 3 ? PulseTrigger.UNCONFIRMED : 0;
        }).waiter(new VirtualTimeWaiter(clock)).startLeadNanos(0).build();

        assertThat(run.runOnCallerThread()).isEqualTo(SchedulerState.FAULTED);

        assertThat(fired).containsExactly(0, 1, 2, 3);
        assertThat(run.latch().cause()).isEqualTo(TripCause.LINK_LOSS);
        assertThat(run.unconfirmedPulse()).hasValue(3);
        FireJournal journal = run.journal();
        assertThat(journal.count()).isEqualTo(4);
        assertThat(IntStream.range(0, 4).mapToObj(journal::unconfirmed)).containsExactly(false, false, false, true);
        assertThat(journal.unconfirmedCount()).isEqualTo(1);
        assertThat(journal.refused(3)).isFalse();
    }

    /** An unconfirmed start of a train the device times: the device may run the train, so it is written ahead. */
    @Test
    void anUnconfirmedStartOfADeviceTimedTrainLeavesItsTrainWrittenAhead() {
        PulsePlan plan = Plans.rtms("10", 5, 1, "0");
        PulseScheduler run = PulseScheduler.builder(plan, (pulse, output, channel) -> PulseTrigger.UNCONFIRMED)
                .deviceTimed(afterEachTrainStart(plan)).waiter(new VirtualTimeWaiter(clock)).startLeadNanos(0).build();

        assertThat(run.runOnCallerThread()).isEqualTo(SchedulerState.FAULTED);

        assertThat(run.journal().count()).isEqualTo(1);
        assertThat(run.journal().unconfirmed(0)).isTrue();
        assertThat(run.journal().deliveredIfStoppedBy(Long.MAX_VALUE)).isEqualTo(5);
    }

    @Test
    void recordsLatenessInTheHistogram() {
        PulsePlan plan = Plans.rtms("10", 40, 1, "0");
        PulseScheduler run = PulseScheduler.builder(plan, trigger).startLeadNanos(0)
                .waiter(new OversleepingWaiter(clock).lateOnWait(6, 600 * US)).build();
        run.runOnCallerThread();

        Histogram lateness = run.lateness().intervalHistogram();

        assertThat(lateness.getTotalCount()).isEqualTo(40);
        assertThat(lateness.getMaxValue()).isBetween(599 * US, 601 * US);
        assertThat(lateness.getValueAtPercentile(50)).isZero();
    }

    @Test
    void aSchedulerRunsItsPlanOnce() {
        PulseScheduler run = scheduler(Plans.rtms("10", 2, 1, "0")).build();
        run.runOnCallerThread();
        org.assertj.core.api.Assertions.assertThatIllegalStateException().isThrownBy(run::runOnCallerThread);
    }

    private void stepUntilFired(PulseScheduler run, int count) {
        while (run.firedCount() < count) {
            if (run.doWork() == 0) {
                clock.advanceTo(run.nextDeadlineNanos());
            }
        }
    }

    private void runToEnd(PulseScheduler run) {
        while (!run.state().isTerminal()) {
            if (run.doWork() == 0) {
                clock.advanceTo(run.nextDeadlineNanos());
            }
        }
    }

    private static int compressions(PulseScheduler run, PulsePlan plan, long toleranceNanos) {
        int compressions = 0;
        FireJournal journal = run.journal();
        for (int e = 1; e < journal.count(); e++) {
            long actual = journal.actualNanos(e) - journal.actualNanos(e - 1);
            if (actual < plan.intervalBeforeNanos(journal.pulseIndex(e)) - toleranceNanos) {
                compressions++;
            }
        }
        return compressions;
    }

    private static long shortestActualIntervalNanos(PulseScheduler run) {
        long shortest = Long.MAX_VALUE;
        for (int e = 1; e < run.journal().count(); e++) {
            shortest = Math.min(shortest, run.journal().actualNanos(e) - run.journal().actualNanos(e - 1));
        }
        return shortest;
    }

    @Test
    void whenTheDeviceTimesTrainsTheTriggerStartsEachTrainAndThePulsesAreJournaledAtTheDevicesTimes() {
        PulsePlan plan = Plans.rtms("10", 5, 2, "1");
        // the host wakes 30 ms late for the third pulse of the first train: the device timed it anyway
        PulseScheduler run = PulseScheduler.builder(plan, trigger).startLeadNanos(0).deviceTimed(afterEachTrainStart(plan))
                .waiter(new OversleepingWaiter(clock).lateOnWait(3, 30 * MS)).build();

        assertThat(run.runOnCallerThread()).isEqualTo(SchedulerState.COMPLETED);

        assertThat(trigger.indexes()).containsExactly(0, 5);
        for (int i = 0; i < plan.pulseCount(); i++) {
            assertThat(run.journal().pulseIndex(i)).isEqualTo(i);
            assertThat(run.journal().actualNanos(i)).as("pulse " + i).isEqualTo(T0 + plan.offsetNanos(i));
        }
        assertThat(run.timingFault()).isEmpty();
    }

    @Test
    void aTripMidTrainEndsTheJournalOfADeviceTimedTrain() {
        PulsePlan plan = Plans.rtms("10", 5, 1, "0");
        PulseScheduler run = PulseScheduler.builder(plan, trigger).startLeadNanos(0).deviceTimed(afterEachTrainStart(plan))
                .waiter(new VirtualTimeWaiter(clock)).build();
        run.startOnCallerThread();
        run.doWork(); // starts the train
        clock.advanceTo(T0 + 100 * MS);
        run.doWork(); // pulse 2, timed by the device
        run.trip(TripCause.DEVICE_FAULT);
        clock.advanceTo(T0 + 200 * MS);
        run.doWork();

        assertThat(run.journal().count()).isEqualTo(2);
        assertThat(trigger.indexes()).containsExactly(0);
    }

    /**
     * A device-timed pulse is journaled only once the device is known to have still been running
     * then (its lease renewed by an acknowledged command): behind a silent link its lease may have run
     * out, and a pulse it did not deliver must not enter the record.
     */
    @Test
    void aDeviceTimedPulseBeyondTheDevicesKnownLeaseWaitsForAnAcknowledgementToCoverIt() {
        PulsePlan plan = Plans.rtms("10", 5, 1, "0");
        long[] leaseHeldUntil = {T0 + 150 * MS};
        PulseScheduler run = PulseScheduler.builder(plan, trigger).startLeadNanos(0).deviceTimed(afterEachTrainStart(plan))
                .deviceRunsUntil(() -> leaseHeldUntil[0]).waiter(new VirtualTimeWaiter(clock)).build();
        run.startOnCallerThread();
        run.doWork(); // starts the train
        clock.advanceTo(T0 + 250 * MS);
        while (run.doWork() > 0) {
            // pulses 2 (100 ms) is covered, pulse 3 (200 ms) is not
        }
        assertThat(run.journal().count()).isEqualTo(2);

        leaseHeldUntil[0] = T0 + 1_150 * MS; // the next status reply renewed the lease
        clock.advanceTo(T0 + 260 * MS);
        while (run.doWork() > 0) {
            // pulse 3 now covered
        }
        assertThat(run.journal().count()).isEqualTo(3);
        assertThat(run.journal().actualNanos(2) - run.journal().actualNanos(0)).isEqualTo(200 * MS);
    }

    /**
     * The rest of a device-timed train is written ahead at the train's start, at the device's times,
     * so a record closed without the host can hold what the device delivered before it stopped.
     */
    @Test
    void theRestOfADeviceTimedTrainIsWrittenAheadAtItsStartAtTheDevicesTimes() {
        PulsePlan plan = Plans.rtms("10", 5, 2, "1"); // trains of 5 at 10 Hz, 1 s apart
        PulseScheduler run = PulseScheduler.builder(plan, trigger).startLeadNanos(0).deviceTimed(afterEachTrainStart(plan))
                .waiter(new VirtualTimeWaiter(clock)).build();
        run.startOnCallerThread();
        run.doWork(); // starts train 1: pulses 2..5 written ahead, unpublished
        FireJournal journal = run.journal();
        assertThat(journal.count()).isEqualTo(1);
        assertThat(journal.expectedEnd()).isEqualTo(5); // not into train 2: the host starts it
        long left = journal.actualNanos(0);
        for (int entry = 1; entry < 5; entry++) {
            assertThat(journal.pulseIndex(entry)).isEqualTo(entry);
            assertThat(journal.actualNanos(entry)).isEqualTo(left + entry * 100 * MS);
        }
        assertThat(journal.deliveredIfStoppedBy(left + 250 * MS)).isEqualTo(3); // the device stopped after pulse 3
        assertThat(journal.deliveredIfStoppedBy(Long.MAX_VALUE)).isEqualTo(5); // it ran its train out

        clock.advanceTo(T0 + 100 * MS);
        run.doWork(); // pulse 2's time passed: the same entry, now published
        assertThat(journal.count()).isEqualTo(2);
        assertThat(journal.actualNanos(1)).isEqualTo(left + 100 * MS);
        assertThat(journal.deliveredIfStoppedBy(left + 250 * MS)).isEqualTo(3);
    }

    @Test
    void catchingUpAfterALatePulseNeverGoesBelowTheIntervalTheDeviceAccepts() {
        PulsePlan plan = Plans.rtms("50", 20, 1, "0"); // 20 ms apart: a device at its 50 Hz limit
        long[] floors = new long[plan.pulseCount()];
        java.util.Arrays.fill(floors, 1, floors.length, 20 * MS);
        PulseScheduler run = PulseScheduler.builder(plan, trigger).startLeadNanos(0).intervalFloors(floors)
                .waiter(new OversleepingWaiter(clock).lateOnWait(4, 600 * US)).build();

        assertThat(run.runOnCallerThread()).isEqualTo(SchedulerState.COMPLETED);
        assertThat(shortestActualIntervalNanos(run)).isEqualTo(20 * MS); // without floors: 20 ms - 50 µs
    }

    private static boolean[] afterEachTrainStart(PulsePlan plan) {
        boolean[] deviceTimed = new boolean[plan.pulseCount()];
        for (int pulse = 0; pulse < plan.pulseCount(); pulse++) {
            deviceTimed[pulse] = plan.trainFirstPulse(plan.trainOf(pulse)) != pulse;
        }
        return deviceTimed;
    }
}
