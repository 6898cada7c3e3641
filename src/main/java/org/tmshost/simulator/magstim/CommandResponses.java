package org.tmshost.simulator.magstim;

import java.nio.charset.StandardCharsets;

import static org.tmshost.simulator.magstim.WireFormat.error;
import static org.tmshost.simulator.magstim.WireFormat.number;
import static org.tmshost.simulator.magstim.WireFormat.pad;

/**
 * What each Magstim command does to the unit and what the unit answers:
 * <ul>
 *   <li>bad data: {@code <cmd>?<crc>}; conflict with the state: {@code <cmd>S<crc>} (arm when armed,
 *       fire when not armed or not ready, parameter change during a train or its wait, control
 *       command without remote control);</li>
 *   <li>ready = the model is charged and, since the last pulse, the recharge time (the unit's, or the
 *       profile's minimum interval) plus the charge delay ({@code n}, V9+) has passed;</li>
 *   <li>BiStim {@code EH}: unit A, then unit B after the interval ({@link BiStimPair});</li>
 *   <li>Rapid train mode (duration &gt; 0): {@code EH} starts the train ({@link RapidTrain}).</li>
 * </ul>
 * Not thread-safe: the emulator's lock guards it.
 */
final class CommandResponses implements CommandFramer.Commands {
    private final UnitKind kind;
    private final MagstimEmulatorSettings settings;
    private final MagstimUnit unit;
    private final RapidTrain train;
    private final BiStimPair pair;

    CommandResponses(UnitKind kind, MagstimEmulatorSettings settings, MagstimUnit unit, RapidTrain train, BiStimPair pair) {
        this.kind = kind;
        this.settings = settings;
        this.unit = unit;
        this.train = train;
        this.pair = pair;
    }

    @Override
    public byte[] command(byte[] frame, long nowNanos) {
        unit.commandArrived(nowNanos); // any well-formed command renews the lease
        return handle(frame, nowNanos);
    }

    @Override
    public void refused(long nowNanos, String reason) {
        unit.fault(nowNanos, reason);
    }

    /** Disarms the unit and drops what it had timed (a train's pulses, unit B's). */
    void disarm(long now, EmulatorEvent.DisarmReason reason) {
        train.stop();
        pair.cancel();
        unit.disarm(now, reason);
    }

    private byte[] handle(byte[] frame, long now) {
        char code = (char) frame[0];
        String data = new String(frame, 1, frame.length - 2, StandardCharsets.ISO_8859_1);
        boolean control = "E@ACYZBD[^_bn".indexOf(code) >= 0;
        if (control && !unit.remote()) {
            return error(code, 'S');
        }
        switch (code) {
            case 'Q':
                if (settings.unlockCode().isPresent() && kind == UnitKind.RAPID && settings.major() >= 9
                        && !settings.unlockCode().get().equals(data)) {
                    return error(code, '?');
                }
                if (settings.unlockCode().isEmpty() && !"@".equals(data)) {
                    return error(code, '?');
                }
                unit.remote(true);
                return ack(code, "");
            case 'R':
                disarm(now, EmulatorEvent.DisarmReason.COMMAND);
                unit.remote(false);
                return ack(code, "");
            case 'E':
                return mode(data, now);
            case '@':
            case 'A':
                return setPower(code, data, now);
            case 'C': {
                int value = number(data);
                if (value < 0) {
                    return error(code, '?');
                }
                if (value == 0 && unit.armed()) {
                    return error(code, 'S'); // simultaneous mode only from standby (MagPy's virtual BiStim)
                }
                pair.interval(value);
                return ack(code, "");
            }
            case 'Y':
            case 'Z':
                if (unit.armed()) {
                    return error(code, 'S');
                }
                pair.highResolution(code == 'Y');
                return ack(code, "");
            case 'X':
                return ack(code, pair.systemMode());
            case 'J':
                return ack(code, pad(unit.powerA(), 3) + pad(unit.powerB(), 3) + pad(pair.interval(), 3));
            case 'F': {
                int tenths = (int) Math.round(unit.model().status().coilTemperatureCelsius() * 10);
                tenths = Math.max(0, Math.min(999, tenths));
                return ack(code, pad(tenths, 3) + pad(tenths, 3));
            }
            case 'N':
                int[] v = settings.softwareVersion();
                return ack(code, v[0] + "." + v[1] + "." + v[2] + "\0");
            case 'I':
                return ack(code, unit.coilTooHot() ? "C01" : "E00");
            case 'x':
                return ack(code, extendedStatus());
            case 'n':
                return setChargeDelay(data, now);
            case 'o':
                return ack(code, pad(unit.chargeDelayMs(), settings.major() >= 10 ? 5 : 4));
            case '\\': {
                boolean v9 = settings.major() >= 9;
                String wait = pad((int) Math.min(train.minimumWaitTenths(), settings.major() >= 7 ? 9999 : 999),
                        settings.major() >= 7 ? 4 : 3);
                return ack(code, pad(unit.powerA(), 3) + pad(train.frequencyTenthsHz(), 4)
                        + pad(train.pulsesPerTrain(), v9 ? 5 : 4) + pad(train.durationTenths(), v9 ? 4 : 3) + wait);
            }
            case 'B':
            case 'D':
            case '[':
                return setTrainParameter(code, data, now);
            case '^':
            case '_':
                if (train.busy(now) || (code == '^' && train.trainMode())) {
                    return error(code, 'S');
                }
                train.enhancedPower(code == '^');
                return ack(code, "");
            case 'b':
                unit.fault(now, "ignore-coil-interlock-received");
                return ack(code, "");
            default:
                return new byte[]{WireFormat.UNKNOWN};
        }
    }

