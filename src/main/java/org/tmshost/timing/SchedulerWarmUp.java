package org.tmshost.timing;

import org.tmshost.protocol.Intensity;
import org.tmshost.protocol.PulsePlan;
import org.tmshost.protocol.Rtms;

import java.math.BigDecimal;

/**
 * Drives the scheduler's code paths through the JIT before a session, on the calling thread and on
 * the virtual clock (no pulse reaches a device: the trigger is a no-op).
 *
 * <p>Why: the pulse thread's code allocates nothing in steady state, but while HotSpot is still
 * compiling and recompiling it (tiered compilation, deoptimisation, first-time constant-pool
 * resolution) the VM allocated a few hundred bytes to a few KB on the pulse thread in total,
 * spread over roughly the first 40,000 pulses in a fresh JVM (measured on JDK 17,
 * docs/timing.md). Running {@link #DEFAULT_PULSES} virtual pulses first moves that to before the
 * session, where it costs about 100 ms and no timing.
 */
public final class SchedulerWarmUp {
    public static final int DEFAULT_PULSES = 100_000;
    private static final int PULSES_PER_RUN = 10_000;

    private SchedulerWarmUp() {
    }

    /** Runs {@code pulses} no-op pulses through schedulers on a virtual clock, and spins a hybrid waiter briefly. */
    public static void run(int pulses) {
        PulsePlan plan = new Rtms("warm-up", "synthetic", BigDecimal.valueOf(1000), PULSES_PER_RUN / 10, 10,
                new BigDecimal("0.01"), new Intensity.Absolute(BigDecimal.ONE)).expand(intensity -> 1);
        for (int done = 0; done < pulses; done += plan.pulseCount()) {
            VirtualClock clock = new VirtualClock(0);
            PulseScheduler.builder(plan, (pulse, output, channel) -> 0L)
                    .waiter(new VirtualTimeWaiter(clock)).startLeadNanos(0).build().runOnCallerThread();
        }
        HybridWaiter waiter = new HybridWaiter(SystemClock.INSTANCE, 5_000);
        for (int i = 0; i < 20_000; i++) {
            waiter.awaitDeadline(System.nanoTime() + 2_000, WakeSignal.NEVER);
        }
    }

    /** {@link #run(int)} with {@link #DEFAULT_PULSES}. */
    public static void run() {
        run(DEFAULT_PULSES);
    }
}
