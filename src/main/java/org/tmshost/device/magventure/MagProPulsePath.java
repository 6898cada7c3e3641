package org.tmshost.device.magventure;

import org.tmshost.device.PulseTrigger;

import java.io.IOException;

/**
 * The MagPro's pulse path: the pre-encoded single trigger ({@code 03 01}) and train start
 * ({@code 04}), written only while the device is enabled, charged and set to the planned output;
 * otherwise nothing is sent and the reason waits in {@link #fault()}. Called on the pulse thread: no
 * allocation, no lock (a short spin on the write gate), no logging.
 */
final class MagProPulsePath {
    private static final byte[] TRIGGER_BYTES = MagProCommands.singleTrigger().toBytes();
    private static final byte[] START_TRAIN_BYTES = MagProCommands.startTrain().toBytes();

    private final MagProLink link;
    private final MagProDeviceState state;
    private final PulseTrigger trigger = this::fire;
    private final PulseTrigger trainStarter = this::startLoadedTrain;
    private volatile String fault;

    MagProPulsePath(MagProLink link, MagProDeviceState state) {
        this.link = link;
        this.state = state;
    }

    /** One trigger on channel 0; in Twin/Dual a channel-1 call is a no-op (the device times pulse B). */
    PulseTrigger trigger() {
        return trigger;
    }

    /** Starts the train loaded on the Timing page. */
    PulseTrigger trainStarter() {
        return trainStarter;
    }

    /** Why the last pulse was not sent, or {@code null}. */
    String fault() {
        return fault;
    }

    /** Enabled again: the pulse path starts afresh. */
    void clearFault() {
        fault = null;
    }

    /**
     * Returns 0: the trigger frame was written just before the return; its transmission (1.6 ms at
     * 38400 baud) follows.
     */
    private long fire(int pulseIndex, int outputPercentMso, int channel) {
        if (link.lost()) {
            return PulseTrigger.REFUSED;
        }
        MagProStatusByte status = state.lastStatus();
        if (channel != 0) {
            if (status == null || !status.mode().paired()) {
                fault = MagProStimulator.NO_SUCH_TRIGGER;
                return PulseTrigger.REFUSED; // nothing fires unit B outside Twin/Dual
            }
            return PulseTrigger.EMISSION_UNKNOWN; // in Twin/Dual the device times pulse B itself
        }
        return sendIfReady(TRIGGER_BYTES, outputPercentMso);
    }

    private long startLoadedTrain(int pulseIndex, int outputPercentMso, int channel) {
        if (link.lost()) {
            return PulseTrigger.REFUSED;
        }
        return sendIfReady(START_TRAIN_BYTES, outputPercentMso);
    }

    /**
     * Writes a pre-encoded trigger or train start if the device is enabled, charged and set to the
     * planned output; otherwise sends nothing, says why in {@link #fault()} and returns
     * {@link PulseTrigger#REFUSED}.
     */
    private long sendIfReady(byte[] frame, int outputPercentMso) {
        MagProStatusByte status = state.lastStatus();
        if (status == null || !status.enabled()) {
            fault = MagProStimulator.NOT_ARMED;
            return PulseTrigger.REFUSED;
        }
        if (!state.charged()) {
            fault = MagProStimulator.NOT_READY;
            return PulseTrigger.REFUSED;
        }
        if (outputPercentMso != state.amplitudeA()) {
            fault = MagProStimulator.OUTPUT_MISMATCH;
            return PulseTrigger.REFUSED;
        }
        try {
            link.write(frame);
        } catch (IOException e) {
            link.loseLink("a trigger could not be written: " + e.getMessage());
            return PulseTrigger.REFUSED;
        }
        return 0;
    }
}
