package org.tmshost.console;

import org.tmshost.device.DeviceUri;
import org.tmshost.profile.HardwareProfile;
import org.tmshost.protocol.ThresholdKind;
import org.tmshost.protocol.ThresholdMethod;
import org.tmshost.simulator.subject.SubjectParameters;
import org.tmshost.simulator.subject.VirtualSubject;
import org.tmshost.threshold.AmplitudeStreamMepSource;
import org.tmshost.threshold.DeliveredPulse;
import org.tmshost.threshold.HuntClock;
import org.tmshost.threshold.HuntMethod;
import org.tmshost.threshold.HuntResult;
import org.tmshost.threshold.MepCriterion;
import org.tmshost.threshold.MepInputException;
import org.tmshost.threshold.MepReading;
import org.tmshost.threshold.MepSource;
import org.tmshost.threshold.MlPestHunt;
import org.tmshost.threshold.MotorThresholdHunt;
import org.tmshost.threshold.RelativeFrequencyHunt;
import org.tmshost.threshold.StochasticApproximationHunt;
import org.tmshost.threshold.ThresholdEstimate;
import org.tmshost.threshold.TwoThresholdHunt;
import org.tmshost.yaml.InvalidFileException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * {@code threshold hunt}: what the command line asks for, checked and turned into a hunt, a MEP
 * source and a clock ({@link Plan}), and how the hunt shows itself pulse by pulse. The desk checks
 * the console's state (device, subject, session), runs the plan through
 * {@link org.tmshost.threshold.HuntRunner} and stores the result.
 */
final class ConsoleHunt {
    static final List<String> METHODS = List.of("mlpest", "rossini", "two-threshold", "samt");
    static final List<String> OPTIONS = List.of("--method", "--criterion", "--start", "--cap", "--mep", "--evidence",
            "--seed", "--fast");
    /** Where {@code --mep virtual:NAME} looks for NAME.yaml first (relative to the working directory). */
    static final Path SUBJECT_DIR = Path.of("simulator", "subjects");
    static final String DEFAULT_SUBJECT = "typical";
    static final int DEFAULT_CAP = 200;
    static final int SAMT_PULSES = 20;
    static final long DEFAULT_SEED = 1;

    private ConsoleHunt() {
    }

    /** The options of {@code threshold hunt}, as given (null when not given). */
    record Request(String kind, String method, Double criterionMicrovolts, Double start, Integer cap, String mep,
                   String evidence, Long seed, boolean fast) {
    }

    /** The request cannot run; the message says why and what to do. */
    static final class Refused extends Exception {
        private final int exitCode;

        Refused(int exitCode, String message) {
            super(message);
            this.exitCode = exitCode;
        }

        int exitCode() {
            return exitCode;
        }
    }

    /** The operator (or the console on their behalf) stopped the hunt. */
    static final class Stopped extends InterruptedException {
        Stopped(String why) {
            super(why);
        }
    }

    /**
     * A checked request, ready to run.
     *
     * @param mepDescription where the MEPs come from, in words
     * @param virtualSubject the simulated subject, for {@code --mep virtual}
     * @param input          the stream to close after the hunt, for {@code --mep stream:FILE}
     */
    record Plan(ThresholdKind kind, MepCriterion criterion, MotorThresholdHunt hunt, int start, int cap, MepSource mep,
                String mepDescription, Optional<VirtualSubject> virtualSubject, Optional<BufferedReader> input,
                boolean fast, long seed) implements AutoCloseable {
        @Override
        public void close() {
            input.ifPresent(reader -> {
                try {
                    reader.close();
                } catch (IOException e) {
                    // read-only input; nothing to lose
                }
            });
        }
    }

