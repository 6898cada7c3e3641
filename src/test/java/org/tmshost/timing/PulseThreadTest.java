package org.tmshost.timing;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.tmshost.device.PulseTrigger;
import org.tmshost.profile.TimingTolerances;
import org.tmshost.protocol.PulsePlan;

import java.lang.management.ManagementFactory;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dedicated pulse thread: allocation, trips while it waits, naming. Asserts bytes and states,
 * never durations (only generous timeouts so a broken build cannot hang).
 */
@Tag("unit")
class PulseThreadTest {
    /** Real-clock tests must not fault on a loaded CI machine: limit = 10% of the interval (50 ms at 2 Hz). */
    private static final TimingTolerances LENIENT = new TimingTolerances(50, 1_000_000);
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** Reads the pulse thread's own allocation counter from inside the trigger, at two pulses. */
    private static final class AllocationProbe implements PulseTrigger {
        private final int fromPulse;
        private final int toPulse;
        private long bytesAtFrom = -1;
        private long bytesAtTo = -1;
        private long probeCostBytes = -1;
        private volatile boolean done;
        private String threadName;

        AllocationProbe(int fromPulse, int toPulse) {
            this.fromPulse = fromPulse;
            this.toPulse = toPulse;
        }

        @Override
        public long fire(int pulseIndex, int outputPercentMso, int channel) {
            if (pulseIndex == fromPulse) {
                long first = THREADS.getCurrentThreadAllocatedBytes();
                long second = THREADS.getCurrentThreadAllocatedBytes();
                probeCostBytes = second - first;
                bytesAtFrom = THREADS.getCurrentThreadAllocatedBytes();
                threadName = Thread.currentThread().getName();
            } else if (pulseIndex == toPulse) {
                bytesAtTo = THREADS.getCurrentThreadAllocatedBytes();
                done = true;
            }
            return 0;
        }
    }

    @Test
    void thePulseThreadAllocatesNothingOverA10000PulsePlanAfterWarmUp() throws InterruptedException {
        assertThat(THREADS.isThreadAllocatedMemorySupported()).isTrue();
        THREADS.setThreadAllocatedMemoryEnabled(true);
        PulsePlan plan = Plans.rtms("1000", 10_000, 1, "0");
        // warm-up: JIT tier transitions and deoptimisation (e.g. when a new trigger class appears)
        // make the VM allocate a few hundred bytes on the running thread in a fresh JVM
        SchedulerWarmUp.run();
        for (int i = 0; i < 3; i++) {
            PulseScheduler warmUp = PulseScheduler.builder(plan, new AllocationProbe(100, plan.pulseCount() - 1))
                    .waiter(new VirtualTimeWaiter(new VirtualClock(0))).build();
            warmUp.start();
            warmUp.awaitTermination(60_000);
        }
        AllocationProbe probe = new AllocationProbe(100, plan.pulseCount() - 1);
        VirtualClock clock = new VirtualClock(0);
        PulseScheduler run = PulseScheduler.builder(plan, probe).waiter(new VirtualTimeWaiter(clock)).build();

        run.start();
        assertThat(run.awaitTermination(60_000)).isTrue();

        assertThat(run.state()).isEqualTo(SchedulerState.COMPLETED);
        assertThat(probe.done).isTrue();
        assertThat(probe.threadName).isEqualTo(PulseScheduler.DEFAULT_THREAD_NAME);
        assertThat(probe.probeCostBytes).isZero();
        assertThat(probe.bytesAtTo - probe.bytesAtFrom).as("bytes allocated by the pulse thread, pulses 100..9999").isZero();
    }

