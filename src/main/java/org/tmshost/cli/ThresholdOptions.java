package org.tmshost.cli;

import org.tmshost.protocol.MotorThresholds;
import org.tmshost.protocol.ThresholdMethod;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** The subject's motor thresholds, as given on the command line. */
final class ThresholdOptions {
    @Option(names = "--rmt", paramLabel = "X", description = "Resting motor threshold, %% MSO (0 < X <= 100).")
    Double rmt;

    @Option(names = "--amt", paramLabel = "Y", description = "Active motor threshold, %% MSO (0 < Y <= 100).")
    Double amt;

    @Option(names = "--mt-method", paramLabel = "emg|visual",
            description = "How the thresholds were found; visual thresholds read ~11%% high (Westin 2014).")
    String method;

    MotorThresholds toThresholds(CommandLine.Model.CommandSpec spec) {
        ThresholdMethod parsed = ThresholdMethod.UNSTATED;
        if (method != null) {
            try {
                parsed = ThresholdMethod.valueOf(method.toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--mt-method must be emg or visual, not '" + method + "'");
            }
        }
        check(spec, "--rmt", rmt);
        check(spec, "--amt", amt);
        return MotorThresholds.of(rmt, amt, parsed);
    }

    private static void check(CommandLine.Model.CommandSpec spec, String option, Double value) {
        if (value != null && (!(value > 0) || value > 100 || value.isNaN())) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    option + " must be a threshold in %MSO, greater than 0 and at most 100 (was " + value + ")");
        }
    }
}
