package org.tmshost.threshold;

import org.tmshost.device.DeviceUri;
import org.tmshost.profile.HardwareProfile;
import org.tmshost.protocol.ThresholdKind;
import org.tmshost.protocol.ThresholdMethod;
import org.tmshost.yaml.InvalidFileException;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.function.DoubleUnaryOperator;

/**
 * A motor-threshold hunt planned from what a technician asked for ({@link Request}), checked against
 * the rules of a hunt and the device before anything is armed: the kind, the method (one of
 * {@link HuntMethod}), the MEP criterion, where the MEPs come from, the start intensity and the
 * pulse cap, turned into the hunt to run. The door that asks supplies the MEP inputs only it can
 * offer ({@link MepInputs}: an operator at its prompt, a simulated subject) and runs the plan
 * through {@link HuntRunner}.
 *
 * @param mepDescription where the MEPs come from, in words
 * @param virtualSubject the simulated subject, for {@code --mep virtual}
 * @param input          the stream to close after the hunt, for {@code --mep stream:FILE}
 */
public record HuntPlan(ThresholdKind kind, MepCriterion criterion, MotorThresholdHunt hunt, int start, int cap,
                       MepSource mep, String mepDescription, Optional<VirtualSubject> virtualSubject,
                       Optional<BufferedReader> input, boolean fast, long seed) implements AutoCloseable {
    public static final int DEFAULT_CAP = 200;
    public static final int SAMT_PULSES = 20;
    public static final long DEFAULT_SEED = 1;

    /** The options of {@code threshold hunt}, as typed (null when not given). */
    public record Request(String kind, String method, Double criterionMicrovolts, Double start, Integer cap, String mep,
                          String evidence, Long seed, boolean fast) {
    }

    /** The request cannot run; the message says why and what to do. */
    public static final class Refused extends Exception {
        public Refused(String message) {
            super(message);
        }
    }

    /**
     * A simulated subject's MEPs ({@code --mep virtual}) and its true threshold, so that a hunt's
     * error can be shown.
     *
     * @param description         the subject in words (name, file, seed)
     * @param thresholdPercentMso the true threshold for a criterion in µV
     */
    public record VirtualSubject(String name, String description, MepSource mep,
                                 DoubleUnaryOperator thresholdPercentMso) {
    }

    /** The MEP inputs only the door can offer. */
    public interface MepInputs {
        /** The operator's yes/no after each pulse, watching for {@code criterion} by {@code evidence}. */
        MepSource operator(MepCriterion criterion, ThresholdMethod evidence);

        /** A simulated subject by name or file; {@code name} is null for the door's default subject. */
        VirtualSubject virtual(String name, long seed) throws Refused, InvalidFileException;
    }

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

    /** Checks the request against the rules of a hunt and the device, and builds the hunt and its MEP input. */
    public static HuntPlan of(Request r, DeviceUri device, HardwareProfile profile, MepInputs inputs)
            throws Refused, InvalidFileException {
        String k = r.kind() == null ? "" : r.kind().toLowerCase(Locale.ROOT);
        if (!k.equals("rmt") && !k.equals("amt")) {
            throw new Refused("threshold hunt rmt|amt --algorithm " + String.join("|", HuntMethod.keywords()) + ": '"
                    + r.kind() + "' is neither rmt nor amt");
        }
        ThresholdKind kind = k.equals("rmt") ? ThresholdKind.RMT : ThresholdKind.AMT;
        HuntMethod method = HuntMethod.ofKeyword(r.method()).orElseThrow(() -> new Refused("threshold hunt needs "
                + "--algorithm " + String.join("|", HuntMethod.keywords()) + (r.method() == null ? "" : ", not '"
                + r.method() + "'")));
        MepCriterion criterion;
        try {
            criterion = new MepCriterion(kind, r.criterionMicrovolts() != null ? r.criterionMicrovolts()
                    : kind == ThresholdKind.RMT ? MepCriterion.RMT_50_UV.microvolts() : MepCriterion.AMT_200_UV.microvolts());
        } catch (IllegalArgumentException e) {
            throw new Refused("--criterion: " + e.getMessage());
        }
        String mep = r.mep() == null ? "operator" : r.mep();
        boolean operator = mep.equals("operator");
        boolean virtual = mep.equals("virtual") || mep.startsWith("virtual:");
        boolean stream = mep.startsWith("stream:");
        if (!operator && !virtual && !stream) {
            throw new Refused("--mep operator|virtual[:SUBJECT_FILE]|stream:FILE, not '" + mep + "'");
        }
        ThresholdMethod evidence = evidence(r.evidence(), operator, mep);
        if (method == HuntMethod.SAMT && operator) {
            throw new Refused("SAMT (stochastic approximation) needs MEP amplitudes in uV; an operator's yes/no cannot "
                    + "drive it. Use --mep stream:FILE (amplitudes from the EMG system) or another method ("
                    + String.join(", ", HuntMethod.keywords().stream().filter(m -> !m.equals(method.keyword())).toList())
                    + ")");
        }
        if (virtual && !device.simulated()) {
            throw new Refused("--mep virtual is a simulated subject: only with a simulated device (sim:PROFILE), and "
                    + device + " is not one. With a person, use --mep operator or --mep stream:FILE");
        }
        if (r.fast() && !(device.simulated() && virtual)) {
            throw new Refused("--fast runs the hunt in virtual time: only with a simulated device (sim:PROFILE) and "
                    + "--mep virtual. A real hunt waits 4-6 s between pulses");
        }
        int cap = r.cap() == null ? DEFAULT_CAP : r.cap();
        if (cap < 1 || cap > HuntRunner.MAX_PULSE_CAP) {
            throw new Refused("--cap must be in 1.." + HuntRunner.MAX_PULSE_CAP + ", was " + cap);
        }
        long seed = r.seed() == null ? DEFAULT_SEED : r.seed();
        if (r.seed() != null && !virtual) {
            throw new Refused("--seed seeds the virtual subject: only with --mep virtual");
        }

        Optional<VirtualSubject> subject = Optional.empty();
        Optional<BufferedReader> input = Optional.empty();
        MepSource source;
        String description;
        if (virtual) {
            VirtualSubject s = inputs.virtual(mep.equals("virtual") ? null : mep.substring("virtual:".length()), seed);
            subject = Optional.of(s);
            source = s.mep();
            description = s.description();
        } else if (stream) {
            Path file = Path.of(mep.substring("stream:".length()));
            if (!Files.isRegularFile(file)) {
                throw new Refused("--mep stream:" + file + ": no such file (MEP amplitudes in uV, one per line)");
            }
            try {
                BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                input = Optional.of(reader);
                source = new AmplitudeStreamMepSource(file.getFileName().toString(), reader);
            } catch (IOException e) {
                throw new Refused("--mep stream:" + file + ": cannot read: " + e.getMessage());
            }
            description = "MEP amplitudes from " + file.getFileName();
        } else {
            source = inputs.operator(criterion, evidence);
            description = "the operator's yes/no (" + (evidence == ThresholdMethod.EMG ? "EMG display" : "visual") + ")";
        }
        int start = start(r.start(), subject, criterion, profile);
        return new HuntPlan(kind, criterion, hunt(method, criterion, start, cap), start, cap, source, description,
                subject, input, r.fast(), seed);
    }

    /** How the MEPs are observed: amplitudes are EMG; an operator watches the muscle unless they say EMG. */
    private static ThresholdMethod evidence(String typed, boolean operator, String mep) throws Refused {
        if (operator) {
            if (typed == null) {
                return ThresholdMethod.VISUAL;
            }
            String e = typed.toLowerCase(Locale.ROOT);
            if (!e.equals("emg") && !e.equals("visual")) {
                throw new Refused("--evidence emg|visual, not '" + typed + "'");
            }
            return e.equals("emg") ? ThresholdMethod.EMG : ThresholdMethod.VISUAL;
        }
        if (typed != null && !typed.equalsIgnoreCase("emg")) {
            throw new Refused("--evidence " + typed + ": MEP amplitudes (" + mep + ") are EMG; --evidence is for "
                    + "--mep operator");
        }
        return ThresholdMethod.EMG;
    }

    /** The hotspot intensity: as given, within the device's range, or 120% of a simulated subject's threshold. */
    private static int start(Double typed, Optional<VirtualSubject> subject, MepCriterion criterion,
                             HardwareProfile profile) throws Refused {
        int maxOutput = Math.min(HuntRunner.MAX_OUTPUT_PERCENT_MSO, profile.limits().maxOutputPercentMso());
        if (typed != null) {
            if (!(typed >= 1 && typed <= maxOutput)) {
                throw new Refused("--start is the hotspot intensity in %MSO, 1.." + maxOutput + " on " + profile.name()
                        + ", was " + typed);
            }
            return (int) Math.round(typed);
        }
        if (subject.isPresent()) {
            // as the bench: the hotspot search stands in as 120% of the subject's true threshold
            return (int) Math.min(maxOutput, Math.round(1.2 * subject.get().thresholdPercentMso()
                    .applyAsDouble(criterion.microvolts())));
        }
        throw new Refused("--start PCT is needed: the hotspot intensity in %MSO, clearly above the threshold");
    }

    private static MotorThresholdHunt hunt(HuntMethod method, MepCriterion criterion, int start, int cap) {
        return switch (method) {
            case ML_PEST -> MlPestHunt.awiszus(criterion, start);
            case RELATIVE_FREQUENCY -> RelativeFrequencyHunt.ifcn(criterion, start);
            case TWO_THRESHOLD -> TwoThresholdHunt.millsNithi(criterion, start);
            case SAMT -> StochasticApproximationHunt.wang2023(criterion, start, Math.min(SAMT_PULSES, cap));
        };
    }
}
