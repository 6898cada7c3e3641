package org.tmshost.simulator.magstim;

import org.tmshost.device.DeviceFault;
import org.tmshost.profile.HardwareProfile;
import org.tmshost.profile.LinkSettings;
import org.tmshost.simulator.DeviceClock;
import org.tmshost.simulator.SimulatedStimulator;

import java.util.function.Supplier;

/**
 * What every emulated Magstim unit is, over its {@link SimulatedStimulator}: remote control and its
 * keep-alive lease, armed (and the emulator's memory of it, so it reads nothing at a late wake-up),
 * the two outputs, recharge and readiness, the status byte, and each discharge, delivered on the
 * model's clock at its own time and logged as an {@link EmulatorEvent}. Not thread-safe: the
 * emulator's lock guards it.
 */
final class MagstimUnit {
    private final HardwareProfile profile;
    private final SimulatedStimulator model;
    private final MagstimEmulatorSettings settings;
    private final UnitKind kind;
    private final DeviceClock deviceClock; // the model's clock when the emulator built it, else null: pinned to due times
    private final long armedLeaseNanos;
    private final long disarmedLeaseNanos;
    private final long rechargeNanos; // -1: the model below
    private final long profileIntervalNanos;

    private boolean remote;
    private boolean armedMirror;
    private long lastCommandNanos;
    private long lastActivityNanos;
    private long lastPulseNanos = Long.MIN_VALUE / 2;
    private int deliveredPulses;
    private int powerA;
    private int powerB;
    private int chargeDelayMs;

    MagstimUnit(HardwareProfile profile, SimulatedStimulator model, MagstimEmulatorSettings settings, UnitKind kind,
                DeviceClock deviceClock, long nowNanos) {
        this.profile = profile;
        this.model = model;
        this.settings = settings;
        this.kind = kind;
        this.deviceClock = deviceClock;
        LinkSettings link = profile.link().orElseThrow(() -> new IllegalArgumentException(
                profile.name() + " has no link settings (keep-alive lease)"));
        this.armedLeaseNanos = link.armedLeaseMs() * 1_000_000L;
        this.disarmedLeaseNanos = link.disarmedLeaseMs() * 1_000_000L;
        this.rechargeNanos = settings.rechargeNanos().orElse(-1L);
        this.profileIntervalNanos = profile.limits().minInterPulseIntervalMs().movePointRight(6).longValue();
        this.lastCommandNanos = nowNanos;
        this.lastActivityNanos = nowNanos;
    }

    SimulatedStimulator model() {
        return model;
    }

    /**
     * Runs {@code action} at {@code dueNanos} of the unit's time: the model's clock reads it meanwhile
     * (a command at its arrival, a timed pulse at its due time), however late this thread runs.
     */
    <T> T onTime(long dueNanos, Supplier<T> action) {
        if (deviceClock == null) {
            return action.get();
        }
        long outer = deviceClock.pinTo(dueNanos);
        try {
            return action.get();
        } finally {
            deviceClock.restore(outer);
        }
    }

    // --- remote control and its lease ---

    /** A well-formed command arrived: the lease starts again. */
    void commandArrived(long nowNanos) {
        lastCommandNanos = nowNanos;
    }

    long lastCommandNanos() {
        return lastCommandNanos;
    }

    boolean remote() {
        return remote;
    }

    void remote(boolean taken) {
        remote = taken;
    }

    /** When the armed lease runs out without another command. */
    long armedLeaseEndNanos() {
        return lastCommandNanos + armedLeaseNanos;
    }

    /** The armed lease ran out before {@code nowNanos}; reads the emulator's memory, not the unit at now. */
    boolean armedLeaseRanOut(long nowNanos) {
        return remote && armedMirror && nowNanos - armedLeaseEndNanos() > 0;
    }

    /** Nanoseconds until the armed lease is to be checked, or {@code Long.MAX_VALUE}. */
    long nanosUntilLeaseCheck(long nowNanos) {
        return remote && armed() ? Math.max(0, armedLeaseEndNanos() + 1 - nowNanos) : Long.MAX_VALUE;
    }

    /** Disarmed and no command for the disarmed lease: remote control ends. */
    void releaseRemoteAfterLease(long nowNanos) {
        if (remote && !armed() && nowNanos - lastCommandNanos > disarmedLeaseNanos) {
            remote = false;
            emit(new EmulatorEvent.RemoteControlReleased(nowNanos, EmulatorEvent.DisarmReason.LEASE_EXPIRED));
        }
    }

    // --- armed ---

    boolean armed() {
        return model.status().armed();
    }

    /** {@code EB}: false (and a fault logged) when the model refuses. */
    boolean arm(long nowNanos) {
        try {
            model.arm();
        } catch (DeviceFault refused) {
            fault(nowNanos, refused.code());
            return false;
        }
        armedMirror = true;
        lastActivityNanos = nowNanos;
        emit(new EmulatorEvent.Armed(nowNanos));
        return true;
    }

