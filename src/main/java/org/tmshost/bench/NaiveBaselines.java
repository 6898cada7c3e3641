package org.tmshost.bench;

import org.tmshost.protocol.PulsePlan;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The approaches tmshost is compared with, written the way one naively would. Each returns its t0
 * (pulse i is planned at t0 + offsetNanos(i)) after the last pulse fired.
 */
final class NaiveBaselines {
    static final long START_LEAD_NANOS = 10_000_000L;
    /** How long before a deadline the sleep-then-spin baseline stops sleeping. */
    static final long SLEEP_MARGIN_NANOS = 200_000_000L;

    private NaiveBaselines() {
    }

    /** A ScheduledExecutorService with every pulse scheduled up front at its absolute delay. */
    static long scheduledExecutor(PulsePlan plan, ProbeTrigger probe) throws InterruptedException {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "baseline-scheduled-executor");
            thread.setDaemon(true);
            return thread;
        });
        long t0 = System.nanoTime() + START_LEAD_NANOS;
        for (int i = 0; i < plan.pulseCount(); i++) {
            int pulse = i;
            long delay = t0 + plan.offsetNanos(pulse) - System.nanoTime();
            executor.schedule(() -> probe.fire(pulse, plan.outputPercentMso(pulse), plan.channel(pulse)),
                    delay, TimeUnit.NANOSECONDS);
        }
        executor.shutdown();
        executor.awaitTermination(1, TimeUnit.HOURS);
        return t0;
    }

    /** A loop that sleeps until each absolute deadline (Thread.sleep rounds to ms before JDK 21). */
    static long threadSleep(PulsePlan plan, ProbeTrigger probe) throws InterruptedException {
        return firingLoop("baseline-thread-sleep", plan, probe, deadline -> {
            long remaining;
            while ((remaining = deadline - System.nanoTime()) > 0) {
                Thread.sleep(remaining / 1_000_000, (int) (remaining % 1_000_000));
            }
        });
    }

    /**
     * What experiment software does (PsychoPy's {@code core.wait}, MATLAB's {@code WaitSecs}): sleep
     * until about 200 ms before each deadline, then spin.
     */
    static long sleepThenSpin(PulsePlan plan, ProbeTrigger probe) throws InterruptedException {
        return firingLoop("baseline-sleep-then-spin", plan, probe, deadline -> {
            long sleepFor = deadline - SLEEP_MARGIN_NANOS - System.nanoTime();
            if (sleepFor > 0) {
                Thread.sleep(sleepFor / 1_000_000, (int) (sleepFor % 1_000_000));
            }
            spinUntil(deadline);
        });
    }

    /** The limit: spin on System.nanoTime from pulse to pulse, burning a core. */
    static long busySpin(PulsePlan plan, ProbeTrigger probe) throws InterruptedException {
        return firingLoop("baseline-busy-spin", plan, probe, NaiveBaselines::spinUntil);
    }

    private static void spinUntil(long deadline) {
        while (deadline - System.nanoTime() > 0) {
            Thread.onSpinWait();
        }
    }

    /** How a baseline waits for an absolute deadline on {@link System#nanoTime}. */
    @FunctionalInterface
    private interface Waiting {
        void until(long deadlineNanos) throws InterruptedException;
    }

    /** Fires the plan on a thread of its own, waiting for each pulse's absolute deadline; returns t0. */
    private static long firingLoop(String name, PulsePlan plan, ProbeTrigger probe, Waiting waiting)
            throws InterruptedException {
        long[] t0 = new long[1];
        Thread thread = new Thread(() -> {
            long start = System.nanoTime() + START_LEAD_NANOS;
            t0[0] = start;
            try {
                for (int i = 0; i < plan.pulseCount(); i++) {
                    waiting.until(start + plan.offsetNanos(i));
                    probe.fire(i, plan.outputPercentMso(i), plan.channel(i));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, name);
        thread.start();
        thread.join();
        return t0[0];
    }
}
