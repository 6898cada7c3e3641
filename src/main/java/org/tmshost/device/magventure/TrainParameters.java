package org.tmshost.device.magventure;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The Timing page (command 0x0B): a device-timed sequence of trains. Units are those on the wire.
 * Ranges and grids follow pytms (reference §3b "Value ranges"): the extended-rate mode (0.1 pps
 * steps above 1 pps) is not used.
 *
 * @param repRateTenthsPps pulses (or bursts) per second in a train, x10: 1..1000
 * @param pulsesInTrain    1..1000, then 1100..2000 in steps of 100
 * @param numberOfTrains   1..500
 * @param itiTenthsSeconds inter-train interval (last pulse to next train's first pulse), x10: 1..3000
 * @param rampUpPercent    level of the first train, 70..100 in steps of 5
 * @param rampUpTrains     trains over which the ramp-up acts, 1..10
 */
public record TrainParameters(TimingControl timingControl, int repRateTenthsPps, int pulsesInTrain, int numberOfTrains,
                              int itiTenthsSeconds, boolean priorWarningSound, int rampUpPercent, int rampUpTrains) {

    /** A host-started sequence without warning sound or ramp-up. */
    public static TrainParameters sequence(BigDecimal repRatePps, int pulsesInTrain, int numberOfTrains,
                                           BigDecimal itiSeconds) {
        return new TrainParameters(TimingControl.SEQUENCE, tenths(repRatePps, "repetition rate"), pulsesInTrain,
                numberOfTrains, tenths(itiSeconds, "inter-train interval"), false, 100, 10);
    }

    private static int tenths(BigDecimal value, String what) {
        BigDecimal scaled = value.movePointRight(1);
        if (scaled.stripTrailingZeros().scale() > 0) {
            throw new IllegalArgumentException(what + " " + value.toPlainString() + " is not a multiple of 0.1");
        }
        return scaled.intValueExact();
    }

    /** Highest repetition rate in pps for this model, mode and waveform (pytms {@code _RATEs}). */
    public static int maxRepRatePps(MagProModel model, MagProMode mode, MagProWaveform waveform) {
        if (model.isR30Family()) {
            return model.hasOption() && mode.paired() ? 5 : 30;
        }
        if (waveform == MagProWaveform.BIPHASIC_BURST) {
            return 20;
        }
        if (model == MagProModel.X100_OPTION && mode.paired()) {
            return waveform == MagProWaveform.MONOPHASIC ? 5 : 50;
        }
        return 100;
    }

    /** Everything wrong with these parameters for the device as it is set up; empty when valid. */
    public List<String> problems(MagProModel model, MagProMode mode, MagProWaveform waveform) {
        var problems = new ArrayList<String>();
        if (model == MagProModel.MST || model == null) {
            problems.add("train limits of this model are not known to tmshost");
            return problems;
        }
        int max = maxRepRatePps(model, mode, waveform);
        if (repRateTenthsPps < 1 || repRateTenthsPps > max * 10 || (repRateTenthsPps > 10 && repRateTenthsPps % 10 != 0)) {
            problems.add("repetition rate " + decimal(repRateTenthsPps) + " pps: expected 0.1..1.0 in steps of 0.1 or a whole"
                    + " number up to " + max + " pps (" + model.displayName() + ", " + mode + ", " + waveform + ")");
        }
        boolean pulsesOnGrid = (pulsesInTrain >= 1 && pulsesInTrain <= 1000)
                || (pulsesInTrain >= 1100 && pulsesInTrain <= 2000 && pulsesInTrain % 100 == 0);
        if (!pulsesOnGrid) {
            problems.add("pulses in train " + pulsesInTrain + ": expected 1..1000, or 1100..2000 in steps of 100");
        }
        if (numberOfTrains < 1 || numberOfTrains > 500) {
            problems.add("number of trains " + numberOfTrains + ": expected 1..500");
        }
        if (itiTenthsSeconds < 1 || itiTenthsSeconds > 3000) {
            problems.add("inter-train interval " + decimal(itiTenthsSeconds) + " s: expected 0.1..300 s");
        }
        if (rampUpPercent < 70 || rampUpPercent > 100 || rampUpPercent % 5 != 0) {
            problems.add("ramp-up " + rampUpPercent + " %: expected 70..100 in steps of 5");
        }
        if (rampUpTrains < 1 || rampUpTrains > 10) {
            problems.add("ramp-up trains " + rampUpTrains + ": expected 1..10");
        }
        return problems;
    }

    private static String decimal(int tenths) {
        return BigDecimal.valueOf(tenths, 1).toPlainString();
    }
}
