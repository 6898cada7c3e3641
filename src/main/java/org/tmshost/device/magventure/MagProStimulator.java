package org.tmshost.device.magventure;

import org.tmshost.device.FaultCodes;
import org.tmshost.device.DeviceFault;
import org.tmshost.device.DeviceIdentity;
import org.tmshost.device.DeviceStatus;
import org.tmshost.device.PulseTrigger;
import org.tmshost.device.Stimulator;
import org.tmshost.device.TrainTimer;
import org.tmshost.device.transport.Transport;
import org.tmshost.profile.HardwareProfile;

import java.util.Optional;
import java.util.function.Consumer;

/**
 * Drives a MagVenture MagPro (R30, X100, with or without MagOption) over its serial protocol
 * (codec: {@link MagProCommands}, {@link MagProMessages}). Every write is read back from the
 * device's own reports (notifications or a status reply); a mismatch is a {@link DeviceFault}.
 *
 * <p>One link thread ({@link MagProLink}) reads frames continuously: notifications update the state
 * that {@link #status()} reports ({@link MagProDeviceState}), a status request goes out every poll
 * period, and silence beyond the limit or more bad frames in a row than the budget latch a
 * {@code link-lost} fault (reported to the listeners, and the device is told to disable). Settings
 * are validated and read back by {@link MagProSettings}; pulses leave through
 * {@link MagProPulsePath}; what the device times is loaded by {@link MagProTrainTimer}. Channel 0
 * is amplitude A, channel 1 amplitude B (X100 with MagOption, Twin/Dual).
 */
public final class MagProStimulator implements Stimulator {
    public static final String LINK_LOST = FaultCodes.LINK_LOST;
    /** {@link FaultCodes#READBACK_MISMATCH}, under the name this driver's callers know. */
    public static final String READ_BACK_MISMATCH = FaultCodes.READBACK_MISMATCH;
    public static final String NO_REPLY = "no-reply";
    public static final String NOT_ARMED = FaultCodes.NOT_ARMED;
    public static final String NOT_READY = FaultCodes.NOT_READY;
    public static final String OUTPUT_MISMATCH = "output-mismatch";
    public static final String NO_SUCH_TRIGGER = "no-such-trigger";
    public static final String INVALID_PARAMETER = "invalid-parameter";
    public static final String WRONG_MODEL = "wrong-model";

    private final HardwareProfile profile;
    private final MagProDeviceState state;
    private final MagProLink link;
    private final MagProSettings settings;
    private final MagProPulsePath pulses;
    private final MagProTrainTimer trainTimer;

    private MagProStimulator(HardwareProfile profile, Transport transport, MagProLinkOptions options) {
        this.profile = profile;
        this.state = new MagProDeviceState(options.chargeMillis());
        this.link = new MagProLink(transport, options, state);
        this.settings = new MagProSettings(profile, link, state);
        this.pulses = new MagProPulsePath(link, state);
        this.trainTimer = new MagProTrainTimer(settings, state, pulses);
    }

    /** Opens the driver on a transport (it then owns the transport) with default settings. */
    public static MagProStimulator open(HardwareProfile profile, Transport transport) {
        return open(profile, transport, MagProLinkOptions.defaults());
    }

    /**
     * Opens the driver on a transport, which it then owns, and starts its link thread.
     *
     * @throws IllegalArgumentException when the profile is not a {@code magventure-magpro} profile
     */
    public static MagProStimulator open(HardwareProfile profile, Transport transport, MagProLinkOptions settings) {
        if (!"magventure-magpro".equals(profile.wireProtocol())) {
            throw new IllegalArgumentException("profile " + profile.name() + " speaks " + profile.wireProtocol()
                    + ", not magventure-magpro");
        }
        MagProStimulator stimulator = new MagProStimulator(profile, transport, settings);
        stimulator.link.start();
        return stimulator;
    }

    /** Called once, on the link thread, when the link is declared lost. */
    @Override
    public void onLinkFault(Consumer<DeviceFault> listener) {
        link.onLoss(listener);
    }

    @Override
    public DeviceIdentity identify() throws DeviceFault {
        MagProMessage.Status status = link.requestStatus();
        MagProModel model = status.status().model();
        if (model == null || !fitsProfile(model)) {
            throw new DeviceFault(WRONG_MODEL, "the device reports model " + (model == null ? "unknown" : model.displayName())
                    + " but the profile " + profile.name() + " is for the " + profile.model() + "; choose the right profile");
        }
        return new DeviceIdentity(model.displayName() + ", serial " + status.serialNumber(),
                "not reported by the MagPro protocol", profile.simulation());
    }

    private boolean fitsProfile(MagProModel model) {
        String expected = profile.model();
        boolean family = expected.contains("R30") ? model.isR30Family()
                : !expected.contains("X100") || model == MagProModel.X100 || model == MagProModel.X100_OPTION;
        boolean channels = profile.capabilities().channels() < 2 || model.hasOption();
        return family && channels;
    }

