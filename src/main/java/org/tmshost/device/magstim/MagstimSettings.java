package org.tmshost.device.magstim;

import org.tmshost.device.DeviceFault;
import org.tmshost.device.FaultCodes;
import org.tmshost.device.ReadBackMismatch;
import org.tmshost.profile.HardwareProfile;

/**
 * A Magstim's settings, each written and then read back ({@code J@} on 200²/BiStim², {@code \@} on
 * Rapid²): the units' outputs and the BiStim²'s interval and timing resolution, with the reads
 * behind them ({@code J@}, {@code \@}, {@code F@}, {@code I@}). A read-back that differs disarms
 * the unit and is a {@code readback-mismatch}.
 */
final class MagstimSettings {
    private final HardwareProfile profile;
    private final MagstimModel model;
    private final SoftwareVersion version;
    private final MagstimPort port;
    private final MagstimDeviceState state;
    private volatile boolean powerWritten;

    MagstimSettings(HardwareProfile profile, MagstimModel model, SoftwareVersion version, MagstimPort port,
                    MagstimDeviceState state) {
        this.profile = profile;
        this.model = model;
        this.version = version;
        this.port = port;
        this.state = state;
    }

    /** Channel 0 is power A ({@code @nnn}); channel 1 is BiStim power B ({@code Annn}). Returns the read-back. */
    int setOutput(int channel, int outputPercentMso) throws DeviceFault {
        if (channel < 0 || channel > 1 || (channel == 1 && model != MagstimModel.BISTIM)) {
            throw new DeviceFault(FaultCodes.NO_SUCH_CHANNEL, "a " + profile.model() + " has no unit " + channel
                    + " on its serial protocol");
        }
        if (outputPercentMso < 0 || outputPercentMso > profile.limits().maxOutputPercentMso()) {
            throw new DeviceFault(FaultCodes.OUTPUT_OUT_OF_RANGE, "output " + outputPercentMso + "% MSO is outside 0.."
                    + profile.limits().maxOutputPercentMso() + " for " + profile.name());
        }
        port.acknowledged(channel == 0 ? MagstimCommands.setPowerA(outputPercentMso)
                : MagstimCommands.setPowerB(outputPercentMso));
        int readBack;
        if (model == MagstimModel.RAPID) {
            readBack = rapidParameters().powerPercentMso();
        } else {
            PowerSettings settings = powerSettings();
            readBack = channel == 0 ? settings.powerA() : settings.powerB();
        }
        verify("output of unit " + channel + " (%MSO)", outputPercentMso, readBack);
        powerWritten = true;
        return readBack;
    }

    /** Whether an output was written and read back (the Rapid's frequency must come after its power). */
    boolean powerWritten() {
        return powerWritten;
    }

    /** BiStim² inter-pulse interval ({@code Cnnn}), in ms or, in hi-res mode, 0.1 ms; read back by {@code J@}. */
    int setInterPulseInterval(int intervalSteps) throws DeviceFault {
        requireModel(MagstimModel.BISTIM, "an inter-pulse interval");
        port.acknowledged(MagstimCommands.setInterPulseInterval(intervalSteps));
        int readBack = powerSettings().interPulseInterval();
        verify("inter-pulse interval", intervalSteps, readBack);
        return readBack;
    }

    /** BiStim² 0.1 ms interval resolution on ({@code Y@}) or off ({@code Z@}); refused while armed; not read back. */
    void setHighResolutionTiming(boolean on) throws DeviceFault {
        requireModel(MagstimModel.BISTIM, "hi-res timing");
        port.acknowledged(MagstimCommands.setHighResolutionTiming(on));
    }

    /** {@code \@}. */
    RapidParameters rapidParameters() throws DeviceFault {
        requireModel(MagstimModel.RAPID, "Rapid parameters");
        MagstimReply.Acknowledged reply = port.acknowledged(MagstimCommands.getRapidParameters(version));
        return RapidParameters.parse(reply.payload(), version).orElseThrow(() -> malformed(reply));
    }

    /** {@code J@} (200², BiStim²). */
    PowerSettings powerSettings() throws DeviceFault {
        if (model == MagstimModel.RAPID) {
            throw new DeviceFault(FaultCodes.UNSUPPORTED, "the Rapid reports its parameters with rapidParameters()");
        }
        MagstimReply.Acknowledged reply = port.acknowledged(MagstimCommands.getParameters());
        return PowerSettings.parse(reply.payload()).orElseThrow(() -> malformed(reply));
    }

    /** {@code F@}. */
    CoilTemperatures coilTemperatures() throws DeviceFault {
        MagstimReply.Acknowledged reply = port.acknowledged(MagstimCommands.getCoilTemperature());
        CoilTemperatures temperatures = CoilTemperatures.parse(reply.payload()).orElseThrow(() -> malformed(reply));
        state.coilTemperature(temperatures.hottestCelsius());
        return temperatures;
    }

    /**
     * Connect-time read of the coil temperature ({@code F@}), waiting at most {@code lockWaitMillis}
     * for the port. A unit that does not answer {@code F@} (the command is in MagPy and MAGIC, not in
     * the vendor's Rev 1.0/5.1 documents) keeps no reading, which the arming checks report; a unit
     * that answers garbage is a malformed-reply fault.
     */
    void readCoilTemperatureAtOpen(long lockWaitMillis) throws DeviceFault {
        MagstimReply reply = port.exchange(MagstimCommands.getCoilTemperature(), lockWaitMillis);
        if (reply instanceof MagstimReply.Acknowledged acknowledged) {
            state.coilTemperature(CoilTemperatures.parse(acknowledged.payload())
                    .orElseThrow(() -> malformed(acknowledged)).hottestCelsius());
        } else if (((MagstimReply.Failed) reply).fault() != ReplyFault.UNKNOWN_COMMAND) {
            throw ((MagstimReply.Failed) reply).toDeviceFault();
        }
    }

    /** {@code I@}. */
    ErrorCode errorCode() throws DeviceFault {
        MagstimReply.Acknowledged reply = port.acknowledged(MagstimCommands.getErrorCode());
        return ErrorCode.parse(reply.payload()).orElseThrow(() -> malformed(reply));
    }

    /** A read-back that differs from what was written: disarms ({@code EA}) and throws. */
    void verify(String what, int written, int readBack) throws DeviceFault {
        if (written != readBack) {
            throw mismatch("wrote " + what + " " + written, "the stimulator reports " + readBack,
                    "it was disarmed. Check the unit before continuing");
        }
    }

    /** Disarms ({@code EA}) and returns the mismatch to throw. */
    DeviceFault mismatch(String written, String reported, String consequence) {
        port.command(MagstimCommands.disarm());
        return ReadBackMismatch.fault(written, reported, consequence);
    }

    void requireModel(MagstimModel required, String what) throws DeviceFault {
        if (model != required) {
            throw new DeviceFault(FaultCodes.UNSUPPORTED, "a " + profile.model() + " has no " + what + " on its serial protocol");
        }
    }

    private static DeviceFault malformed(MagstimReply.Acknowledged reply) {
        return new DeviceFault(ReplyFault.MALFORMED.code(), ReplyFault.MALFORMED.description() + " (reply to '"
                + reply.command() + "': " + reply.payload().length() + " data bytes)");
    }
}
