package org.tmshost.bench;

import org.tmshost.profile.TimingTolerances;
import org.tmshost.protocol.Intensity;
import org.tmshost.protocol.PairedPulse;
import org.tmshost.protocol.PulsePlan;
import org.tmshost.protocol.Rtms;
import org.tmshost.protocol.ThetaBurst;
import org.tmshost.timing.HybridWaiter;
import org.tmshost.timing.PulseScheduler;
import org.tmshost.timing.RealTime;
import org.tmshost.timing.SchedulerState;
import org.tmshost.timing.SchedulerWarmUp;
import org.tmshost.timing.SpinWindowCalibration;
import org.tmshost.timing.SystemClock;
import org.tmshost.timing.TimingFault;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntFunction;

/**
 * {@code tmshost bench timing}: for each pattern, in one process and one run, the tmshost scheduler
 * (with a link and a recorder thread busy in the background), the two naive baselines and the
 * busy-spin limit; then the stop latency (trip to pulse thread halted). See docs/timing.md.
 */
public final class TimingBench {
    public static final String TMSHOST = "tmshost";
    public static final String SCHEDULED_EXECUTOR = "scheduled-executor";
    public static final String THREAD_SLEEP = "thread-sleep";
    public static final String BUSY_SPIN = "busy-spin";
    public static final String SLEEP_THEN_SPIN = "sleep-then-spin";
    public static final List<String> APPROACHES = List.of(TMSHOST, SCHEDULED_EXECUTOR, THREAD_SLEEP, SLEEP_THEN_SPIN,
            BUSY_SPIN);
    public static final List<String> PATTERNS = List.of("rtms-1hz", "rtms-10hz", "rtms-20hz", "itbs", "paired-2.5ms");

    /** The bench measures whole plans: it never stops on lateness, it counts what would have faulted. */
    private static final TimingTolerances MEASURE_ONLY = new TimingTolerances(50, 60_000_000);
    private static final long EARLY_TOLERANCE_NANOS = TimingTolerances.DEFAULT.earlyToleranceMicros() * 1_000;
    private static final long DEFAULT_LIMIT_NANOS = TimingTolerances.DEFAULT.latenessLimitMicros() * 1_000;
    private static final Intensity MSO_40 = new Intensity.Absolute(BigDecimal.valueOf(40));
    private static final int STOP_TRIALS = 20;
    private static final double FIXED_OVERHEAD_SECONDS = 6;

    /** What one bench run measured. */
    public record Result(List<BenchRun> runs, SpinWindowCalibration calibration, long spinWindowNanos,
                         long[] stopLatenciesNanos, int pulsesAfterTrip, String jvm, long keepAlives,
                         long recorderRows, long gcCount, long gcMillis, double seconds, String loadAverage,
                         String realTime) {
    }

    private final double budgetSeconds;
    private final long spinWindowOverrideNanos;
    private final RealTime.Request realTimeRequest;
    private final int minPulses;
    private volatile String realTimeGranted = "not requested";

    /**
     * @param budgetSeconds           total wall-time budget, about 60 by default
     * @param spinWindowOverrideNanos a fixed spin window, or -1 to calibrate
     */
    public TimingBench(double budgetSeconds, long spinWindowOverrideNanos) {
        this(budgetSeconds, spinWindowOverrideNanos, 0, -1, 0);
    }

    /**
     * @param fifoPriority SCHED_FIFO priority for the tmshost pulse thread (1..99), 0 for none
     * @param cpu          core to pin the tmshost pulse thread to, -1 for none
     * @param minPulses    each pattern's plan has at least this many pulses (p99 needs 1000)
     */
    public TimingBench(double budgetSeconds, long spinWindowOverrideNanos, int fifoPriority, int cpu, int minPulses) {
        if (budgetSeconds < 10) {
            throw new IllegalArgumentException("the bench needs at least 10 s");
        }
        this.budgetSeconds = budgetSeconds;
        this.spinWindowOverrideNanos = spinWindowOverrideNanos;
        this.realTimeRequest = fifoPriority > 0
                ? new RealTime.Request(fifoPriority, cpu >= 0 ? OptionalInt.of(cpu) : OptionalInt.empty()) : null;
        this.minPulses = minPulses;
    }

