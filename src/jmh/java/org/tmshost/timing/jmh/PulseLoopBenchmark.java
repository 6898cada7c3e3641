package org.tmshost.timing.jmh;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.tmshost.protocol.Intensity;
import org.tmshost.protocol.PulsePlan;
import org.tmshost.protocol.Rtms;
import org.tmshost.timing.PulseScheduler;
import org.tmshost.timing.VirtualClock;
import org.tmshost.timing.VirtualTimeWaiter;

import java.math.BigDecimal;
import java.util.concurrent.TimeUnit;

/**
 * Host-side cost per pulse of the scheduler loop (deadline, latch checks, journal, histogram),
 * measured on the virtual clock so no waiting is included; also the dry-run speed.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class PulseLoopBenchmark {
    private static final int PULSES = 3_000;
    private PulsePlan plan;

    @Setup
    public void setUp() {
        plan = new Rtms("jmh", "jmh", BigDecimal.TEN, 40, 75, BigDecimal.valueOf(26),
                new Intensity.Absolute(BigDecimal.valueOf(40))).expand(intensity -> 40);
    }

    /** Nanoseconds per pulse for a 3000-pulse, 37.5-minute plan run on the virtual clock. */
    @Benchmark
    @OperationsPerInvocation(PULSES)
    public void dryRunPerPulse(Blackhole blackhole) {
        VirtualClock clock = new VirtualClock(0);
        PulseScheduler scheduler = PulseScheduler.builder(plan, (pulse, output, channel) -> {
            blackhole.consume(pulse);
            return 0L;
        })
                .waiter(new VirtualTimeWaiter(clock)).startLeadNanos(0).build();
        blackhole.consume(scheduler.runOnCallerThread());
    }
}
