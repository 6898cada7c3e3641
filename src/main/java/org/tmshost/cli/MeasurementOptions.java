package org.tmshost.cli;

import org.tmshost.excitability.MeasurementPlan;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

import java.math.BigDecimal;
import java.util.SplittableRandom;

/** What both kinds of measurement are told: the device, the subject, the RMT, the MEPs, the trials. */
final class MeasurementOptions {
    @Option(names = "--device", paramLabel = "URI", required = true,
            description = "sim:PROFILE, serial:/dev/PORT?profile=P or tcp://HOST:PORT?profile=P")
    String device;

    @Option(names = "--profile", paramLabel = "P", required = true, description = "Hardware profile name or file.")
    String profile;

    @Option(names = "--subject", paramLabel = "ID", required = true, description = "Subject id (pseudonymous; "
            + "normalised as for 'run').")
    String subject;

    @Option(names = "--rmt", paramLabel = "X", required = true, description = "Resting motor threshold, %% MSO: "
            + "the intensities are relative to it.")
    BigDecimal rmt;

    @Option(names = "--trials", paramLabel = "N", description = "Trials per condition (1-"
            + MeasurementPlan.MAX_TRIALS_PER_CONDITION + "; default " + MeasurementPlan.DEFAULT_TRIALS + ").")
    Integer trials;

    @Option(names = "--interval", paramLabel = "SECONDS", description = "Inter-trial interval, s, at least 4 "
            + "(default 5).")
    BigDecimal interval;

    @Option(names = "--jitter", paramLabel = "SECONDS", description = "Up to this much more, uniformly at random, "
            + "so the subject cannot anticipate the pulse (default 1.5).")
    BigDecimal jitter;

    @Option(names = "--mep", paramLabel = "SOURCE", required = true, description = "Where each trial's MEP comes from: "
            + "operator (typed in uV after each trial), stream:FILE (amplitudes in uV, one per line), "
            + "virtual[:SUBJECT] (a simulated subject; sim: devices only).")
    String mep;

    @Option(names = "--seed", paramLabel = "S", description = "Seeds the order of the trials, their jitter, the "
            + "bootstrap and a virtual subject (recorded; random when not given).")
    Long seed;

    @Option(names = "--fast", description = "Run in virtual time: a simulated device (sim:PROFILE) with a virtual "
            + "subject only; nobody is stimulated, so no confirmations are asked.")
    boolean fast;

    @Option(names = "--course", paramLabel = "ID", description = "Attach the measurement to this treatment course "
            + "(the subject's own).")
    String course;

    @Option(names = "--course-session", paramLabel = "N", description = "The course's session number it belongs to "
            + "(with --course).")
    Integer courseSession;

    @Option(names = "--operator", paramLabel = "ID", description = "Operator id, recorded (default: the login name); "
            + "a site user once the site has users.")
    String operator;

    @Option(names = "--yes", description = "Confirm hearing protection and safety screening non-interactively.")
    boolean yes;

    @Option(names = "--json", description = "The results as JSON (contracts.md §7).")
    boolean json;

    @Mixin
    EnvelopeOptions envelopeOptions;

    private Long chosenSeed;

    BigDecimal interval() {
        return interval == null ? MeasurementPlan.DEFAULT_INTER_TRIAL_SECONDS : interval;
    }

    BigDecimal jitter() {
        return jitter == null ? MeasurementPlan.DEFAULT_JITTER_SECONDS : jitter;
    }

    int trials() {
        return trials == null ? MeasurementPlan.DEFAULT_TRIALS : trials;
    }

    BigDecimal rmt(CommandSpec spec) {
        if (rmt.signum() <= 0 || rmt.compareTo(BigDecimal.valueOf(100)) > 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--rmt must be in (0, 100] %MSO, was "
                    + rmt.toPlainString());
        }
        return rmt;
    }

    /** The seed given, or one drawn once (and recorded). */
    long seed() {
        if (chosenSeed == null) {
            chosenSeed = seed != null ? seed : new SplittableRandom().nextLong() >>> 16; // short enough to type again
        }
        return chosenSeed;
    }

    String operator() {
        return operator != null ? operator : System.getProperty("user.name", "operator");
    }
}