    void disarm(long nowNanos, EmulatorEvent.DisarmReason reason) {
        if (armed()) {
            model.disarm();
            emit(new EmulatorEvent.Disarmed(nowNanos, reason));
        }
        armedMirror = false;
    }

    /** Whether the model disarmed without the emulator (a fault, the coil); forgets that it was armed. */
    boolean disarmedItself() {
        if (armedMirror && !model.status().armed()) {
            armedMirror = false;
            return true;
        }
        return false;
    }

    /** Something happened that keeps an armed unit from its idle disarm. */
    void active(long nowNanos) {
        lastActivityNanos = nowNanos;
    }

    boolean idleTooLong(long nowNanos) {
        return nowNanos - lastActivityNanos > settings.idleDisarmNanos();
    }

    // --- outputs, recharge, status ---

    /** {@code @} (unit A, 0) or {@code A} (unit B, 1); false when the model refuses the value. */
    boolean setPower(int channel, int value) {
        try {
            model.setOutput(channel, value);
        } catch (DeviceFault outOfRange) {
            return false;
        }
        if (channel == 0) {
            powerA = value;
        } else {
            powerB = value;
        }
        return true;
    }

    int powerA() {
        return powerA;
    }

    int powerB() {
        return powerB;
    }

    int chargeDelayMs() {
        return chargeDelayMs;
    }

    void chargeDelayMs(int value) {
        chargeDelayMs = value;
    }

    /**
     * After a pulse, ready again this much later: the unit's setting if given; a Rapid, its fastest
     * interval; a 200² or BiStim², the recharge gate of MagPy's virtual unit (the peer model:
     * 2 s below 50 %, 3 s to 79 %, 4 s from 80 % output).
     */
    private long recharge() {
        if (rechargeNanos >= 0) {
            return rechargeNanos;
        }
        if (kind == UnitKind.RAPID) {
            return profileIntervalNanos;
        }
        int power = Math.max(powerA, powerB);
        return (power < 50 ? 2_000_000_000L : power < 80 ? 3_000_000_000L : 4_000_000_000L);
    }

    boolean ready(long now) {
        return model.ready() && now - lastPulseNanos >= recharge() + chargeDelayMs * 1_000_000L;
    }

    boolean coilTooHot() {
        return model.status().coilTemperatureCelsius() >= profile.limits().coilTemperature().stopCelsius().doubleValue();
    }

    /** The status byte every answer carries; {@code trainOrWait}: a Rapid's train or its wait is on. */
    int statusByte(long now, boolean trainOrWait) {
        boolean armed = armed();
        int bits = 0;
        bits |= armed ? 0 : 0x01;
        bits |= armed ? 0x02 : 0;
        bits |= ready(now) && !trainOrWait ? 0x04 : 0;
        bits |= 0x08; // coil present
        bits |= coilTooHot() ? 0x10 | 0x20 : 0;
        bits |= model.status().faulted() ? 0x20 : 0; // an internal fault: error present
        bits |= remote ? 0x80 : 0;
        return bits;
    }

    // --- discharges ---

    /**
     * Unit A fires on the host's command, at the command's arrival on the model's clock: the unit
     * discharges when {@code EH} reaches it, not when this thread gets to it. {@code simultaneous}:
     * both BiStim units discharge together into the coil, one pulse.
     */
    boolean fireA(long arrivedNanos, boolean simultaneous) {
        return onTime(arrivedNanos, () -> deliver(arrivedNanos, 0, powerA, simultaneous));
    }

    /** @return whether the model delivered it; its event carries the model's own time of the pulse */
    boolean deliver(long now, int channel, int output, boolean simultaneous) {
        int before = model.groundTruth().size();
        model.fire(deliveredPulses, output, channel);
        if (model.groundTruth().size() > before) {
            long at = model.groundTruth().atNanos(before);
            emit(new EmulatorEvent.Pulse(deliveredPulses, at, output, channel, simultaneous));
            deliveredPulses++;
            lastPulseNanos = at;
            return true;
        }
        String code = model.lastRefusal();
        fault(now, code == null ? "pulse-not-delivered" : code);
        return false;
    }

    int deliveredPulses() {
        return deliveredPulses;
    }

    /** The model's time of the last pulse delivered. */
    long lastPulseNanos() {
        return lastPulseNanos;
    }

    // --- events ---

    void fault(long now, String code) {
        emit(new EmulatorEvent.Fault(now, code));
    }

    void emit(EmulatorEvent event) {
        try {
            settings.events().accept(event);
        } catch (RuntimeException ignored) {
            // a log hook must not take the emulated unit down
        }
    }
}
