package org.tmshost.device.magventure;

import java.util.ArrayList;
import java.util.List;

/**
 * The Main page settings written with command 0x09 (set): mode, current direction, waveform and
 * the burst / paired-pulse parameters. With {@link MagProWaveform#BIPHASIC_BURST} one trigger
 * delivers a burst of {@code burstPulses} pulses {@code ipiTenthsMs} apart (native TBS on the X100).
 * In Twin/Dual mode one trigger delivers pulse A then pulse B {@code ipiTenthsMs} later.
 *
 * @param burstPulses       2..5 (sent as the index 5 - pulses)
 * @param ipiTenthsMs       inter-pulse interval x10, on the {@link MagProIpiGrid} of the mode
 * @param baRatioHundredths Twin mode B/A amplitude ratio x100: 20..500 in steps of 5
 */
public record MainParameters(MagProMode mode, boolean reverseCurrent, MagProWaveform waveform, int burstPulses,
                             int ipiTenthsMs, int baRatioHundredths) {

    /** Biphasic Burst in Standard mode: native theta burst. */
    public static MainParameters biphasicBurst(int burstPulses, int ipiTenthsMs) {
        return new MainParameters(MagProMode.STANDARD, false, MagProWaveform.BIPHASIC_BURST, burstPulses, ipiTenthsMs, 100);
    }

    /** Everything this model cannot do with these settings (pytms {@code _MODEs}, {@code _wvForms}); empty when valid. */
    public List<String> problems(MagProModel model) {
        var problems = new ArrayList<String>();
        if (model == null || model == MagProModel.MST) {
            problems.add("main parameters of this model are not known to tmshost");
            return problems;
        }
        boolean modeOk = switch (model) {
            case R30, X100 -> mode == MagProMode.STANDARD;
            case R30_OPTION -> mode != MagProMode.POWER;
            default -> true;
        };
        if (!modeOk) {
            problems.add("mode " + mode + " is not available on the " + model.displayName());
        }
        if (reverseCurrent && model.isR30Family() && model != MagProModel.R30_OPTION_MONO) {
            problems.add("reverse current direction is not available on the " + model.displayName());
        }
        boolean waveformOk = switch (model) {
            case R30 -> waveform == MagProWaveform.BIPHASIC;
            case R30_OPTION -> waveform == MagProWaveform.MONOPHASIC || waveform == MagProWaveform.BIPHASIC;
            case X100 -> waveform != MagProWaveform.HALF_SINE;
            default -> true;
        };
        if (!waveformOk) {
            problems.add("waveform " + waveform + " is not available on the " + model.displayName());
        }
        if (burstPulses < 2 || burstPulses > 5) {
            problems.add("burst pulses " + burstPulses + ": expected 2..5");
        }
        if (MagProIpiGrid.forSetting(mode, waveform).indexOf(ipiTenthsMs) < 0) {
            problems.add("inter-pulse interval " + ipiTenthsMs / 10.0 + " ms is not one the device offers in " + mode
                    + " mode");
        }
        if (baRatioHundredths < 20 || baRatioHundredths > 500 || baRatioHundredths % 5 != 0) {
            problems.add("B/A ratio " + baRatioHundredths / 100.0 + ": expected 0.20..5.00 in steps of 0.05");
        }
        return problems;
    }
}
