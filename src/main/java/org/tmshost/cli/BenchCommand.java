package org.tmshost.cli;

import org.tmshost.bench.TimingBench;
import org.tmshost.bench.VirtualPopulation;
import org.tmshost.console.ExitCode;
import org.tmshost.profile.HardwareProfile;
import org.tmshost.profile.HardwareProfiles;
import org.tmshost.protocol.ThresholdKind;
import org.tmshost.simulator.subject.SubjectParameters;
import org.tmshost.threshold.HuntPacing;
import org.tmshost.threshold.HuntRunner;
import org.tmshost.threshold.MepCriterion;
import org.tmshost.threshold.ThresholdBench;
import org.tmshost.yaml.InvalidFileException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code tmshost bench}: benchmarks the project ships. {@code bench timing [--json] [--seconds N]}
 * measures pulse lateness of the tmshost scheduler against naive baselines and busy-spin
 * (docs/timing.md). {@code bench excitability [--repetitions R] [--seed S] [--json]} measures how well
 * the default paired-pulse measurement recovers the virtual subjects' true ratios (docs/excitability.md).
 * {@code bench threshold [--subjects N] [--seed S] [--json]} runs every motor
 * threshold hunting method against seeded virtual subjects (docs/motor-threshold.md).
 * {@code bench link} measures the driver against the simulator over a serial pseudo-terminal
 * (docs/hil.md). {@code bench records} measures the recorder's path into this host's SQLite records
 * and a site database (docs/records.md).
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        subcommands = {BenchCommand.Timing.class, BenchCommand.Link.class, BenchCommand.Threshold.class,
                BenchCommand.Sessions.class, BenchCommand.Excitability.class, BenchCommand.Records.class},
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
            description = {"Pulse lateness of the tmshost scheduler, run as a session runs it (real-time where allowed),",
                    "vs ScheduledExecutorService, a Thread.sleep loop, sleep-then-spin and busy-spin,",
                    "for rtms-1hz, rtms-10hz, rtms-20hz, itbs and paired-2.5ms; and stop latency.",
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

        @Option(names = "--rt-priority", defaultValue = "80", paramLabel = "P",
                description = "SCHED_FIFO priority of the tmshost pulse thread, as a session asks for it where allowed"
                        + " (default ${DEFAULT-VALUE}; 0: none).")
        int rtPriority;

        @Option(names = "--pulses", defaultValue = "0", paramLabel = "N",
                description = "At least N pulses per pattern (p99 rests on 1000 or more; default: what --seconds allows).")
        int pulses;

        @Option(names = "--cpu", defaultValue = "-1", paramLabel = "C",
                description = "Optional: pin the tmshost pulse thread to core C.")
        int cpu;

        @Override
        public Integer call() throws InterruptedException {
            PrintWriter out = spec.commandLine().getOut();
            if (seconds < 10) {
                spec.commandLine().getErr().println("--seconds must be at least 10");
                return ExitCode.BAD_INPUT;
            }
            TimingBench.Result result = new TimingBench(seconds, spinWindowMicros < 0 ? -1 : spinWindowMicros * 1_000,
                    rtPriority, cpu, Math.max(0, pulses)).run();
            out.println(json ? TimingBench.json(result) : TimingBench.table(result));
            out.flush();
            return ExitCode.OK;
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

    @Command(name = "sessions", mixinStandardHelpOptions = true,
            description = {"Real sessions of one pattern (default: 4-train iTBS) on a simulated device under CPU hogs,",
                    "with the pulse thread's real-time scheduling on and off: sessions completed / faulted,",
                    "deviations per 1000 pulses, lateness p50 / p99 / p99.9 / max over every pulse."})
    static final class Sessions implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--sessions", defaultValue = "10", paramLabel = "N", description = "Sessions per setting (default ${DEFAULT-VALUE}).")
        int sessions;

        @Option(names = "--hogs", defaultValue = "2", paramLabel = "K", description = "CPU-hog threads running meanwhile (default ${DEFAULT-VALUE}).")
        int hogs;

        @Option(names = "--realtime", defaultValue = "both", paramLabel = "on|off|both", description = "Default ${DEFAULT-VALUE}.")
        String realTime;

        @Option(names = "--profile", defaultValue = "simulator", paramLabel = "P", description = "Default ${DEFAULT-VALUE}, on sim:P.")
        String profile;

        @Option(names = "--protocol", paramLabel = "NAME|FILE", description = "Default: iTBS, 4 trains.")
        String protocol;

        @Option(names = "--json", description = "Print JSON instead of the table.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            if (sessions < 1 || hogs < 0 || !java.util.Set.of("on", "off", "both").contains(realTime)) {
                spec.commandLine().getErr().println("--sessions >= 1, --hogs >= 0, --realtime on|off|both");
                return ExitCode.BAD_INPUT;
            }
            org.tmshost.profile.HardwareProfile hardware = org.tmshost.profile.HardwareProfiles.load(profile);
            String text = protocol == null ? org.tmshost.bench.SessionBench.ITBS_4_TRAINS
                    : org.tmshost.protocol.ProtocolLibrary.resolve(protocol).text();
            String name = protocol == null ? "iTBS, 4 trains" : protocol;
            org.tmshost.bench.SessionBench bench = new org.tmshost.bench.SessionBench(hardware, text, sessions, hogs);
            java.util.List<org.tmshost.bench.SessionBench.Row> rows = new java.util.ArrayList<>();
            if (!realTime.equals("off")) {
                rows.add(bench.run(true));
            }
            if (!realTime.equals("on")) {
                rows.add(bench.run(false));
            }
            spec.commandLine().getOut().println(json ? org.tmshost.bench.SessionBench.json(hardware, name, hogs, rows)
                    : org.tmshost.bench.SessionBench.table(hardware, name, hogs, rows));
            spec.commandLine().getOut().flush();
            return ExitCode.OK;
        }
    }

    @Command(name = "threshold", mixinStandardHelpOptions = true,
            description = {"Motor threshold hunting: 5/10 (IFCN), two-threshold (Mills-Nithi), ML-PEST and SAMT against",
                    "seeded virtual subjects (simulator/subjects/*.yaml) with true thresholds spread over a range;",
                    "mean absolute error, its spread and pulses used per method. Runs on virtual time."})
    static final class Threshold implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--subjects", defaultValue = "300", paramLabel = "N",
                description = "Virtual subjects (default ${DEFAULT-VALUE}); every method hunts each one.")
        int subjects;

        @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Seed (default ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--json", description = "Print JSON instead of the table.")
        boolean json;

        @Option(names = "--subject-dir", paramLabel = "DIR",
                description = "Subject parameter files, used in turn (default: the shipped simulator/subjects).")
        Path subjectDir;

        @Option(names = "--min-threshold", defaultValue = "35", paramLabel = "X",
                description = "Lowest true RMT, %%MSO (default ${DEFAULT-VALUE}).")
        double minThreshold;

        @Option(names = "--max-threshold", defaultValue = "75", paramLabel = "Y",
                description = "Highest true RMT, %%MSO (default ${DEFAULT-VALUE}).")
        double maxThreshold;

        @Option(names = "--criterion-uv", defaultValue = "50", paramLabel = "UV",
                description = "MEP criterion in uV (default ${DEFAULT-VALUE}); the true threshold is where P(MEP >= UV) = 0.5.")
        double criterionMicrovolts;

        @Option(names = "--pulse-cap", defaultValue = "200", paramLabel = "N",
                description = "Most pulses per hunt (default ${DEFAULT-VALUE}, at most 500).")
        int pulseCap;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            if (subjects < 1 || subjects > 100_000 || pulseCap < 1 || pulseCap > HuntRunner.MAX_PULSE_CAP
                    || !(minThreshold >= 5 && maxThreshold <= 100 && minThreshold <= maxThreshold)) {
                err.println("need 1 <= --subjects <= 100000, 1 <= --pulse-cap <= " + HuntRunner.MAX_PULSE_CAP
                        + " and 5 <= --min-threshold <= --max-threshold <= 100");
                return ExitCode.BAD_INPUT;
            }
            MepCriterion criterion;
            try {
                criterion = new MepCriterion(ThresholdKind.RMT, criterionMicrovolts);
            } catch (IllegalArgumentException e) {
                err.println(e.getMessage());
                return ExitCode.BAD_INPUT;
            }
            List<SubjectParameters> types;
            HardwareProfile profile;
            try {
                if (subjectDir != null && !Files.isDirectory(subjectDir)) {
                    err.println("no subject directory " + subjectDir);
                    return ExitCode.BAD_INPUT;
                }
                types = subjectDir == null ? SubjectParameters.bundledAll() : SubjectParameters.readDirectory(subjectDir);
                profile = HardwareProfiles.load("simulator");
            } catch (InvalidFileException e) {
                e.errors().forEach(error -> err.println(error));
                return ExitCode.BAD_INPUT;
            }
            if (types.isEmpty()) {
                err.println("no *.yaml subject files in " + (subjectDir == null ? "the jar" : subjectDir));
                return ExitCode.BAD_INPUT;
            }
            VirtualPopulation world = new VirtualPopulation(types, profile, subjects, seed, minThreshold, maxThreshold,
                    criterionMicrovolts, pulseCap);
            for (int i = 0; i < subjects; i++) {
                try {
                    world.subject(i).thresholdPercentMso(criterionMicrovolts);
                } catch (IllegalArgumentException e) {
                    err.println("criterion " + criterionMicrovolts + " uV: " + e.getMessage());
                    return ExitCode.BAD_INPUT;
                }
            }
            HuntRunner.Settings settings = new HuntRunner.Settings(0, pulseCap, HuntPacing.standard(), seed);
            ThresholdBench.Result result = ThresholdBench.run(world, ThresholdBench.standardArms(criterion), criterion,
                    settings, seed);
            out.println(json ? ThresholdBench.json(result) : ThresholdBench.table(result));
            out.flush();
            return ExitCode.OK;
        }
    }

    @Command(name = "excitability", mixinStandardHelpOptions = true,
            description = {"The default paired-pulse measurement (test, SICI 2/3 ms, ICF 10/12 ms; conditioning 80%%, test 120%% RMT)",
                    "against each shipped virtual subject with a paired-pulse model, for 5, 10, 15 and 20 trials per condition:",
                    "mean absolute error of each ratio vs the truth and coverage of its 95%% CI over seeded repetitions;",
                    "whether the typical and the neuropathic-pain subjects' SICI are told apart. No device, no clock."})
    static final class Excitability implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--repetitions", defaultValue = "200", paramLabel = "R",
                description = "Seeded measurements per subject and number of trials (default ${DEFAULT-VALUE}, 1 to 100000).")
        int repetitions;

        @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Seed (default ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--json", description = "Print JSON instead of the table.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            if (repetitions < 1 || repetitions > 100_000) {
                err.println("--repetitions must be in 1..100000, was " + repetitions);
                return ExitCode.BAD_INPUT;
            }
            List<SubjectParameters> subjects;
            try {
                subjects = org.tmshost.bench.ExcitabilityBench.withPairedPulseModel(SubjectParameters.bundledAll());
            } catch (InvalidFileException e) {
                e.errors().forEach(error -> err.println(error));
                return ExitCode.BAD_INPUT;
            }
            if (subjects.isEmpty()) {
                err.println("no shipped virtual subject has a paired-pulse model");
                return ExitCode.BAD_INPUT;
            }
            long started = System.nanoTime();
            org.tmshost.bench.ExcitabilityBench.Result result = org.tmshost.bench.ExcitabilityBench.run(subjects,
                    org.tmshost.bench.ExcitabilityBench.DEFAULT_TRIALS, repetitions, seed);
            double seconds = (System.nanoTime() - started) / 1e9;
            if (json) {
                out.println(org.tmshost.bench.ExcitabilityBench.json(result, seconds));
            } else {
                out.print(org.tmshost.bench.ExcitabilityBench.table(result));
                out.printf(java.util.Locale.ROOT, "%nWall time: %.1f s%n", seconds);
            }
            out.flush();
            return ExitCode.OK;
        }
    }

    @Command(name = "records", mixinStandardHelpOptions = true,
            description = "The recorder's path into the records: pulses through a fire journal and the journal "
                    + "importer into this host's SQLite file (in a scratch home) and, with --records or $TMSHOST_RECORDS, "
                    + "a site database. Pulses/s sustained at full speed; at --rate, the time from a pulse's journal entry "
                    + "to the durable commit of its batch (p50/p99/max); with --restart-command, the same while the "
                    + "site's server is restarted mid-run. After each run the store must hold exactly the journal's "
                    + "pulses (exit 6 if not). docs/records.md")
    static final class Records implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--pulses", defaultValue = "" + org.tmshost.bench.RecordsBench.DEFAULT_PULSES, paramLabel = "N",
                description = "Pulses of each paced run (default ${DEFAULT-VALUE}).")
        int pulses;

        @Option(names = "--ceiling-pulses", defaultValue = "" + org.tmshost.bench.RecordsBench.DEFAULT_CEILING_PULSES,
                paramLabel = "N", description = "Pulses of the full-speed run (default ${DEFAULT-VALUE}).")
        int ceilingPulses;

        @Option(names = "--rate", defaultValue = "50", paramLabel = "HZ",
                description = "Pulse rate of the paced runs (default ${DEFAULT-VALUE} Hz).")
        double rateHz;

        @Option(names = "--restart-command", paramLabel = "CMD",
                description = "Restarts the site's server and returns once it is back (run with sh -c), e.g. "
                        + "'pg_ctl -D DIR restart -m fast'; run when half the pulses of a paced run are journaled.")
        String restartCommand;

        @Option(names = "--json", description = "Print JSON instead of the table.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            java.time.Duration period = org.tmshost.session.SessionSettings.defaults(Path.of(".")).recorderPeriod();
            org.tmshost.bench.RecordsBench.Settings settings;
            try {
                settings = new org.tmshost.bench.RecordsBench.Settings(ceilingPulses, pulses, rateHz, period,
                        org.tmshost.bench.RecordsBench.DEFAULT_PATIENCE);
            } catch (IllegalArgumentException e) {
                err.println(e.getMessage());
                return ExitCode.BAD_INPUT;
            }
            org.tmshost.record.TmsHome home = org.tmshost.record.TmsHome.resolve();
            java.util.Map<String, String> env = System.getenv();
            org.tmshost.record.RecordsLocation location = org.tmshost.record.RecordsLocation.resolve(home,
                    System.getProperty(org.tmshost.record.RecordsLocation.PROPERTY), env);
            java.util.Optional<org.tmshost.record.RecordsLocation.SiteDatabase> site = location
                    instanceof org.tmshost.record.RecordsLocation.SiteDatabase s ? java.util.Optional.of(s)
                    : java.util.Optional.empty();
            if (restartCommand != null && (restartCommand.isBlank() || site.isEmpty())) {
                err.println("--restart-command restarts a site database's server: give it with --records "
                        + "postgresql://... (or $TMSHOST_RECORDS), and a command");
                return ExitCode.BAD_INPUT;
            }
            // on the disk the home's records live on (a tmpfs /tmp would make every commit look free)
            Path scratch = Files.createTempDirectory(Files.isDirectory(home.directory()) ? home.directory()
                    : Path.of(System.getProperty("java.io.tmpdir")), "bench-records-");
            java.util.Optional<Runnable> restart = java.util.Optional.ofNullable(restartCommand).map(command ->
                    new org.tmshost.bench.RestartCommand(command, scratch, org.tmshost.bench.RecordsBench.DEFAULT_PATIENCE));
            List<org.tmshost.bench.RecordsBench.StoreResult> results = new org.tmshost.bench.RecordsBench(settings)
                    .run(scratch, site, env, restart);
            out.print(json ? org.tmshost.bench.RecordsBench.json(settings, results) + System.lineSeparator()
                    : org.tmshost.bench.RecordsBench.table(settings, results));
            out.flush();
            boolean ok = results.stream().flatMap(r -> r.runs().stream()).allMatch(org.tmshost.bench.RecordsBench.Run::ok);
            if (!ok) {
                err.println("bench records: a run did not end with exactly the journal's pulses on record (see above)");
            }
            return ok ? ExitCode.OK : ExitCode.RECORD_FAILS_VERIFICATION;
        }
    }
}
