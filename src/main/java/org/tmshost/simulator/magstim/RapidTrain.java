package org.tmshost.simulator.magstim;

import org.tmshost.profile.EnergyModel;
import org.tmshost.profile.HardwareProfile;

import java.util.OptionalDouble;

/**
 * A Rapid²'s train mode: its parameters ({@code B} frequency, {@code D} pulses, {@code [} duration;
 * a duration of 0 is single-pulse mode), enhanced power, the train the unit times itself once
 * {@code EH} starts it, the wait after it with the parameters locked, and the Rapid status byte that
 * reports them. Each train pulse is delivered at its own due time on the model's clock, and only if
 * the unit is armed then, however late the emulator runs. Not thread-safe: the emulator's lock
 * guards it.
 */
final class RapidTrain {
    private final HardwareProfile profile;
    private final MagstimUnit unit;
    private int frequencyTenthsHz = 10;
    private int pulsesPerTrain = 1;
    private int durationTenths;
    private boolean enhancedPower;
    private int remaining;
    private long periodNanos;
    private long nextPulseNanos;
    private long waitUntilNanos = Long.MIN_VALUE / 2;

    RapidTrain(HardwareProfile profile, MagstimUnit unit) {
        this.profile = profile;
        this.unit = unit;
    }

    // --- parameters ---

    /** {@code B}: false beyond 100 Hz or the profile's rate at unit A's output. */
    boolean frequencyTenthsHz(int value) {
        OptionalDouble max = profile.limits().rateVsOutput().map(table -> table.maxRateHz(unit.powerA()))
                .orElse(OptionalDouble.empty());
        double maxHz = max.isPresent() ? max.getAsDouble() : 1000.0 / profile.limits().minInterPulseIntervalMs()
                .doubleValue();
        if (value > 1000 || value > Math.round(maxHz * 10)) {
            return false;
        }
        frequencyTenthsHz = value;
        return true;
    }

    /** {@code D}: false beyond 6000 pulses. */
    boolean pulsesPerTrain(int value) {
        if (value > 6000) {
            return false;
        }
        pulsesPerTrain = value;
        return true;
    }

    /** {@code [}, in 0.1 s. */
    void durationTenths(int value) {
        durationTenths = value;
    }

    int frequencyTenthsHz() {
        return frequencyTenthsHz;
    }

    int pulsesPerTrain() {
        return pulsesPerTrain;
    }

    int durationTenths() {
        return durationTenths;
    }

    /** {@code EH} starts a train rather than one pulse. */
    boolean trainMode() {
        return durationTenths > 0;
    }

    /** {@code ^} on, {@code _} off. */
    void enhancedPower(boolean on) {
        enhancedPower = on;
    }

    /** Post-train wait, 0.1 s: max(0.5 s, N·(f·J − 1050)/(1050·f)) (TDb 087 §3 via MagPy). */
    long minimumWaitTenths() {
        long tenths = 5;
        EnergyModel energy = profile.limits().energyModel().orElse(null);
        if (energy != null && frequencyTenthsHz > 0) {
            double f = frequencyTenthsHz / 10.0;
            double joules = energy.joules(Math.min(unit.powerA(), 100)).doubleValue();
            double recharge = energy.rechargeJoulesPerSecond().doubleValue();
            double seconds = pulsesPerTrain * (f * joules - recharge) / (recharge * f);
            tenths = Math.max(tenths, (long) Math.ceil(seconds * 10));
        }
        return tenths;
    }

    // --- the train ---

    /** A train or its wait is on: the parameters are locked and the unit is not ready. */
    boolean busy(long now) {
        return remaining > 0 || now - waitUntilNanos < 0;
    }

    /** No train pulse is due. */
    boolean idle() {
        return remaining == 0;
    }

    long nextPulseNanos() {
        return nextPulseNanos;
    }

    /** {@code EH} in train mode: the first pulse at the command's arrival; whether it was delivered. */
    boolean start(long now) {
        int before = unit.deliveredPulses();
        remaining = pulsesPerTrain;
        periodNanos = Math.max(1, 10_000_000_000L / Math.max(1, frequencyTenthsHz));
        nextPulseNanos = now;
        run(now);
        return unit.deliveredPulses() > before;
    }

    /** Delivers each pulse due by {@code now}, each at its own time; a unit disarmed when one is due ends the train. */
    void run(long now) {
        while (remaining > 0 && now - nextPulseNanos >= 0) { // each due pulse, however late this runs
            boolean armedWhenDue = unit.onTime(nextPulseNanos, () -> {
                boolean armed = unit.armed();
                if (armed) {
                    unit.deliver(nextPulseNanos, 0, unit.powerA(), false);
                }
                return armed;
            });
            if (!armedWhenDue) {
                remaining = 0;
                return;
            }
            remaining--;
            unit.active(now);
            nextPulseNanos += periodNanos; // the unit's timer: exact, however late this runs
            if (remaining == 0) {
                waitUntilNanos = now + minimumWaitTenths() * 100_000_000L;
            }
        }
    }

    /** The unit disarmed: no more train pulses (the wait, if any, still runs). */
    void stop() {
        remaining = 0;
    }

    /** The Rapid status byte of {@code B D [ ^ _ \ x n} answers. */
    int statusByte(long now) {
        int bits = 0;
        bits |= enhancedPower ? 0x01 : 0;
        bits |= remaining > 0 ? 0x02 : 0;
        bits |= remaining == 0 && now - waitUntilNanos < 0 ? 0x04 : 0;
        bits |= durationTenths == 0 ? 0x08 : 0;
        bits |= 0x10 | 0x20; // HV PSU connected, coil ready
        return bits;
    }
}
