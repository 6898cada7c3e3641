package org.tmshost.device.magstim;

import org.tmshost.device.DeviceFault;
import org.tmshost.device.FaultCodes;
import org.tmshost.device.PulseTrigger;
import org.tmshost.device.TrainSetting;
import org.tmshost.device.TrainTimer;

/**
 * What a Rapid² or BiStim² times itself, loaded and read back before arming: the Rapid²'s train
 * ({@code B}, {@code D}, {@code [}; one {@code EH} starts it) or single-pulse mode (duration 0), and
 * the BiStim²'s pair ({@code Y@}/{@code Z@} resolution and {@code C} interval, read back with
 * {@code X@} and {@code J@}; one {@code EH} fires unit A, then unit B after the interval).
 */
final class MagstimTrainTimer implements TrainTimer {
    private final MagstimModel model;
    private final SoftwareVersion version;
    private final MagstimPort port;
    private final MagstimSettings settings;
    private final MagstimDeviceState state;
    private final PulseTrigger trigger;

    MagstimTrainTimer(MagstimModel model, SoftwareVersion version, MagstimPort port, MagstimSettings settings,
                      MagstimDeviceState state, PulseTrigger trigger) {
        this.model = model;
        this.version = version;
        this.port = port;
        this.settings = settings;
        this.state = state;
        this.trigger = trigger;
    }

    @Override
    public void singlePulses() throws DeviceFault {
        if (model == MagstimModel.BISTIM) {
            throw new DeviceFault("bistim-fires-both-units", "a BiStim² fires both units on every trigger;"
                    + " single pulses need one 200² unit on its own profile");
        }
        setSinglePulseMode();
    }

    @Override
    public void load(TrainSetting train) throws DeviceFault {
        if (model == MagstimModel.BISTIM) {
            loadPair(train);
        } else {
            configureTrain(train.frequencyTenthsHz(), train.pulses());
        }
    }

    @Override
    public PulseTrigger starter() {
        return trigger; // one EH: a Rapid train in train mode, a BiStim pair
    }

    /**
     * Rapid² train: frequency ({@code B}, 0.1 Hz), pulses ({@code D}), then the coupled duration
     * ({@code [}, 0.1 s) = pulses / frequency, and reads all three back. The output must have been
     * set first (TDb 087: power before frequency, the maximum frequency depends on power). The
     * duration must come out as a whole number of 0.1 s, at least 0.1 s (duration 0 means
     * single-pulse mode, so shorter trains cannot be set over serial: MagPy #12).
     */
    RapidParameters configureTrain(int frequencyTenthsHz, int pulses) throws DeviceFault {
        settings.requireModel(MagstimModel.RAPID, "device-timed trains");
        if (!settings.powerWritten()) {
            throw new DeviceFault("magstim-power-before-frequency", "set the output before the train frequency: "
                    + "the Rapid's maximum frequency depends on its power");
        }
        if (frequencyTenthsHz <= 0 || pulses <= 0) {
            throw new DeviceFault("train-invalid", "a train needs a positive frequency and pulse count");
        }
        long numerator = 100L * pulses;
        if (numerator % frequencyTenthsHz != 0 || numerator / frequencyTenthsHz < 1) {
            throw new DeviceFault("train-duration-not-representable", pulses + " pulses at "
                    + frequencyTenthsHz / 10.0 + " Hz last " + (pulses * 10.0 / frequencyTenthsHz)
                    + " s; the Rapid sets durations in whole 0.1 s of at least 0.1 s. Use TTL triggers for this train");
        }
        int durationTenths = (int) (numerator / frequencyTenthsHz);
        try {
            port.acknowledged(MagstimCommands.setFrequency(frequencyTenthsHz));
            port.acknowledged(MagstimCommands.setPulseCount(pulses, version));
            port.acknowledged(MagstimCommands.setDuration(durationTenths, version));
        } catch (IllegalArgumentException e) {
            throw new DeviceFault("train-invalid", e.getMessage());
        }
        RapidParameters readBack = settings.rapidParameters();
        settings.verify("train frequency (0.1 Hz)", frequencyTenthsHz, readBack.frequencyTenthsHz());
        settings.verify("pulses per train", pulses, readBack.pulses());
        settings.verify("train duration (0.1 s)", durationTenths, readBack.durationTenthsSecond());
        state.trainLoaded(durationTenths * 100_000_000L);
        return readBack;
    }

    /** Rapid² single-pulse mode: duration 0 ({@code [000}), read back. */
    void setSinglePulseMode() throws DeviceFault {
        settings.requireModel(MagstimModel.RAPID, "single-pulse mode");
        port.acknowledged(MagstimCommands.setDuration(0, version));
        settings.verify("train duration (0.1 s)", 0, settings.rapidParameters().durationTenthsSecond());
        state.trainLoaded(0);
    }

    /**
     * Sets the BiStim² pair: hi-res (0.1 ms steps) when the interval fits 0.1-99.9 ms, else whole ms,
     * then the interval (read back by {@code J@}), then reads the system mode ({@code X@}): the
     * interval's unit depends on it. The resolution is refused while armed (MagPy's
     * BiStim.highResolutionMode), so it is sent only when the system mode says it differs: a measurement
     * sets each trial's interval while armed, at the resolution it armed with. (Mode 1, simultaneous
     * discharge at interval 0, does not say the resolution: it is sent then, as before arming.)
     */
    private void loadPair(TrainSetting pair) throws DeviceFault {
        if (!pair.pair()) {
            throw new DeviceFault(FaultCodes.UNSUPPORTED, "a BiStim² times pairs of its two units, not trains");
        }
        long isi = pair.intervalNanos();
        boolean hiRes = isi % 100_000L == 0 && isi <= 99_900_000L;
        if (!hiRes && isi % 1_000_000L != 0) {
            throw new DeviceFault("bistim-interval-not-representable", "a BiStim² cannot be set to " + isi / 1e6
                    + " ms between its units");
        }
        String expected = hiRes ? "4" : "2"; // master, high- or low-resolution BiStim mode (cboulay README)
        if (!systemMode().equals(expected)) {
            settings.setHighResolutionTiming(hiRes);
        }
        settings.setInterPulseInterval((int) (hiRes ? isi / 100_000L : isi / 1_000_000L));
        String mode = systemMode();
        if (!mode.equals(expected)) {
            throw settings.mismatch("set the BiStim to " + (hiRes ? "high" : "low") + "-resolution timing",
                    "it reports system mode '" + mode + "'", "it was disarmed");
        }
    }

    /** {@code X@}: the BiStim²'s system mode. */
    private String systemMode() throws DeviceFault {
        return port.acknowledged(MagstimCommands.getSystemMode()).payload();
    }
}
