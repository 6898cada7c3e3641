package org.tmshost.device.magventure;

import java.util.concurrent.TimeUnit;

/**
 * What the MagPro last reported, kept from every message the link thread decodes: amplitudes, coil
 * temperature and type, di/dt and the pulses it confirms, whether a train runs, and the status byte.
 * The status byte is published last, after what came with it, so a reader that sees it (disabled,
 * say) also sees that message's coil temperature.
 */
final class MagProDeviceState {
    private final long chargeNanos;
    private volatile MagProStatusByte lastStatus;
    private volatile int amplitudeA = -1;
    private volatile int amplitudeB = -1;
    private volatile int coilTemperatureCelsius = -1;
    private volatile int coilType = -1;
    private volatile int lastDiDtA = -1;
    private volatile boolean trainRunning;
    private volatile long enabledAtNanos;
    private volatile int pulsesPerReport = 1;
    private volatile int confirmedPulses;

    /** @param chargeMillis from enable to ready (the protocol reports no ready bit) */
    MagProDeviceState(long chargeMillis) {
        this.chargeNanos = TimeUnit.MILLISECONDS.toNanos(chargeMillis);
    }

    /** Link thread: takes in one decoded message. */
    void update(MagProMessage message) {
        if (message instanceof MagProMessage.WithAmplitudes amplitudes) {
            amplitudeA = amplitudes.amplitudeA();
            amplitudeB = amplitudes.amplitudeB();
        }
        if (message instanceof MagProMessage.Status status) {
            coilTemperatureCelsius = status.coilTemperatureCelsius();
            coilType = status.coilType();
        } else if (message instanceof MagProMessage.Status2 status2) {
            coilTemperatureCelsius = status2.coilTemperatureCelsius();
            coilType = status2.coilType();
            trainRunning = status2.trainRunning();
        } else if (message instanceof MagProMessage.Coil coil) {
            coilTemperatureCelsius = coil.coilTemperatureCelsius();
            coilType = coil.coilType();
        } else if (message instanceof MagProMessage.DiDt diDt) {
            lastDiDtA = diDt.diDtA();
            // one report per trigger: in Twin/Dual mode it carries both units' di/dt, a pulse each;
            // in Biphasic Burst it covers the whole burst (the device reports no pulse inside it)
            boolean pair = diDt.status() != null && diDt.status().mode().paired();
            boolean burst = diDt.status() != null && diDt.status().waveform() == MagProWaveform.BIPHASIC_BURST;
            confirmedPulses += pair ? (diDt.diDtA() > 0 ? 1 : 0) + (diDt.diDtB() > 0 ? 1 : 0)
                    : burst ? pulsesPerReport : 1;
        } else if (message instanceof MagProMessage.Page page) {
            trainRunning = page.trainRunning();
        }
        // the status byte last: a reader that sees it (disabled, say) also sees the temperature that came with
        // it, so an over-temperature stop is read as one and not as an unexpected disarm (fault matrix, x100)
        if (message instanceof MagProMessage.WithStatus withStatus) {
            MagProStatusByte before = lastStatus;
            if (withStatus.status().enabled() && (before == null || !before.enabled())) {
                enabledAtNanos = System.nanoTime(); // charging starts when the device says it is enabled
            }
            lastStatus = withStatus.status();
        }
    }

    /** Pulses one di/dt report confirms in Biphasic Burst (the loaded burst's size). */
    void pulsesPerReport(int pulses) {
        pulsesPerReport = pulses;
    }

    /** Enabled for at least the charge time. */
    boolean charged() {
        return System.nanoTime() - enabledAtNanos >= chargeNanos;
    }

    /** The last status byte, or {@code null} before the first one. */
    MagProStatusByte lastStatus() {
        return lastStatus;
    }

    int amplitudeA() {
        return amplitudeA;
    }

    int amplitudeB() {
        return amplitudeB;
    }

    int coilTemperatureCelsius() {
        return coilTemperatureCelsius;
    }

    int coilType() {
        return coilType;
    }

    int lastDiDtA() {
        return lastDiDtA;
    }

    boolean trainRunning() {
        return trainRunning;
    }

    int confirmedPulses() {
        return confirmedPulses;
    }
}