    public Result run() throws InterruptedException {
        long started = System.nanoTime();
        long gcCountBefore = gcCount();
        long gcMillisBefore = gcMillis();
        List<BenchRun> runs = new ArrayList<>();
        try (BackgroundLoad load = new BackgroundLoad()) {
            SchedulerWarmUp.run();
            SpinWindowCalibration calibration = SpinWindowCalibration.measure();
            long spinWindowNanos = spinWindowOverrideNanos >= 0 ? spinWindowOverrideNanos : calibration.spinWindowNanos();
            warmUpRealTime(spinWindowNanos);

            double perApproachSeconds = (budgetSeconds - FIXED_OVERHEAD_SECONDS) / (APPROACHES.size() * 8.0);
            for (String pattern : PATTERNS) {
                double seconds = pattern.equals("rtms-1hz") ? 4 * perApproachSeconds : perApproachSeconds;
                PulsePlan plan = plan(pattern, Math.max(seconds, secondsFor(pattern, minPulses)));
                for (String approach : APPROACHES) {
                    runs.add(measure(pattern, approach, plan, spinWindowNanos, load));
                }
            }
            long[] stops = new long[STOP_TRIALS];
            int pulsesAfterTrip = stopLatencies(spinWindowNanos, load, stops);
            return new Result(runs, calibration, spinWindowNanos, stops, pulsesAfterTrip, jvmDescription(),
                    load.keepAlives(), load.rowsRecorded(), gcCount() - gcCountBefore, gcMillis() - gcMillisBefore,
                    (System.nanoTime() - started) / 1e9, loadAverage(), realTimeGranted);
        }
    }

    /** The bench's plan for a pattern, about {@code seconds} long. */
    static PulsePlan plan(String pattern, double seconds) {
        switch (pattern) {
            case "rtms-1hz":
                return rtms("1", pulses(seconds, 1));
            case "rtms-10hz":
                return rtms("10", pulses(seconds, 10));
            case "rtms-20hz":
                return rtms("20", pulses(seconds, 20));
            case "itbs": // 3 pulses at 50 Hz every 200 ms, one train
                return new ThetaBurst("bench itbs", "bench", 3, BigDecimal.valueOf(50), BigDecimal.valueOf(5),
                        Math.max(2, pulses(seconds, 5)), 1, BigDecimal.ZERO, MSO_40).expand(intensity -> 40);
            case "paired-2.5ms": // pairs every 250 ms (a session spaces them 5 s apart)
                return new PairedPulse("bench paired", "bench", new BigDecimal("2.5"), MSO_40, MSO_40,
                        Math.max(2, pulses(seconds, 4)), new BigDecimal("0.25")).expand(intensity -> 40);
            default:
                throw new IllegalArgumentException("unknown pattern " + pattern + "; known: " + PATTERNS);
        }
    }

    /** How long a pattern's plan runs to hold {@code pulses} pulses. */
    static double secondsFor(String pattern, int pulses) {
        double hz = switch (pattern) {
            case "rtms-1hz" -> 1;
            case "rtms-10hz" -> 10;
            case "rtms-20hz" -> 20;
            case "itbs" -> 15; // 3 pulses per burst, 5 bursts a second
            default -> 8; // pairs every 250 ms
        };
        return pulses / hz;
    }

    private static int pulses(double seconds, double hz) {
        return Math.max(2, (int) Math.floor(seconds * hz) + 1);
    }

    private static PulsePlan rtms(String hz, int pulses) {
        return new Rtms("bench rtms", "bench", new BigDecimal(hz), pulses, 1, BigDecimal.ZERO, MSO_40).expand(intensity -> 40);
    }

