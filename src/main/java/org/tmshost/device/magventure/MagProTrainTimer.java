package org.tmshost.device.magventure;

import org.tmshost.device.DeviceFault;
import org.tmshost.device.PulseTrigger;
import org.tmshost.device.TrainSetting;
import org.tmshost.device.TrainTimer;

import java.math.BigDecimal;

/**
 * What the MagPro times for a session's delivery, each read back: single pulses (Standard mode,
 * biphasic), a train (Timing page, one train per load, started with {@code 04}), a Biphasic Burst
 * train (one trigger of the train is one burst), or a pair (Dual mode with the interval; one
 * {@code 03 01} per pair).
 */
final class MagProTrainTimer implements TrainTimer {
    /** A train is started by the host; the device's own inter-train interval never runs (one train per load). */
    private static final BigDecimal UNUSED_ITI_SECONDS = BigDecimal.ONE;
    /** An interval on the Standard mode grid; unused outside bursts and pairs, but sent with the mode. */
    private static final int STANDARD_IPI_TENTHS_MS = 100;

    private final MagProSettings settings;
    private final MagProDeviceState state;
    private final MagProPulsePath pulses;
    private volatile boolean loadedPair;

    MagProTrainTimer(MagProSettings settings, MagProDeviceState state, MagProPulsePath pulses) {
        this.settings = settings;
        this.state = state;
        this.pulses = pulses;
    }

    /** Standard mode with a single-pulse waveform, so one trigger is one pulse. */
    @Override
    public void singlePulses() throws DeviceFault {
        settings.knownModel();
        MagProStatusByte status = state.lastStatus();
        if (status.mode() != MagProMode.STANDARD || status.waveform() == MagProWaveform.BIPHASIC_BURST) {
            settings.configure(new MainParameters(MagProMode.STANDARD, false, MagProWaveform.BIPHASIC, 2,
                    STANDARD_IPI_TENTHS_MS, 100));
        }
        loadedPair = false;
        state.pulsesPerReport(1);
    }

    /** A train on the Timing page, or a pair in Dual mode (amplitude A, then B after the interval). */
    @Override
    public void load(TrainSetting train) throws DeviceFault {
        if (train.pair()) {
            long tenths = train.intervalNanos() / 100_000L;
            if (train.intervalNanos() % 100_000L != 0) {
                throw new DeviceFault(MagProStimulator.INVALID_PARAMETER, "the MagPro sets inter-pulse intervals in 0.1 ms");
            }
            settings.configure(new MainParameters(MagProMode.DUAL, false, MagProWaveform.BIPHASIC, 2, (int) tenths, 100));
            loadedPair = true;
            state.pulsesPerReport(1);
            return;
        }
        if (train.bursts()) { // Biphasic Burst: one trigger of the train is one burst (native theta burst)
            if (train.intraBurstNanos() % 100_000L != 0) {
                throw new DeviceFault(MagProStimulator.INVALID_PARAMETER, "the MagPro sets burst intervals in 0.1 ms");
            }
            settings.configure(MainParameters.biphasicBurst(train.pulsesPerBurst(),
                    (int) (train.intraBurstNanos() / 100_000L)));
        } else {
            singlePulses();
        }
        loadedPair = false;
        state.pulsesPerReport(train.pulsesPerBurst());
        settings.loadTrain(TrainParameters.sequence(BigDecimal.valueOf(train.frequencyTenthsHz(), 1),
                train.triggers(), 1, UNUSED_ITI_SECONDS));
    }

    @Override
    public PulseTrigger starter() {
        return loadedPair ? pulses.trigger() : pulses.trainStarter(); // a pair is one single trigger in Dual mode
    }
}