    private byte[] mode(String data, long now) {
        switch (data) {
            case "A":
                disarm(now, EmulatorEvent.DisarmReason.COMMAND);
                return ack('E', "");
            case "B":
                if (unit.armed()) {
                    return error('E', 'S');
                }
                if (!unit.arm(now)) {
                    return error('E', 'S');
                }
                return ack('E', "");
            case "H":
                return fire(now);
            default:
                return error('E', '?');
        }
    }

    private byte[] fire(long now) {
        if (!unit.ready(now) || train.busy(now)) {
            unit.fault(now, unit.armed() ? "not-ready" : "not-armed");
            return error('E', 'S');
        }
        unit.active(now);
        boolean first;
        if (kind == UnitKind.RAPID && train.trainMode()) {
            first = train.start(now);
        } else if (kind == UnitKind.BISTIM) {
            first = pair.fire(now);
        } else {
            first = unit.fireA(now, false);
        }
        // a unit whose discharge did not happen (its coil too hot, a fault) answers that it could not fire
        return first ? ack('E', "") : error('E', 'S');
    }

    private byte[] setPower(char code, String data, long now) {
        int value = number(data);
        if (value < 0) {
            return error(code, '?');
        }
        if (train.busy(now)) {
            return error(code, 'S');
        }
        if (!unit.setPower(code == '@' ? 0 : 1, value)) {
            return error(code, '?');
        }
        return ack(code, "");
    }

    private byte[] setTrainParameter(char code, String data, long now) {
        int value = number(data);
        if (value < 0) {
            return error(code, '?');
        }
        if (train.busy(now)) {
            return error(code, 'S');
        }
        boolean accepted;
        switch (code) {
            case 'B':
                accepted = train.frequencyTenthsHz(value);
                break;
            case 'D':
                accepted = train.pulsesPerTrain(value);
                break;
            default:
                train.durationTenths(value);
                accepted = true;
                break;
        }
        return accepted ? ack(code, "") : error(code, '?');
    }

    /** {@code n} (V9+): 4 digits up to 2000 ms; V10+: 5 digits up to 10000 ms (MAGIC rapid.m). */
    private byte[] setChargeDelay(String data, long now) {
        int value = number(data);
        if (value < 0 || value > (settings.major() >= 10 ? 10_000 : 2_000)) {
            return error('n', '?');
        }
        if (train.busy(now)) {
            return error('n', 'S');
        }
        unit.chargeDelayMs(value);
        // V10+ answers like x@ (a Magstim engineer, MAGIC #2); V9 with the Rapid status only (MagPy's author)
        return ack('n', settings.major() >= 10 ? extendedStatus() : "");
    }

    /**
     * The 16-bit extended status of {@code x@}, most significant byte first: b0 Plus1 module, b1
     * special trigger mode, b2 charge delay set. MAGIC reads the bits from the second byte, as here;
     * MagPy reads the first.
     */
    private String extendedStatus() {
        return "\0" + (char) (unit.chargeDelayMs() > 0 ? 0x04 : 0);
    }

    /** The answer to {@code code}: its status as of the command's arrival, a Rapid's train status where due. */
    private byte[] ack(char code, String data) {
        long now = unit.lastCommandNanos();
        int status = unit.statusByte(now, train.busy(now));
        if (kind == UnitKind.RAPID && "BD[^_\\xn".indexOf(code) >= 0) {
            return WireFormat.ack(code, data, status, train.statusByte(now));
        }
        return WireFormat.ack(code, data, status);
    }
}