    /**
     * Checks the request against the device and builds the hunt and its MEP input.
     *
     * @param stop says when the operator has stopped (for the operator's prompt)
     */
    static Plan plan(Request r, DeviceUri device, HardwareProfile profile, ConsoleIo io, BooleanSupplier stop)
            throws Refused, InvalidFileException {
        String k = r.kind() == null ? "" : r.kind().toLowerCase(Locale.ROOT);
        if (!k.equals("rmt") && !k.equals("amt")) {
            throw bad("threshold hunt rmt|amt --method " + String.join("|", METHODS) + ": '" + r.kind()
                    + "' is neither rmt nor amt");
        }
        ThresholdKind kind = k.equals("rmt") ? ThresholdKind.RMT : ThresholdKind.AMT;
        if (r.method() == null || !METHODS.contains(r.method().toLowerCase(Locale.ROOT))) {
            throw bad("threshold hunt needs --method " + String.join("|", METHODS)
                    + (r.method() == null ? "" : ", not '" + r.method() + "'"));
        }
        String method = r.method().toLowerCase(Locale.ROOT);
        MepCriterion criterion;
        try {
            criterion = new MepCriterion(kind, r.criterionMicrovolts() != null ? r.criterionMicrovolts()
                    : kind == ThresholdKind.RMT ? MepCriterion.RMT_50_UV.microvolts() : MepCriterion.AMT_200_UV.microvolts());
        } catch (IllegalArgumentException e) {
            throw bad("--criterion: " + e.getMessage());
        }
        String mep = r.mep() == null ? "operator" : r.mep();
        boolean operator = mep.equals("operator");
        boolean virtual = mep.equals("virtual") || mep.startsWith("virtual:");
        boolean stream = mep.startsWith("stream:");
        if (!operator && !virtual && !stream) {
            throw bad("--mep operator|virtual[:SUBJECT_FILE]|stream:FILE, not '" + mep + "'");
        }
        ThresholdMethod evidence = ThresholdMethod.EMG;
        if (operator) {
            evidence = ThresholdMethod.VISUAL;
            if (r.evidence() != null) {
                String e = r.evidence().toLowerCase(Locale.ROOT);
                if (!e.equals("emg") && !e.equals("visual")) {
                    throw bad("--evidence emg|visual, not '" + r.evidence() + "'");
                }
                evidence = e.equals("emg") ? ThresholdMethod.EMG : ThresholdMethod.VISUAL;
            }
        } else if (r.evidence() != null && !r.evidence().equalsIgnoreCase("emg")) {
            throw bad("--evidence " + r.evidence() + ": MEP amplitudes (" + mep + ") are EMG; --evidence is for "
                    + "--mep operator");
        }
        if (method.equals("samt") && operator) {
            throw bad("SAMT (stochastic approximation) needs MEP amplitudes in uV; an operator's yes/no cannot drive "
                    + "it. Use --mep stream:FILE (amplitudes from the EMG system) or another method "
                    + "(mlpest, rossini, two-threshold)");
        }
        if (virtual && !device.simulated()) {
            throw bad("--mep virtual is a simulated subject: only with a simulated device (sim:PROFILE), and "
                    + device + " is not one. With a person, use --mep operator or --mep stream:FILE");
        }
        if (r.fast() && !(device.simulated() && virtual)) {
            throw bad("--fast runs the hunt in virtual time: only with a simulated device (sim:PROFILE) and "
                    + "--mep virtual. A real hunt waits 4-6 s between pulses");
        }
        int cap = r.cap() == null ? DEFAULT_CAP : r.cap();
        if (cap < 1 || cap > org.tmshost.threshold.HuntRunner.MAX_PULSE_CAP) {
            throw bad("--cap must be in 1.." + org.tmshost.threshold.HuntRunner.MAX_PULSE_CAP + ", was " + cap);
        }
        long seed = r.seed() == null ? DEFAULT_SEED : r.seed();
        if (r.seed() != null && !virtual) {
            throw bad("--seed seeds the virtual subject: only with --mep virtual");
        }

        Optional<VirtualSubject> subject = Optional.empty();
        Optional<BufferedReader> input = Optional.empty();
        MepSource source;
        String description;
        if (virtual) {
            String name = mep.equals("virtual") ? DEFAULT_SUBJECT : mep.substring("virtual:".length());
            VirtualSubject s = new VirtualSubject(subjectParameters(name), seed);
            subject = Optional.of(s);
            source = MepSource.ofAmplitudes(s::mepMicrovolts);
            description = "virtual subject " + s.parameters().name() + " (" + Path.of(name.endsWith(".yaml") ? name
                    : name + ".yaml").getFileName() + ", seed " + seed + ")";
        } else if (stream) {
            Path file = Path.of(mep.substring("stream:".length()));
            if (!Files.isRegularFile(file)) {
                throw bad("--mep stream:" + file + ": no such file (MEP amplitudes in uV, one per line)");
            }
            try {
                BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                input = Optional.of(reader);
                source = new AmplitudeStreamMepSource(file.getFileName().toString(), reader);
            } catch (IOException e) {
                throw bad("--mep stream:" + file + ": cannot read: " + e.getMessage());
            }
            description = "MEP amplitudes from " + file.getFileName();
        } else {
            source = new OperatorAnswers(io, criterion, evidence, stop);
            description = "the operator's yes/no (" + (evidence == ThresholdMethod.EMG ? "EMG display" : "visual") + ")";
        }

        int maxOutput = Math.min(org.tmshost.threshold.HuntRunner.MAX_OUTPUT_PERCENT_MSO,
                profile.limits().maxOutputPercentMso());
        int start;
        if (r.start() != null) {
            if (!(r.start() >= 1 && r.start() <= maxOutput)) {
                throw bad("--start is the hotspot intensity in %MSO, 1.." + maxOutput + " on " + profile.name()
                        + ", was " + r.start());
            }
            start = (int) Math.round(r.start());
        } else if (subject.isPresent()) {
            // as the bench: the hotspot search stands in as 120% of the subject's true threshold
            start = (int) Math.min(maxOutput, Math.round(1.2 * subject.get().thresholdPercentMso(criterion.microvolts())));
        } else {
            throw bad("--start PCT is needed: the hotspot intensity in %MSO, clearly above the threshold");
        }
        MotorThresholdHunt hunt = switch (method) {
            case "mlpest" -> MlPestHunt.awiszus(criterion, start);
            case "rossini" -> RelativeFrequencyHunt.ifcn(criterion, start);
            case "two-threshold" -> TwoThresholdHunt.millsNithi(criterion, start);
            default -> StochasticApproximationHunt.wang2023(criterion, start, Math.min(SAMT_PULSES, cap));
        };
        return new Plan(kind, criterion, hunt, start, cap, source, description, subject, input, r.fast(), seed);
    }