    @Test
    void theHybridWaiterAllocatesNothingWhileParkingAndSpinningOnTheSystemClock() {
        THREADS.setThreadAllocatedMemoryEnabled(true);
        SchedulerWarmUp.run();
        HybridWaiter waiter = new HybridWaiter(SystemClock.INSTANCE, 100_000);
        for (int i = 0; i < 3_000; i++) { // warm-up
            waiter.awaitDeadline(System.nanoTime() + 150_000, WakeSignal.NEVER);
        }
        long before = THREADS.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 2_000; i++) { // park ~50 µs then spin ~100 µs, each time
            waiter.awaitDeadline(System.nanoTime() + 150_000, WakeSignal.NEVER);
        }
        long after = THREADS.getCurrentThreadAllocatedBytes();

        assertThat(after - before).isZero();
    }

    @Test
    void aTripWhileThePulseThreadIsParkedStopsItBeforeTheNextPulse() throws InterruptedException {
        PulsePlan plan = Plans.rtms("1", 10, 1, "0"); // 1 s to the second pulse: the thread is parked
        CountDownLatch firstFired = new CountDownLatch(1);
        RecordingTrigger trigger = new RecordingTrigger(SystemClock.INSTANCE).onFire(pulse -> firstFired.countDown());
        PulseScheduler run = PulseScheduler.builder(plan, trigger).tolerances(LENIENT).build();

        run.start();
        assertThat(firstFired.await(30, TimeUnit.SECONDS)).isTrue();
        run.stop();
        assertThat(run.awaitTermination(30_000)).isTrue();

        assertThat(run.state()).isEqualTo(SchedulerState.STOPPED);
        assertThat(trigger.indexes()).containsExactly(0);
        assertThat(run.latch().cause()).isEqualTo(TripCause.OPERATOR_STOP);
        assertThat(run.stopLatencyNanos()).isNotNegative();
    }

    @Test
    void aTripBeforeTheFirstDeadlineFiresNothing() throws InterruptedException {
        PulsePlan plan = Plans.rtms("1", 10, 1, "0");
        RecordingTrigger trigger = new RecordingTrigger(SystemClock.INSTANCE);
        PulseScheduler run = PulseScheduler.builder(plan, trigger).startLeadNanos(5_000_000_000L).build();

        run.start();
        run.trip(TripCause.INTERLOCK);
        assertThat(run.awaitTermination(30_000)).isTrue();

        assertThat(run.state()).isEqualTo(SchedulerState.STOPPED);
        assertThat(trigger.fires()).isEmpty();
    }

    @Test
    void aPausedPulseThreadResumesAndCanBeStopped() throws InterruptedException {
        PulsePlan plan = Plans.rtms("2", 2, 50, "0.5"); // trains of 2 pulses; limit 10% of 500 ms
        CountDownLatch firstTrainDone = new CountDownLatch(2);
        RecordingTrigger trigger = new RecordingTrigger(SystemClock.INSTANCE).onFire(pulse -> firstTrainDone.countDown());
        PulseScheduler run = PulseScheduler.builder(plan, trigger).tolerances(LENIENT).build();
        run.pause(); // before start: pauses at train 0

        run.start();
        waitForState(run, SchedulerState.PAUSED);
        assertThat(trigger.fires()).isEmpty();
        run.resume();
        assertThat(firstTrainDone.await(30, TimeUnit.SECONDS)).as("first train fired: %s %s %s", run,
                run.timingFault(), run.failure()).isTrue();
        run.pause();
        waitForState(run, SchedulerState.PAUSED);
        int firedWhenPaused = run.firedCount();
        assertThat(firedWhenPaused % 2).isZero();
        run.stop();
        assertThat(run.awaitTermination(30_000)).isTrue();

        assertThat(run.state()).isEqualTo(SchedulerState.STOPPED);
        assertThat(trigger.fires()).hasSize(firedWhenPaused);
    }

    private static void waitForState(PulseScheduler run, SchedulerState state) throws InterruptedException {
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (run.state() != state && System.nanoTime() - giveUp < 0) {
            TimeUnit.MILLISECONDS.sleep(1);
        }
        assertThat(run.state()).isEqualTo(state);
    }
}
