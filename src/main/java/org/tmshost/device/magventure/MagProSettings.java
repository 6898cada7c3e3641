package org.tmshost.device.magventure;

import org.tmshost.device.DeviceFault;
import org.tmshost.device.FaultCodes;
import org.tmshost.device.ReadBackMismatch;
import org.tmshost.profile.HardwareProfile;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The MagPro's settings, each validated before it is sent and read back after: amplitudes (from the
 * amplitude-bearing message that confirms them, or a status request), Main page parameters and the
 * Timing page train (a set, then a get, compared). A read-back that differs is a
 * {@code readback-mismatch}.
 */
final class MagProSettings {
    private final HardwareProfile profile;
    private final MagProLink link;
    private final MagProDeviceState state;

    MagProSettings(HardwareProfile profile, MagProLink link, MagProDeviceState state) {
        this.profile = profile;
        this.link = link;
        this.state = state;
    }

    /** Channel 0 is amplitude A, channel 1 amplitude B (X100 with MagOption); returns the confirmed value. */
    int setOutput(int channel, int outputPercentMso) throws DeviceFault {
        int channels = profile.capabilities().channels();
        if (channel < 0 || channel >= channels) {
            throw new DeviceFault(FaultCodes.NO_SUCH_CHANNEL, "the " + profile.model() + " has no unit " + channel
                    + " (0 = amplitude A" + (channels > 1 ? ", 1 = amplitude B" : "") + ")");
        }
        int max = profile.limits().maxOutputPercentMso();
        if (outputPercentMso < 0 || outputPercentMso > max) {
            throw new DeviceFault(FaultCodes.OUTPUT_OUT_OF_RANGE, "output " + outputPercentMso + " % MSO is outside 0.." + max);
        }
        link.requireLink();
        if (channels > 1 && (state.amplitudeA() < 0 || state.amplitudeB() < 0)) {
            link.requestStatus();
        }
        int wantA = channel == 0 ? outputPercentMso : state.amplitudeA();
        int wantB = channel == 1 ? outputPercentMso : state.amplitudeB();
        long after = link.mark();
        link.send(channels > 1 ? MagProCommands.amplitude(wantA, wantB) : MagProCommands.amplitude(wantA));
        Predicate<MagProMessage> matches = m -> m instanceof MagProMessage.WithAmplitudes a && a.amplitudeA() == wantA
                && (channels < 2 || a.amplitudeB() == wantB);
        if (link.await(after, matches) == null) {
            MagProMessage.Status status = link.requestStatus();
            if (!matches.test(status)) {
                throw mismatch("amplitude set to A " + wantA + (channels > 1 ? ", B " + wantB : "") + " %",
                        "A " + status.amplitudeA() + (channels > 1 ? ", B " + status.amplitudeB() : "") + " %");
            }
        }
        return channel == 0 ? wantA : wantB;
    }

    /**
     * Writes Main page settings (mode, waveform, burst), reads them back with a get and compares.
     * Biphasic Burst needs a profile with native bursts (X100).
     */
    void configure(MainParameters main) throws DeviceFault {
        MagProModel model = knownModel();
        List<String> problems = main.problems(model);
        if (main.waveform() == MagProWaveform.BIPHASIC_BURST && !profile.capabilities().nativeBursts()) {
            problems = new ArrayList<>(problems);
            problems.add("the profile " + profile.name() + " has no native bursts");
        }
        if (!problems.isEmpty()) {
            throw new DeviceFault(MagProStimulator.INVALID_PARAMETER, "main parameters not sent: " + String.join("; ", problems));
        }
        link.send(MagProCommands.setMainParameters(model, main));
        long after = link.mark();
        link.send(MagProCommands.getMainParameters());
        MagProMessage reply = link.await(after, m -> m instanceof MagProMessage.MainParametersReply);
        if (!(reply instanceof MagProMessage.MainParametersReply read)) {
            throw new DeviceFault(MagProStimulator.NO_REPLY, "the MagPro did not report its main parameters; check the link");
        }
        boolean same = read.mode() == main.mode() && read.waveform() == main.waveform()
                && read.reverseCurrent() == main.reverseCurrent()
                && (main.waveform() != MagProWaveform.BIPHASIC_BURST
                || (read.burstPulses() == main.burstPulses() && read.ipiTenthsMs() == main.ipiTenthsMs()))
                && (!main.mode().paired() || read.ipiTenthsMs() == main.ipiTenthsMs())
                && (main.mode() != MagProMode.TWIN || read.baRatioHundredths() == main.baRatioHundredths());
        if (!same) {
            throw mismatch("main parameters sent " + main, read.toString());
        }
        link.requestStatus();
    }

    /**
     * Selects the Timing page and writes the train sequence (command 0x0B), validated first against
     * the device's model, mode and waveform, then read back with a get and compared.
     */
    void loadTrain(TrainParameters train) throws DeviceFault {
        MagProModel model = knownModel();
        MagProStatusByte status = state.lastStatus();
        List<String> problems = train.problems(model, status.mode(), status.waveform());
        if (!problems.isEmpty()) {
            throw new DeviceFault(MagProStimulator.INVALID_PARAMETER, "train not sent: " + String.join("; ", problems));
        }
        link.send(MagProCommands.setPage(MagProPage.TIMING));
        link.send(MagProCommands.setTimingMenu(train));
        long after = link.mark();
        link.send(MagProCommands.getTimingMenu());
        MagProMessage reply = link.await(after, m -> m instanceof MagProMessage.TimingMenu);
        if (!(reply instanceof MagProMessage.TimingMenu read)) {
            throw new DeviceFault(MagProStimulator.NO_REPLY, "the MagPro did not report its timing menu; check the link");
        }
        TrainParameters got = read.train();
        if (!got.equals(train)) {
            throw mismatch("train sent " + train, got.toString());
        }
    }

    /** The model the device reports, asking for its status first if none came yet. */
    MagProModel knownModel() throws DeviceFault {
        if (state.lastStatus() == null || state.lastStatus().model() == null) {
            link.requestStatus();
        }
        MagProModel model = state.lastStatus().model();
        if (model == null) {
            throw new DeviceFault(MagProStimulator.WRONG_MODEL, "the device reports an undocumented model code");
        }
        return model;
    }

    private static DeviceFault mismatch(String written, String reported) {
        return ReadBackMismatch.fault(written, "the device reports " + reported, "do not stimulate, check the device");
    }
}