    /**
     * A virtual subject by file path, or by name: {@code simulator/subjects/NAME.yaml} in the working
     * directory (a lab's own subjects) first, else the one shipped in the jar.
     */
    private static SubjectParameters subjectParameters(String name) throws Refused, InvalidFileException {
        boolean path = name.contains("/") || name.endsWith(".yaml");
        Path file = path ? Path.of(name) : SUBJECT_DIR.resolve(name + ".yaml");
        if (Files.isRegularFile(file)) {
            return SubjectParameters.read(file);
        }
        Optional<SubjectParameters> bundled = path ? Optional.empty() : SubjectParameters.bundled(name);
        if (bundled.isPresent()) {
            return bundled.get();
        }
        throw bad("--mep virtual:" + name + ": no subject file " + file + " and no shipped subject of that name "
                + "(shipped: " + String.join(", ", SubjectParameters.bundledNames()) + ")");
    }

    private static Refused bad(String message) {
        return new Refused(ExitCode.BAD_INPUT, message);
    }

    /** The stored method text: evidence first (EMG or VISUAL), then how the threshold was found. */
    static String methodText(HuntResult result, boolean simulated, String mepDescription) {
        return String.format(Locale.ROOT, "%s; hunt %s; criterion %.0f uV; %d pulses; %s%s", result.evidence(),
                result.method().label(), result.criterion().microvolts(), result.pulsesUsed(), mepDescription,
                simulated ? "; SIMULATION" : "");
    }

    static String estimateText(Optional<ThresholdEstimate> estimate) {
        if (estimate.isEmpty()) {
            return "";
        }
        ThresholdEstimate e = estimate.get();
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%.1f", e.thresholdPercentMso()));
        e.interval().ifPresent(i -> b.append(String.format(Locale.ROOT, " [%.1f, %.1f]", i.lowerPercentMso(),
                i.upperPercentMso())));
        return b.toString();
    }

    static String minutes(long nanos) {
        long seconds = Math.max(0, nanos / 1_000_000_000L);
        return String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    }

    /**
     * The hunt as given, printing one line per pulse once the hunt has taken the reading in: time,
     * intensity, MEP or yes/no, and the running estimate with its interval where the method has one.
     */
    static final class Reporting implements MotorThresholdHunt {
        private final MotorThresholdHunt hunt;
        private final PrintWriter out;
        private final HuntClock clock;
        private long startNanos;