    private BenchRun measure(String pattern, String approach, PulsePlan plan, long spinWindowNanos,
                             BackgroundLoad load) throws InterruptedException {
        ProbeTrigger probe = new ProbeTrigger(plan.pulseCount());
        long t0;
        TimingFault fault = null;
        switch (approach) {
            case TMSHOST: {
                PulseScheduler scheduler = scheduler(plan, probe, spinWindowNanos);
                load.watch(scheduler.journal(), probe);
                scheduler.start();
                scheduler.awaitTermination(3_600_000);
                if (scheduler.state() != SchedulerState.COMPLETED) {
                    fault = scheduler.timingFault().orElseThrow(() -> new IllegalStateException(
                            "bench scheduler ended " + scheduler.state() + ": " + scheduler + " " + scheduler.failure()));
                }
                t0 = scheduler.t0Nanos();
                break;
            }
            case SCHEDULED_EXECUTOR:
                load.watch(null, probe);
                t0 = NaiveBaselines.scheduledExecutor(plan, probe);
                break;
            case THREAD_SLEEP:
                load.watch(null, probe);
                t0 = NaiveBaselines.threadSleep(plan, probe);
                break;
            case BUSY_SPIN:
                load.watch(null, probe);
                t0 = NaiveBaselines.busySpin(plan, probe);
                break;
            case SLEEP_THEN_SPIN:
                load.watch(null, probe);
                t0 = NaiveBaselines.sleepThenSpin(plan, probe);
                break;
            default:
                throw new IllegalArgumentException(approach);
        }
        load.watch(null, null);
        return summarise(pattern, approach, plan, probe, t0, fault);
    }

    private PulseScheduler scheduler(PulsePlan plan, ProbeTrigger probe, long spinWindowNanos) {
        return PulseScheduler.builder(plan, probe)
                .onThreadStart(() -> {
                    if (realTimeRequest != null) { // as a session's pulse thread asks for it
                        realTimeGranted = RealTime.promoteCurrentThread(realTimeRequest).describe();
                    }
                })
                .waiter(new HybridWaiter(SystemClock.INSTANCE, spinWindowNanos))
                .tolerances(MEASURE_ONLY)
                .build();
    }

    /**
     * Statistics over the fired pulses; a timing fault (the scheduler refused a pulse later than 10%
     * of its interval) ends the run early and its pulse counts as a sample with the lateness found.
     */
    static BenchRun summarise(String pattern, String approach, PulsePlan plan, ProbeTrigger probe, long t0,
                              TimingFault fault) {
        int fired = fault == null ? plan.pulseCount() : fault.pulseIndex();
        int n = fault == null ? fired : fired + 1;
        long[] lateness = new long[n];
        int compressions = 0;
        int overLimit = 0;
        if (fault != null) {
            lateness[fired] = fault.latenessNanos();
            overLimit++;
        }
        for (int i = 0; i < fired; i++) {
            lateness[i] = probe.firedAtNanos(i) - (t0 + plan.offsetNanos(i));
            long limit = i == 0 ? DEFAULT_LIMIT_NANOS : Math.min(DEFAULT_LIMIT_NANOS, plan.intervalBeforeNanos(i) / 10);
            if (lateness[i] > limit) {
                overLimit++;
            }
            if (i > 0 && probe.firedAtNanos(i) - probe.firedAtNanos(i - 1) < plan.intervalBeforeNanos(i) - EARLY_TOLERANCE_NANOS) {
                compressions++;
            }
        }
        long[] sorted = lateness.clone();
        Arrays.sort(sorted);
        boolean complete = fault == null;
        long wallNanos = probe.firedAtNanos(fired - 1) - probe.firedAtNanos(0);
        double cpuShare = !complete || wallNanos <= 0 ? Double.NaN
                : (double) (probe.cpuAtLastNanos - probe.cpuAtFirstNanos) / wallNanos;
        double bytesPerPulse = complete ? (double) (probe.bytesAtLast - probe.bytesAtFirst) / (fired - 1) : Double.NaN;
        return new BenchRun(pattern, approach, n, percentile(sorted, 50) / 1e3, percentile(sorted, 99) / 1e3,
                sorted[n - 1] / 1e3, compressions, cpuShare, bytesPerPulse, overLimit,
                complete ? -1 : fault.pulseIndex());
    }

