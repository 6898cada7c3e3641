package org.tmshost.timing.jmh;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.tmshost.timing.BusySpinWaiter;
import org.tmshost.timing.HybridWaiter;
import org.tmshost.timing.SystemClock;
import org.tmshost.timing.WakeSignal;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The cost of waiting for a deadline {@code waitMicros} ahead with each strategy. In SampleTime mode
 * each sample is the whole call, so (sample - waitMicros) is the lateness distribution: compare
 * {@code hybrid} with {@code spin} (the limit) and {@code park} (no spin window). Run with
 * {@code ./mvnw -Pjmh compile exec:exec -Djmh.args="WaitStrategyBenchmark -prof gc"} (docs/timing.md).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 4)
@Fork(1)
public class WaitStrategyBenchmark {
    @Param({"500", "5000"})
    long waitMicros;

    @Param({"200", "2000"})
    long spinWindowMicros;

    private HybridWaiter hybrid;
    private BusySpinWaiter spin;
    private long waitNanos;

    @Setup
    public void setUp() {
        hybrid = new HybridWaiter(SystemClock.INSTANCE, spinWindowMicros * 1_000);
        spin = new BusySpinWaiter(SystemClock.INSTANCE);
        waitNanos = waitMicros * 1_000;
    }

    /** Park until the spin window, then spin: what the pulse thread does. */
    @Benchmark
    public long hybrid() {
        long deadline = System.nanoTime() + waitNanos;
        hybrid.awaitDeadline(deadline, WakeSignal.NEVER);
        return System.nanoTime() - deadline;
    }

    /** Spin the whole way: the lower bound on lateness, a full core of CPU. */
    @Benchmark
    public long spin() {
        long deadline = System.nanoTime() + waitNanos;
        spin.awaitDeadline(deadline, WakeSignal.NEVER);
        return System.nanoTime() - deadline;
    }

    /** Park only (no spin window): the timer-slack and wake-up latency that the spin window hides. */
    @Benchmark
    public long park() {
        long deadline = System.nanoTime() + waitNanos;
        long remaining;
        while ((remaining = deadline - System.nanoTime()) > 0) {
            LockSupport.parkNanos(remaining);
        }
        return System.nanoTime() - deadline;
    }
}