        Reporting(MotorThresholdHunt hunt, PrintWriter out, HuntClock clock) {
            this.hunt = hunt;
            this.out = out;
            this.clock = clock;
        }

        /** Marks the start of the hunt (times are shown from here). */
        void started() {
            startNanos = clock.nanoTime();
            out.println("  pulse   time   %MSO   MEP                estimate %MSO" + (hunt.method() == HuntMethod.ML_PEST
                    ? " [95% interval]" : hunt.method() == HuntMethod.TWO_THRESHOLD ? " [lower, upper]" : ""));
            out.flush();
        }

        /** Time since {@link #started()}, on the hunt's clock. */
        long elapsedNanos() {
            return clock.nanoTime() - startNanos;
        }

        @Override
        public void onResponse(double intensityPercentMso, double mepMicrovolts) {
            hunt.onResponse(intensityPercentMso, mepMicrovolts);
            show(intensityPercentMso, String.format(Locale.ROOT, "%6.0f uV  %-3s", mepMicrovolts,
                    hunt.criterion().isResponse(mepMicrovolts) ? "yes" : "no"));
        }

        @Override
        public void onJudgement(double intensityPercentMso, boolean response) {
            hunt.onJudgement(intensityPercentMso, response);
            show(intensityPercentMso, String.format(Locale.ROOT, "%9s  %-3s", "", response ? "yes" : "no"));
        }

        private void show(double intensity, String mep) {
            String estimate = estimateText(hunt.estimate());
            out.printf(Locale.ROOT, "  %5d   %s   %4.0f   %s            %s%n", hunt.trials(),
                    minutes(clock.nanoTime() - startNanos), intensity, mep,
                    estimate.isEmpty() ? (hunt.done() ? "-" : "(when done)") : estimate);
            out.flush();
        }

        @Override
        public HuntMethod method() {
            return hunt.method();
        }

        @Override
        public MepCriterion criterion() {
            return hunt.criterion();
        }

        @Override
        public double nextIntensityPercentMso() {
            return hunt.nextIntensityPercentMso();
        }

        @Override
        public boolean needsAmplitudes() {
            return hunt.needsAmplitudes();
        }

        @Override
        public boolean done() {
            return hunt.done();
        }

        @Override
        public int trials() {
            return hunt.trials();
        }

        @Override
        public Optional<ThresholdEstimate> estimate() {
            return hunt.estimate();
        }
    }

    /**
     * The operator's yes/no at the console prompt after each pulse; {@code stop} (or Ctrl-C, or the
     * end of input) stops the hunt. A script reads the answers from standard input, one per line.
     */
    static final class OperatorAnswers implements MepSource {
        private final ConsoleIo io;
        private final MepCriterion criterion;
        private final ThresholdMethod evidence;
        private final BooleanSupplier stop;

        OperatorAnswers(ConsoleIo io, MepCriterion criterion, ThresholdMethod evidence, BooleanSupplier stop) {
            this.io = io;
            this.criterion = criterion;
            this.evidence = evidence;
            this.stop = stop;
        }

        @Override
        public MepReading read(DeliveredPulse pulse) throws MepInputException, InterruptedException {
            while (true) {
                String answer = io.ask(String.format(Locale.ROOT, "pulse %d at %d %%MSO: MEP of at least %.0f uV? "
                        + "[y/n/stop] ", pulse.index() + 1, pulse.intensityPercentMso(), criterion.microvolts()));
                if (stop.getAsBoolean()) {
                    throw new Stopped("stop");
                }
                if (answer == null) {
                    throw new Stopped(io.interactive() ? "Ctrl-C at the prompt" : "no answer (end of input)");
                }
                String a = answer.strip().toLowerCase(Locale.ROOT);
                if (a.equals("y") || a.equals("yes")) {
                    return MepReading.judgement(true);
                }
                if (a.equals("n") || a.equals("no")) {
                    return MepReading.judgement(false);
                }
                if (a.equals("stop") || a.equals("s")) {
                    throw new Stopped("'stop' at the prompt");
                }
                io.out().println("answer y (a MEP of at least " + Math.round(criterion.microvolts())
                        + " uV), n, or stop");
                io.out().flush();
            }
        }

        @Override
        public boolean providesAmplitudes() {
            return false;
        }

        @Override
        public ThresholdMethod evidence() {
            return evidence;
        }
    }
}