    /** Nearest-rank percentile of sorted values. */
    static long percentile(long[] sorted, double percent) {
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    /** A short real-clock run so the pulse thread's code and the probe are compiled before measuring. */
    private void warmUpRealTime(long spinWindowNanos) throws InterruptedException {
        PulsePlan plan = new Rtms("warm-up", "bench", BigDecimal.valueOf(500), 200, 1, BigDecimal.ZERO, MSO_40)
                .expand(intensity -> 40);
        PulseScheduler scheduler = scheduler(plan, new ProbeTrigger(plan.pulseCount()), spinWindowNanos);
        scheduler.start();
        scheduler.awaitTermination(60_000);
    }

    /**
     * Trips running schedulers at random moments (mostly while parked, sometimes while spinning) and
     * collects trip-to-halt latency; returns how many pulses fired after a trip (must be 0).
     */
    private int stopLatencies(long spinWindowNanos, BackgroundLoad load, long[] into) throws InterruptedException {
        PulsePlan plan = rtms("20", 200);
        int pulsesAfterTrip = 0;
        for (int trial = 0; trial < into.length; trial++) {
            ProbeTrigger probe = new ProbeTrigger(plan.pulseCount());
            PulseScheduler scheduler = scheduler(plan, probe, spinWindowNanos);
            load.watch(scheduler.journal(), probe);
            scheduler.start();
            Thread.sleep(20 + ThreadLocalRandom.current().nextInt(80));
            scheduler.stop();
            scheduler.awaitTermination(10_000);
            into[trial] = scheduler.stopLatencyNanos();
            long trippedAt = scheduler.latch().trippedAtNanos();
            for (int i = 0; i < probe.published(); i++) {
                if (probe.firedAtNanos(i) - trippedAt > 0) {
                    pulsesAfterTrip++;
                }
            }
        }
        load.watch(null, null);
        return pulsesAfterTrip;
    }

    private static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static String jvmDescription() {
        var runtime = ManagementFactory.getRuntimeMXBean();
        List<String> gcs = new ArrayList<>();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            gcs.add(gc.getName());
        }
        return runtime.getVmName() + " " + runtime.getVmVersion() + ", " + Runtime.getRuntime().availableProcessors()
                + " CPUs, GC " + gcs + ", flags " + runtime.getInputArguments();
    }

