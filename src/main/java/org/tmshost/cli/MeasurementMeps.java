package org.tmshost.cli;

import org.tmshost.console.VirtualSubjects;
import org.tmshost.device.DeviceUri;
import org.tmshost.excitability.Trial;
import org.tmshost.excitability.TrialMeps;
import org.tmshost.simulator.subject.VirtualSubject;
import org.tmshost.threshold.AmplitudeStreamMepSource;
import org.tmshost.threshold.HuntPlan;
import org.tmshost.threshold.MepInputException;
import org.tmshost.yaml.InvalidFileException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code --mep operator|stream:FILE|virtual[:SUBJECT]} for a measurement: the amplitude the
 * operator reads off the EMG display and types after each trial (or {@code stop}), a file or pipe of
 * amplitudes, or a virtual subject that knows the whole trial (its conditioning pulse and interval).
 */
final class MeasurementMeps {
    private MeasurementMeps() {
    }

    /** The operator typed {@code stop}, or the input ended. */
    static final class Stopped extends InterruptedException {
        Stopped(String why) {
            super(why);
        }
    }

    /** The MEP input and what to close after the measurement. */
    record Opened(TrialMeps meps, Optional<BufferedReader> input) implements AutoCloseable {
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

    /** @throws IllegalArgumentException naming what is wrong with the request (exit 2) */
    static Opened open(String mep, DeviceUri device, boolean fast, long seed, PrintWriter out) throws InvalidFileException {
        boolean virtual = mep.equals("virtual") || mep.startsWith("virtual:");
        if (fast && !(virtual && device.simulated())) {
            throw new IllegalArgumentException("--fast runs the measurement in virtual time: only with a simulated "
                    + "device (sim:PROFILE) and --mep virtual[:SUBJECT]. A real measurement waits its 5-6.5 s between trials");
        }
        if (virtual) {
            if (!device.simulated()) {
                throw new IllegalArgumentException("--mep virtual is a simulated subject: only with a simulated device "
                        + "(sim:PROFILE), and " + device + " is not one. With a person, use --mep operator or stream:FILE");
            }
            String name = mep.equals("virtual") ? VirtualSubjects.DEFAULT : mep.substring("virtual:".length());
            VirtualSubject subject;
            try {
                subject = new VirtualSubject(VirtualSubjects.parameters(name), seed);
            } catch (HuntPlan.Refused e) {
                throw new IllegalArgumentException(e.getMessage());
            }
            String description = "virtual subject " + subject.parameters().name() + " (seed " + seed + ")";
            return new Opened(new TrialMeps() {
                @Override
                public double microvolts(Trial trial, long firedAtNanos) {
                    return subject.mepMicrovolts(trial.pulses().testPercentMso(), trial.pulses().conditioningPercentMso(),
                            trial.pulses().isiNanos() / 1e6);
                }

                @Override
                public String description() {
                    return description;
                }
            }, Optional.empty());
        }
        if (mep.startsWith("stream:")) {
            Path file = Path.of(mep.substring("stream:".length()));
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("--mep stream:" + file + ": no such file (MEP amplitudes in uV, one per "
                        + "line)");
            }
            try {
                BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                return new Opened(TrialMeps.of(new AmplitudeStreamMepSource(file.getFileName().toString(), reader),
                        "MEP amplitudes from " + file.getFileName()), Optional.of(reader));
            } catch (IOException e) {
                throw new IllegalArgumentException("--mep stream:" + file + ": cannot read: " + e.getMessage());
            }
        }
        if (mep.equals("operator")) {
            return new Opened(operator(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)), out),
                    Optional.empty());
        }
        throw new IllegalArgumentException("--mep operator|stream:FILE|virtual[:SUBJECT], not '" + mep + "'");
    }

    /** The operator types each trial's peak-to-peak amplitude in uV, or {@code stop}. */
    static TrialMeps operator(BufferedReader in, PrintWriter out) {
        return new TrialMeps() {
            @Override
            public double microvolts(Trial trial, long firedAtNanos) throws MepInputException, InterruptedException {
                while (true) {
                    out.printf(Locale.ROOT, "  trial %d: MEP peak-to-peak in uV (or 'stop')? ", trial.index() + 1);
                    out.flush();
                    String line;
                    try {
                        line = in.readLine();
                    } catch (IOException e) {
                        throw new MepInputException("cannot read the operator's input: " + e.getMessage());
                    }
                    if (line == null) {
                        throw new Stopped("no answer (end of input)");
                    }
                    String text = line.strip();
                    if (text.equalsIgnoreCase("stop")) {
                        throw new Stopped("'stop' at trial " + (trial.index() + 1));
                    }
                    try {
                        double value = Double.parseDouble(text);
                        if (value >= 0 && Double.isFinite(value)) {
                            return value;
                        }
                    } catch (NumberFormatException e) {
                        // asked again below
                    }
                    out.println("  a MEP amplitude is a number of uV >= 0, e.g. 850; or 'stop'");
                }
            }

            @Override
            public String description() {
                return "amplitudes typed by the operator";
            }
        };
    }
}
