package org.tmshost.device.magstim;

import org.tmshost.device.DeviceStatus;

/**
 * What a Magstim last said about itself, as {@code status()} publishes it: the instrument status
 * byte of the last good reply, the coil temperature, and the pulse path's last fault; also how long
 * a train the host started may still run, during which the link thread reads the status more often
 * (a Rapid reports no pulses: its status is how the host learns the train stopped).
 */
final class MagstimDeviceState {
    /** The Rapid's enforced wait after a train, during which its status is still watched closely. */
    private static final long TRAIN_WAIT_NANOS = 500_000_000L;

    private volatile int lastStatusBits = 0x01; // standby until the unit says otherwise
    private volatile double coilTemperatureCelsius = Double.NaN;
    private volatile String pulseFault;
    private volatile long refusedAtNanos;
    private volatile long statusReadAtNanos = System.nanoTime();
    private volatile boolean statusWanted;
    private volatile long trainDurationNanos; // the loaded train's, 0 in single-pulse mode
    private volatile long trainUntilNanos = System.nanoTime();

    /** A good reply to a command. */
    void heard(InstrumentStatus status) {
        lastStatusBits = status.bits();
        statusReadAtNanos = System.nanoTime();
    }

    /** {@code EH} acknowledged with these status bits (pulse thread). */
    void fireAcknowledged(int statusBits) {
        lastStatusBits = statusBits;
    }

    /** {@code ES}: the unit would not fire; the link thread reads why at once (pulse thread). */
    void fireRefused() {
        pulseFault = MagstimStimulator.FIRE_REFUSED;
        refusedAtNanos = System.nanoTime();
        statusWanted = true;
    }

    /** A fire that was not sent or not acknowledged (pulse thread). */
    void pulseFault(String code) {
        pulseFault = code;
    }

    /** Armed and ready: the pulse path starts afresh. */
    void clearPulseFault() {
        pulseFault = null;
    }

    /** Whether a status read was asked for since the last call (and no longer is). */
    boolean takeStatusWanted() {
        if (statusWanted) {
            statusWanted = false;
            return true;
        }
        return false;
    }

    void coilTemperature(double celsius) {
        coilTemperatureCelsius = celsius;
    }

    InstrumentStatus instrumentStatus() {
        return new InstrumentStatus(lastStatusBits);
    }

    /** A train of this length was loaded (0: single-pulse mode). */
    void trainLoaded(long durationNanos) {
        trainDurationNanos = durationNanos;
    }

    /** {@code EH} was written at {@code writtenAt}: a loaded train runs from then (pulse thread). */
    void fireWritten(long writtenAt) {
        if (trainDurationNanos > 0) {
            trainUntilNanos = writtenAt + trainDurationNanos + TRAIN_WAIT_NANOS;
        }
    }

    /** Whether a train the host started may still run (or be in its wait) at {@code now}. */
    boolean trainMayRun(long now) {
        return now - trainUntilNanos < 0;
    }

    /**
     * The link's fault first, then the unit's error bit, then a refused or skipped fire; a fire the
     * unit refused because it had disarmed itself is no error of its own: the status shows it disarmed.
     */
    DeviceStatus toDeviceStatus(String linkFault) {
        InstrumentStatus status = instrumentStatus();
        String fault = linkFault;
        if (fault == null && status.errorPresent()) {
            // "replace coil" with the error: the unit stopped over its coil's temperature (TDb 086/087)
            fault = status.replaceCoil() ? DeviceStatus.COIL_OVER_TEMPERATURE : MagstimStimulator.DEVICE_ERROR;
        }
        // a refusal is explained by the first status read after it (disarmed, error, hot coil): until
        // then it is not reported, so the session ends on the cause and not on the symptom
        String pulse = pulseFault;
        boolean refused = MagstimStimulator.FIRE_REFUSED.equals(pulse);
        boolean unexplained = refused && statusReadAtNanos - refusedAtNanos < 0;
        if (fault == null && !unexplained && !(refused && !status.armed())) {
            fault = pulse;
        }
        return new DeviceStatus(status.armed(), status.ready(), coilTemperatureCelsius, fault);
    }
}
