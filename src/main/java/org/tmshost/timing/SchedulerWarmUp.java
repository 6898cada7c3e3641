package org.tmshost.timing;

import org.tmshost.device.PulseTrigger;
import org.tmshost.protocol.Intensity;
import org.tmshost.protocol.PulsePlan;
import org.tmshost.protocol.Rtms;

import java.math.BigDecimal;
import java.util.SplittableRandom;

/**
 * Trains the JIT on the pulse loop before a session, so that the session's first pulses do not run
 * while HotSpot throws away and recompiles the loop. No pulse reaches a device: the triggers do
 * nothing.
 *
 * <p>Why: compiled code is speculative. A loop compiled on the virtual clock alone saw one clock,
 * one waiter, one trigger class, zero lateness and no wake-up before a deadline; the first real
 * session broke every one of those assumptions, and HotSpot deoptimised {@code fireNext},
 * {@code doWork}, {@code HybridWaiter.awaitDeadline} and {@code LatenessRecorder.record} at the
 * session's first pulse (seen with {@code -Xlog:jit+compilation=debug}, "made not entrant" within
 * 2 ms of t0, and the pulse about 1 ms late). So the warm-up shows the loop what a session does:
 * <ol>
 * <li>virtual passes with lateness drawn like a real host's (mostly µs, sometimes hundreds), wake
 *     signals checked, and triggers of several classes reporting every kind of emission time, so
 *     the trigger call stays a plain interface call whatever device the session drives;</li>
 * <li>a real-time pass on the session's own {@link SystemClock} and {@link HybridWaiter} (parking
 *     and spinning) for about 0.3 s;</li>
 * <li>virtual passes again, so the loop is recompiled with everything it has now seen.</li>
 * </ol>
 * It also moves to before the session the few hundred bytes to few KB that the VM allocates on
 * the running thread while it compiles (docs/timing.md). It takes about half a second.
 */
public final class SchedulerWarmUp {
    public static final int DEFAULT_PULSES = 100_000;
    private static final int PULSES_PER_RUN = 1_000;
    private static final int REAL_TIME_PULSES = 150;
    private static final long REAL_TIME_INTERVAL_NANOS = 2_000_000L;
    private static final long REAL_TIME_SPIN_WINDOW_NANOS = 500_000L;
    private static final PulseTrigger[] TRIGGERS = {new InstantTrigger(), new LineHoldingTrigger(), new SilentTrigger()};

    private SchedulerWarmUp() {
    }

    /** Runs about {@code pulses} no-op pulses on virtual clocks around a short real-time pass. */
    public static void run(int pulses) {
        SplittableRandom random = new SplittableRandom(1);
        virtualPasses(pulses / 2, random);
        realTimePass();
        virtualPasses(pulses - pulses / 2, random);
    }

    /** {@link #run(int)} with {@link #DEFAULT_PULSES}. */
    public static void run() {
        run(DEFAULT_PULSES);
    }

    private static void virtualPasses(int pulses, SplittableRandom random) {
        PulsePlan plan = plan("100", PULSES_PER_RUN / 10); // 10 ms intervals: a 1 ms lateness limit
        for (int done = 0, run = 0; done < pulses; done += plan.pulseCount(), run++) {
            VirtualClock clock = new VirtualClock(0);
            PulseScheduler.builder(plan, TRIGGERS[run % TRIGGERS.length])
                    .waiter(new LateVirtualWaiter(clock, random.split())).startLeadNanos(0).build().runOnCallerThread();
        }
    }

    /** The session's clock and waiter, for real; a fault here (a loaded host) only ends the pass early. */
    private static void realTimePass() {
        PulsePlan plan = plan(String.valueOf(1_000_000_000L / REAL_TIME_INTERVAL_NANOS), REAL_TIME_PULSES / 10);
        PulseScheduler.builder(plan, TRIGGERS[0])
                .waiter(new HybridWaiter(SystemClock.INSTANCE, REAL_TIME_SPIN_WINDOW_NANOS))
                .startLeadNanos(REAL_TIME_INTERVAL_NANOS).build().runOnCallerThread();
    }

    /** Ten trains of {@code pulsesPerTrain} pulses at {@code hz}, 10 ms apart. */
    private static PulsePlan plan(String hz, int pulsesPerTrain) {
        return new Rtms("warm-up", "synthetic", new BigDecimal(hz), pulsesPerTrain, 10, new BigDecimal("0.01"),
                new Intensity.Absolute(BigDecimal.ONE)).expand(intensity -> 1);
    }

    /**
     * Waits on a virtual clock and wakes late as a real host does: within 20 µs nine times in ten,
     * up to 400 µs most other times, up to 900 µs rarely (below the 1 ms limit).
     */
    private static final class LateVirtualWaiter implements DeadlineWaiter {
        private final VirtualClock clock;
        private final SplittableRandom random;

        LateVirtualWaiter(VirtualClock clock, SplittableRandom random) {
            this.clock = clock;
            this.random = random;
        }

        @Override
        public void awaitDeadline(long deadlineNanos, WakeSignal signal) {
            if (signal.isRaised() || deadlineNanos == NO_DEADLINE) {
                return;
            }
            int draw = random.nextInt(1000);
            long lateNanos = draw < 900 ? random.nextLong(20_000) : draw < 995 ? random.nextLong(400_000)
                    : random.nextLong(900_000);
            clock.advanceTo(deadlineNanos + lateNanos);
        }

        @Override
        public Clock clock() {
            return clock;
        }

        @Override
        public String alias() {
            return "warm-up";
        }
    }

    /** Reports that its pulse left as it returned (the in-process simulator). */
    private static final class InstantTrigger implements PulseTrigger {
        @Override
        public long fire(int pulseIndex, int outputPercentMso, int channel) {
            return 0L;
        }
    }

    /** Reports that it held its line 100 µs after the pulse left (a TTL pulse). */
    private static final class LineHoldingTrigger implements PulseTrigger {
        @Override
        public long fire(int pulseIndex, int outputPercentMso, int channel) {
            return 100_000L;
        }
    }

    /** Cannot tell when its pulse left (a fire command written to a port). */
    private static final class SilentTrigger implements PulseTrigger {
        @Override
        public long fire(int pulseIndex, int outputPercentMso, int channel) {
            return EMISSION_UNKNOWN;
        }
    }
}