    /** Enables (0x02 01) and waits for a status byte that shows it, asking for one if none comes. */
    @Override
    public void arm() throws DeviceFault {
        link.requireLink();
        double stop = profile.limits().coilTemperature().stopCelsius().doubleValue();
        int coilTemperatureCelsius = state.coilTemperatureCelsius();
        if (coilTemperatureCelsius >= stop) {
            throw new DeviceFault(DeviceStatus.COIL_OVER_TEMPERATURE, "the coil reports " + coilTemperatureCelsius
                    + " C, at or above the stop limit of " + stop + " C; let it cool before enabling");
        }
        long after = link.mark();
        link.send(MagProCommands.enable(true));
        boolean confirmed = link.await(after, m -> m instanceof MagProMessage.WithStatus s && s.status().enabled()) != null
                || link.requestStatus().status().enabled();
        if (!confirmed) {
            throw new DeviceFault("arm-refused", "the MagPro did not report itself enabled after the enable command;"
                    + " check the coil and the front panel");
        }
        pulses.clearFault();
    }

    /**
     * Disables (0x02 00) and waits for a status byte that shows it, asking for one if none comes, twice
     * at most: whoever disarmed reads status() next and must not see the enable of before. A device that
     * still reports itself enabled stays shown armed.
     */
    @Override
    public void disarm() {
        try {
            for (int attempt = 0; attempt < 2; attempt++) {
                long after = link.mark();
                link.send(MagProCommands.enable(false));
                if (link.await(after, m -> m instanceof MagProMessage.WithStatus s && !s.status().enabled()) != null
                        || !link.requestStatus().status().enabled()) {
                    return;
                }
            }
        } catch (DeviceFault e) {
            // the link is gone; the link-loss fault already says so
        }
    }

    @Override
    public int setOutput(int channel, int outputPercentMso) throws DeviceFault {
        return settings.setOutput(channel, outputPercentMso);
    }

    /**
     * Pulse thread: no allocation, no lock (a short spin on the write gate), no logging. Its fire
     * returns 0: the trigger frame was written just before the return; its transmission (1.6 ms at
     * 38400 baud) follows.
     */
    @Override
    public PulseTrigger trigger() {
        return pulses.trigger();
    }

    /** The Timing menu, one train per load, started by the host with command 0x04. */
    @Override
    public Optional<TrainTimer> trainTimer() {
        return Optional.of(trainTimer);
    }

    /**
     * Writes Main page settings (mode, waveform, burst), reads them back with a get and compares.
     * Biphasic Burst needs a profile with native bursts (X100).
     */
    public void configure(MainParameters main) throws DeviceFault {
        settings.configure(main);
    }

    /**
     * Selects the Timing page and writes the train sequence (command 0x0B), validated first against
     * the device's model, mode and waveform, then read back with a get and compared.
     */
    public void loadTrain(TrainParameters train) throws DeviceFault {
        settings.loadTrain(train);
    }

    /** Starts the loaded train sequence (command 0x04); the device times every pulse. */
    public void startTrain() throws DeviceFault {
        MagProStatusByte status = state.lastStatus();
        if (status == null || !status.enabled()) {
            throw new DeviceFault(NOT_ARMED, "enable the MagPro before starting a train");
        }
        link.send(MagProCommands.startTrain());
    }

    /** Ready: enabled for at least the charge time (the protocol reports no ready bit). */
    @Override
    public DeviceStatus status() {
        // the status byte before the temperature: it is published after it (MagProDeviceState)
        MagProStatusByte status = state.lastStatus();
        DeviceFault lost = link.loss();
        boolean enabled = status != null && status.enabled() && lost == null;
        return new DeviceStatus(enabled, enabled && state.charged(), state.coilTemperatureCelsius(),
                lost != null ? LINK_LOST : pulses.fault());
    }

    @Override
    public long lastHeardNanos() {
        return link.lastGoodFrameNanos();
    }

    @Override
    public long lastLinkErrorNanos() {
        return link.lastBadFrameNanos();
    }

    /** Pulses the device confirmed with a di/dt report since the driver opened. */
    @Override
    public int deliveredPulseCount() {
        return state.confirmedPulses();
    }

    /** The last status byte the device sent, or {@code null} before the first one. */
    public MagProStatusByte lastStatusByte() {
        return state.lastStatus();
    }

    /** Pulses the device confirmed with a di/dt notification. */
    public int confirmedPulses() {
        return state.confirmedPulses();
    }

    /** di/dt of amplitude A after the last pulse, A/µs, or -1. */
    public int lastDiDtA() {
        return state.lastDiDtA();
    }

    /** Coil type code from the last report (e.g. 60 = Cool-B65 per pytms), or -1. */
    public int coilType() {
        return state.coilType();
    }

    public boolean trainRunning() {
        return state.trainRunning();
    }

    /** Bad frames (CRC, framing, length) seen since the driver opened. */
    public int badFrames() {
        return link.badFramesTotal();
    }

    /** Why the link was declared lost, or {@code null}. */
    public DeviceFault linkLoss() {
        return link.loss();
    }

    @Override
    public void onLinkThreads(Runnable promotion) {
        link.onLinkThread(promotion);
    }

    /** Disables the device, stops the link thread and closes the transport. */
    @Override
    public void close() {
        if (link.running()) {
            disarm();
            link.stop();
        }
    }
}
