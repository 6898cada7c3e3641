package org.tmshost.cli;

import org.tmshost.excitability.Condition;
import org.tmshost.excitability.MeasurementKind;
import org.tmshost.excitability.MeasurementPlan;
import org.tmshost.protocol.Intensity;
import org.tmshost.protocol.ThresholdKind;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.math.BigDecimal;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code tmshost measure excitability|recruitment} (contracts.md §7, docs/excitability.md). */
@Command(name = "measure", description = "Measure cortical excitability: paired-pulse SICI/ICF or a recruitment curve, "
        + "through the session's pulse path, every trial and its MEP recorded.",
        subcommands = {MeasureCommand.Excitability.class, MeasureCommand.Recruitment.class})
final class MeasureCommand {

    @Command(name = "excitability", description = {"Paired-pulse excitability: the test pulse alone and conditioned "
            + "(SICI, ICF), randomised in balanced blocks; each condition's ratio to the test alone with a 95% "
            + "bootstrap interval.",
            "Exit codes: 0 completed; 2 bad input; 3 refused (envelope, device, arming); 4 device or link fault; "
                    + "5 stopped or aborted by an interlock."})
    static final class Excitability implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        MeasurementOptions options;

        @Option(names = "--conditions", paramLabel = "LIST", description = "Conditions, e.g. "
                + Condition.DEFAULT_CONDITIONS + " (the default): test, sici-MS (up to 5 ms), icf-MS (7-20 ms), isi-MS.")
        String conditions;

        @Option(names = "--isi-ms", paramLabel = "LIST", description = "Conditioned intervals in ms instead of "
                + "--conditions, e.g. 2,3,10,12 (the test alone is always measured).")
        String isiMs;

        @Option(names = "--conditioning", paramLabel = "P%RMT", defaultValue = "80%RMT",
                description = "Conditioning pulse (unit A), %% of the RMT (default ${DEFAULT-VALUE}).")
        String conditioning;

        @Option(names = "--test", paramLabel = "P%RMT", defaultValue = "120%RMT",
                description = "Test pulse (unit B), %% of the RMT (default ${DEFAULT-VALUE}).")
        String test;

        @Override
        public Integer call() throws Exception {
            MeasurementPlan plan;
            try {
                if (conditions != null && isiMs != null) {
                    throw new IllegalArgumentException("give --conditions or --isi-ms, not both");
                }
                List<Condition> list = isiMs != null ? Condition.parseIntervals(isiMs)
                        : Condition.parseNames(conditions == null ? Condition.DEFAULT_CONDITIONS : conditions);
                plan = new MeasurementPlan(MeasurementKind.PAIRED_PULSE, list, options.trials(),
                        options.rmt(spec), percentRmt("--conditioning", conditioning), percentRmt("--test", test),
                        options.interval(), options.jitter(),
                        options.seed());
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
            return new MeasurementRun(options, spec).run(plan);
        }
    }

    @Command(name = "recruitment", description = {"Recruitment (input-output) curve: test pulses alone at several "
            + "intensities, randomised in balanced blocks, fitted with a Boltzmann sigmoid (MEPmax, S50, slope with "
            + "95% intervals), or told why not.",
            "Exit codes: as 'measure excitability'."})
    static final class Recruitment implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        MeasurementOptions options;

        @Option(names = "--intensities", paramLabel = "LIST", defaultValue = "90,100,110,120,130,140,150%RMT",
                description = "Intensities in %% of the RMT (default ${DEFAULT-VALUE}).")
        String intensities;

        @Override
        public Integer call() throws Exception {
            MeasurementPlan plan;
            try {
                plan = new MeasurementPlan(MeasurementKind.RECRUITMENT,
                        Condition.parseIntensities(intensities), options.trials(), options.rmt(spec),
                        MeasurementPlan.DEFAULT_CONDITIONING_PERCENT_RMT, MeasurementPlan.DEFAULT_TEST_PERCENT_RMT,
                        options.interval(), options.jitter(),
                        options.seed());
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
            return new MeasurementRun(options, spec).run(plan);
        }
    }

    /** {@code 80%RMT}, {@code 80% RMT} or {@code 80}: percent of the RMT. */
    static BigDecimal percentRmt(String option, String text) {
        String t = text.strip();
        if (t.matches("\\d+(\\.\\d+)?")) {
            t = t + "% RMT";
        }
        Intensity intensity;
        try {
            intensity = Intensity.parse(t.replaceAll("(?i)%\\s*RMT$", "% RMT"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + " " + text + ": expected a percentage of the RMT, e.g. 80%RMT");
        }
        if (!(intensity instanceof Intensity.Relative relative) || relative.threshold() != ThresholdKind.RMT) {
            throw new IllegalArgumentException(option + " " + text + ": intensities of a measurement are relative to "
                    + "the RMT, e.g. 80%RMT");
        }
        return relative.percent();
    }
}