    private static long gcCount() {
        long count = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            count += Math.max(0, gc.getCollectionCount());
        }
        return count;
    }

    private static long gcMillis() {
        long millis = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            millis += Math.max(0, gc.getCollectionTime());
        }
        return millis;
    }

    // ---- output -------------------------------------------------------------------------------

    /** The JSON the issue specifies: {@code {"runs":[...]}}. */
    public static String json(Result result) {
        StringBuilder out = new StringBuilder("{\"runs\":[");
        for (int i = 0; i < result.runs().size(); i++) {
            BenchRun run = result.runs().get(i);
            if (i > 0) {
                out.append(',');
            }
            out.append(String.format(Locale.ROOT,
                    "{\"pattern\":\"%s\",\"approach\":\"%s\",\"pulses\":%d,\"lateness\":{\"p50Micros\":%s,"
                            + "\"p99Micros\":%s,\"maxMicros\":%s},\"isiCompressions\":%d,\"cpuShare\":%s,"
                            + "\"allocatedBytesPerPulse\":%s}",
                    run.pattern(), run.approach(), run.pulses(), number(run.p50Micros(), 1), number(run.p99Micros(), 1),
                    number(run.maxMicros(), 1), run.isiCompressions(), number(run.cpuShare(), 4),
                    number(run.allocatedBytesPerPulse(), 1)));
        }
        return out.append("]}").toString();
    }

    private static String number(double value, int decimals) {
        if (Double.isNaN(value)) {
            return "null";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    /** The human report: a table with ratios against the baselines and busy-spin, then stop latency. */
    public static String table(Result result) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "tmshost bench timing  (%.0f s; %s)%n", result.seconds(), result.jvm()));
        out.append("spin window: ").append(result.calibration().describe());
        if (result.spinWindowNanos() != result.calibration().spinWindowNanos()) {
            out.append(String.format(Locale.ROOT, " (overridden: %.0f µs)", result.spinWindowNanos() / 1e3));
        }
        out.append(String.format(Locale.ROOT,
                "%nbackground: link thread %d keep-alives, recorder %d rows; GC %d collections, %d ms;"
                        + " host load average at end: %s%npulse thread real-time setup: %s%n%n",
                result.keepAlives(), result.recorderRows(), result.gcCount(), result.gcMillis(), result.loadAverage(),
                result.realTime()));
        String header = String.format(Locale.ROOT, "%-13s %-19s %6s %9s %9s %9s %6s %7s %8s %7s  %s%n",
                "pattern", "approach", "pulses", "p50 µs", "p99 µs", "max µs", "compr", "cpu", "B/pulse", ">limit",
                "p99 ratio (tmshost/x)");
        out.append(header);
        IntFunction<String> rule = width -> "-".repeat(width);
        out.append(rule.apply(header.length() - 1)).append(String.format("%n"));
        for (String pattern : PATTERNS) {
            BenchRun tms = find(result, pattern, TMSHOST);
            for (String approach : APPROACHES) {
                BenchRun run = find(result, pattern, approach);
                String ratio = approach.equals(TMSHOST) ? targetVerdict(result, pattern)
                        : String.format(Locale.ROOT, "%.2f", tms.p99Micros() / Math.max(run.p99Micros(), 0.001));
                out.append(String.format(Locale.ROOT, "%-13s %-19s %6d %9.1f %9.1f %9.1f %6d %6.2f%% %8.1f %7d  %s%n",
                        pattern, approach, run.pulses(), run.p50Micros(), run.p99Micros(), run.maxMicros(),
                        run.isiCompressions(), run.cpuShare() * 100, run.allocatedBytesPerPulse(), run.overDefaultLimit(),
                        ratio + (run.faultedAtPulse() >= 0 ? "  TIMING FAULT at pulse " + run.faultedAtPulse()
                                + " of " + find(result, pattern, BUSY_SPIN).pulses() + ": run ended there" : "")));
            }
        }
        long[] stops = result.stopLatenciesNanos().clone();
        Arrays.sort(stops);
        out.append(String.format(Locale.ROOT,
                "%nstop latency (trip -> pulse thread halted), %d trips: p50 %.1f µs, max %.1f µs; pulses fired after a trip: %d%n",
                stops.length, percentile(stops, 50) / 1e3, stops[stops.length - 1] / 1e3, result.pulsesAfterTrip()));
        out.append(String.format(Locale.ROOT,
                "targets: tmshost p99 <= 2 x busy-spin p99 and <= 0.5 x best naive p99, p50 <= 10 µs, 0 compressions,"
                        + " 0 B/pulse, cpu <= 5%% at 1 Hz, stop <= 1 ms%n"
                        + ">limit: pulses whose total lateness exceeds the default limit (1 ms or 10%% of the interval);"
                        + " tmshost faults on own lateness > limit or total > 3 limits (docs/timing.md)%n"));
        return out.toString();
    }

    private static String targetVerdict(Result result, String pattern) {
        BenchRun tms = find(result, pattern, TMSHOST);
        BenchRun spin = find(result, pattern, BUSY_SPIN);
        double bestNaive = Math.min(find(result, pattern, SCHEDULED_EXECUTOR).p99Micros(),
                find(result, pattern, THREAD_SLEEP).p99Micros());
        List<String> misses = new ArrayList<>();
        if (tms.p99Micros() > 2 * spin.p99Micros()) {
            misses.add("p99>2xspin");
        }
        if (tms.p99Micros() > 0.5 * bestNaive) {
            misses.add("p99>0.5xnaive");
        }
        if (tms.p50Micros() > 10) {
            misses.add("p50>10µs");
        }
        if (tms.isiCompressions() > 0) {
            misses.add("compressions");
        }
        if (tms.faultedAtPulse() >= 0) {
            misses.add("timing-fault");
        }
        if (tms.allocatedBytesPerPulse() > 0) {
            misses.add("allocates");
        }
        if (pattern.equals("rtms-1hz") && tms.cpuShare() > 0.05) {
            misses.add("cpu>5%");
        }
        return (misses.isEmpty() ? "targets met" : "MISSED " + String.join(",", misses))
                + String.format(Locale.ROOT, " (vs spin %.2f, vs best naive %.2f)",
                tms.p99Micros() / Math.max(spin.p99Micros(), 0.001), tms.p99Micros() / Math.max(bestNaive, 0.001));
    }

    private static BenchRun find(Result result, String pattern, String approach) {
        for (BenchRun run : result.runs()) {
            if (run.pattern().equals(pattern) && run.approach().equals(approach)) {
                return run;
            }
        }
        throw new IllegalStateException("no run for " + pattern + "/" + approach);
    }
}
