package org.tmshost.console;

import org.tmshost.bench.TimingBench;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * {@code tmshost bench}: benchmarks the project ships. {@code bench timing [--json] [--seconds N]}
 * measures pulse lateness of the tmshost scheduler against naive baselines and busy-spin
 * (docs/timing.md).
 */
@Command(name = "bench", mixinStandardHelpOptions = true, subcommands = {BenchCommand.Timing.class, BenchCommand.Link.class},
        description = "Run the benchmarks tmshost ships.")
final class BenchCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return ExitCode.BAD_INPUT;
    }

    @Command(name = "timing", mixinStandardHelpOptions = true,
            description = {"Pulse lateness of the tmshost scheduler vs ScheduledExecutorService, a Thread.sleep loop",
                    "and busy-spin, for rtms-1hz, rtms-10hz, rtms-20hz, itbs and paired-2.5ms; and stop latency.",
                    "Recommended JVM flags: see docs/timing.md."})
    static final class Timing implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--json", description = "Print {\"runs\":[...]} instead of the table.")
        boolean json;

        @Option(names = "--seconds", defaultValue = "60", paramLabel = "N",
                description = "Total wall-time budget in seconds (default ${DEFAULT-VALUE}, minimum 10).")
        double seconds;

        @Option(names = "--spin-window-micros", defaultValue = "-1", paramLabel = "US",
                description = "Use this spin window instead of calibrating it from park latency.")
        long spinWindowMicros;

        @Option(names = "--rt-priority", defaultValue = "0", paramLabel = "P",
                description = "Optional: put the tmshost pulse thread in SCHED_FIFO at priority P (needs chrt and root/CAP_SYS_NICE).")
        int rtPriority;

        @Option(names = "--cpu", defaultValue = "-1", paramLabel = "C",
                description = "Optional: pin the tmshost pulse thread to core C (needs taskset).")
        int cpu;

        @Override
        public Integer call() throws InterruptedException {
            PrintWriter out = spec.commandLine().getOut();
            if (seconds < 10) {
                spec.commandLine().getErr().println("--seconds must be at least 10");
                return 2;
            }
            TimingBench.Result result = new TimingBench(seconds, spinWindowMicros < 0 ? -1 : spinWindowMicros * 1_000,
                    rtPriority, cpu).run();
            out.println(json ? TimingBench.json(result) : TimingBench.table(result));
            out.flush();
            return 0;
        }
    }

    @Command(name = "link", mixinStandardHelpOptions = true,
            description = {"The host driver against the simulator over a socat pseudo-terminal: command round trips,",
                    "and a host-timed train compared with the simulator's ground truth."})
    static final class Link implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--profile", defaultValue = "simulator", paramLabel = "P",
                description = "A profile with a serial wire protocol (default ${DEFAULT-VALUE}).")
        String profile;

        @Option(names = "--round-trips", defaultValue = "100", paramLabel = "N")
        int roundTrips;

        @Option(names = "--pulses", defaultValue = "30", paramLabel = "N")
        int pulses;

        @Option(names = "--hz", defaultValue = "5", paramLabel = "F",
                description = "Train frequency (default ${DEFAULT-VALUE} Hz; Magstim serial firing is <= 1 Hz on real units).")
        java.math.BigDecimal hz;

        @Override
        public Integer call() throws Exception {
            org.tmshost.profile.HardwareProfile hardware = org.tmshost.profile.HardwareProfiles.load(profile);
            org.tmshost.bench.LinkBench.Result result = new org.tmshost.bench.LinkBench(hardware, roundTrips, pulses, hz).run();
            spec.commandLine().getOut().print(org.tmshost.bench.LinkBench.table(result));
            spec.commandLine().getOut().flush();
            return ExitCode.OK;
        }
    }
}
