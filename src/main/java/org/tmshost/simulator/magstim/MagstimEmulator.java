package org.tmshost.simulator.magstim;

import org.tmshost.device.DeviceFault;
import org.tmshost.device.transport.Transport;
import org.tmshost.profile.EnergyModel;
import org.tmshost.profile.HardwareProfile;
import org.tmshost.profile.LinkSettings;
import org.tmshost.simulator.CoilThermalModel;
import org.tmshost.simulator.DeviceClock;
import org.tmshost.simulator.EmulatorServer;
import org.tmshost.simulator.SimulatedStimulator;
import org.tmshost.simulator.WireEmulator;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.OptionalDouble;
import java.util.function.LongSupplier;

/**
 * The Magstim 200², BiStim² or Rapid² wire protocol, device side, over a {@link SimulatedStimulator}
 * (which decides whether a pulse is delivered and records it in its ground truth).
 *
 * <p>Written independently of the host-side codec in {@code org.tmshost.device.magstim}: framing,
 * checksum and reply layouts are re-implemented here from the reference (TDb 086/087 as summarised
 * in the project's devices reference §3a), so that a bug on one side does not pass on both. The
 * reference's example frames are the common ground both sides are tested against.
 *
 * <p>Deterministic core: {@link #onBytes} (bytes in, reply bytes out) and {@link #poll} (timers:
 * lease, idle disarm, device-timed trains, frame gap), both taking the time explicitly; the model
 * must read the same clock. {@link #serve} runs the core on its own thread over a {@link Transport}.
 *
 * <p>Behaviour (device side):
 * <ul>
 *   <li>unknown command or wrong checksum: {@code ?} (one byte), and the input buffer is dropped;</li>
 *   <li>bad data: {@code <cmd>?<crc>}; conflict with the state: {@code <cmd>S<crc>} (arm when armed,
 *       fire when not armed or not ready, parameter change during a train or its wait, control
 *       command without remote control);</li>
 *   <li>any well-formed command renews the lease; none for {@code armedLeaseMs} while armed
 *       disarms, none for {@code disarmedLeaseMs} while disarmed leaves remote control;</li>
 *   <li>armed without firing for {@code idleDisarmNanos}: disarm;</li>
 *   <li>ready = the model is charged and, since the last pulse, the recharge time (the unit's, or the
 *       profile's minimum interval) plus the charge delay ({@code n}, V9+) has passed;</li>
 *   <li>BiStim {@code EH}: unit A, then unit B after the interval (1 ms steps, 0.1 ms in high
 *       resolution); an interval of 0 is one simultaneous discharge of both units;</li>
 *   <li>Rapid train mode (duration &gt; 0): {@code EH} starts N pulses at the set frequency on the
 *       model's clock, then a wait of max(0.5 s, energy-model minimum) with parameters locked.</li>
 * </ul>
 */
public final class MagstimEmulator implements WireEmulator {
    private static final byte[] NOTHING = new byte[0];
    private enum Kind { UNIT_200, BISTIM, RAPID }

    private static final int MAX_PENDING = 64;
    private static final byte UNKNOWN = '?';

    private final HardwareProfile profile;
    private final SimulatedStimulator model;
    private final MagstimEmulatorSettings settings;
    private final Kind kind;
    private final long armedLeaseNanos;
    private final long disarmedLeaseNanos;
    private final long rechargeNanos; // -1: the model below
    private final long profileIntervalNanos;
    private DeviceClock deviceClock; // the model's clock when this emulator built it: pinned to due times
    private final int[] commandCounts = new int[256];
    private final byte[] pending = new byte[MAX_PENDING];
    private int pendingLength;
    private long pendingSinceNanos;

    private boolean remote;
    private boolean armedMirror;
    private long lastCommandNanos;
    private long lastActivityNanos;
    private long lastPulseNanos = Long.MIN_VALUE / 2;
    private int deliveredPulses;
    private int powerA;
    private int powerB;
    private int interval;
    private boolean highResolution;
    private int frequencyTenthsHz = 10;
    private int pulsesPerTrain = 1;
    private int durationTenths;
    private boolean enhancedPower;
    private int chargeDelayMs;
    private int trainRemaining;
    private long trainPeriodNanos;
    private long nextTrainPulseNanos;
    private long waitUntilNanos = Long.MIN_VALUE / 2;
    private long pendingSecondPulseNanos = -1;
    private boolean secondPulsePending;

    public MagstimEmulator(HardwareProfile profile, SimulatedStimulator model, MagstimEmulatorSettings settings, long nowNanos) {
        this.profile = profile;
        this.model = model;
        this.settings = settings;
        switch (profile.wireProtocol()) {
            case "magstim-200":
                kind = Kind.UNIT_200;
                break;
            case "magstim-bistim":
                kind = Kind.BISTIM;
                break;
            case "magstim-rapid":
                kind = Kind.RAPID;
                break;
            default:
                throw new IllegalArgumentException(profile.name() + " does not speak a Magstim protocol");
        }
        LinkSettings link = profile.link().orElseThrow(() -> new IllegalArgumentException(
                profile.name() + " has no link settings (keep-alive lease)"));
        this.armedLeaseNanos = link.armedLeaseMs() * 1_000_000L;
        this.disarmedLeaseNanos = link.disarmedLeaseMs() * 1_000_000L;
        this.rechargeNanos = settings.rechargeNanos().orElse(-1L);
        this.profileIntervalNanos = profile.limits().minInterPulseIntervalMs().movePointRight(6).longValue();
        this.lastCommandNanos = nowNanos;
        this.lastActivityNanos = nowNanos;
    }

    /**
     * Serves the protocol on {@code transport} from a thread of its own, over a new simulated
     * unit on the system clock. For {@code tmshost simulate --profile P --pty PATH}.
     */
    public static EmulatorServer<MagstimEmulator> serve(HardwareProfile profile, Transport transport, MagstimEmulatorSettings settings) {
        return EmulatorServer.start(onDeviceClock(profile, settings, new DeviceClock(System::nanoTime)), transport,
                System::nanoTime);
    }

    /**
     * An emulator over a new simulated unit on {@code clock}: commands act at their arrival and timed
     * pulses at their due time, however late the serving thread runs.
     */
    public static MagstimEmulator onDeviceClock(HardwareProfile profile, MagstimEmulatorSettings settings, DeviceClock clock) {
        SimulatedStimulator model = new SimulatedStimulator(profile, clock, CoilThermalModel.Parameters.bundled(),
                4096, settings.armLatencyNanos());
        MagstimEmulator emulator = new MagstimEmulator(profile, model, settings, clock.getAsLong());
        emulator.deviceClock = clock;
        return emulator;
    }

    /**
     * Serves the protocol over a model the caller built (fault scenarios, a forced coil
     * temperature); {@code clock} must be the model's clock and must advance in real time.
     */
    public static EmulatorServer<MagstimEmulator> serve(HardwareProfile profile, Transport transport, MagstimEmulatorSettings settings,
                                              SimulatedStimulator model, LongSupplier clock) {
        return EmulatorServer.start(new MagstimEmulator(profile, model, settings, clock.getAsLong()), transport,
                clock);
    }

    @Override
    public synchronized boolean quiescent() {
        return !armed() && trainRemaining == 0 && !secondPulsePending;
    }

    @Override
    public SimulatedStimulator device() {
        return model;
    }

    public SimulatedStimulator model() {
        return model;
    }

    /** How many complete frames starting with {@code code} arrived (unknown characters included). */
    public synchronized int commandsReceived(char code) {
        return code < 256 ? commandCounts[code] : 0;
    }

    public synchronized boolean remoteControl() {
        return remote;
    }

    /** Bytes from the host; returns the reply bytes to send (possibly none). Never throws. */
    @Override
    public synchronized byte[] onBytes(byte[] in, int offset, int length, long nowNanos) {
        if (deviceClock == null) {
            return handleBytes(in, offset, length, nowNanos);
        }
        long outer = deviceClock.pinTo(nowNanos); // the model handles the command at its arrival, whenever this runs
        try {
            return handleBytes(in, offset, length, nowNanos);
        } finally {
            deviceClock.restore(outer);
        }
    }

    private byte[] handleBytes(byte[] in, int offset, int length, long nowNanos) {
        runTimers(nowNanos); // what was due before the bytes arrived happens first, at its own time
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < length; i++) {
            if (pendingLength == 0) {
                pendingSinceNanos = nowNanos;
            }
            if (pendingLength == MAX_PENDING) {
                pendingLength = 0;
                out.write(UNKNOWN);
            }
            pending[pendingLength++] = in[offset + i];
            if (!takeFrames(nowNanos, out)) {
                break; // after an unknown or corrupt frame, the rest of this burst is dropped too
            }
        }
        return out.toByteArray();
    }

    /** Handles every complete frame in {@code pending}; false when the input had to be dropped. */
    private boolean takeFrames(long nowNanos, ByteArrayOutputStream out) {
        while (pendingLength > 0) {
            int dataLength = dataLength();
            if (dataLength == NEED_MORE) {
                return true;
            }
            if (dataLength == NOT_A_COMMAND) {
                commandCounts[pending[0] & 0xFF]++;
                pendingLength = 0;
                out.write(UNKNOWN);
                fault(nowNanos, "unknown-command");
                return false;
            }
            int frameLength = dataLength + 2;
            if (pendingLength < frameLength) {
                return true;
            }
            byte[] frame = new byte[frameLength];
            System.arraycopy(pending, 0, frame, 0, frameLength);
            System.arraycopy(pending, frameLength, pending, 0, pendingLength - frameLength);
            pendingLength -= frameLength;
            pendingSinceNanos = nowNanos;
            commandCounts[frame[0] & 0xFF]++;
            if (crc(frame, frameLength - 1) != frame[frameLength - 1]) {
                pendingLength = 0;
                out.write(UNKNOWN);
                fault(nowNanos, "bad-checksum");
                return false;
            }
            lastCommandNanos = nowNanos;
            out.writeBytes(handle(frame, nowNanos));
        }
        return true;
    }

    private static final int NEED_MORE = -2;
    private static final int NOT_A_COMMAND = -1;

    /** Data characters of the command at the head of {@code pending}, for this kind and version. */
    private int dataLength() {
        char code = (char) (pending[0] & 0xFF);
        boolean rapid = kind == Kind.RAPID;
        boolean bistim = kind == Kind.BISTIM;
        boolean v9 = settings.major() >= 9;
        switch (code) {
            case 'Q':
                if (rapid && v9 && settings.unlockCode().isPresent()) {
                    if (pendingLength < 2) {
                        return NEED_MORE;
                    }
                    return pending[1] == '@' ? 1 : 16;
                }
                return 1;
            case 'R': case 'E': case 'F':
                return 1;
            case '@':
                return 3;
            case 'J':
                return rapid ? NOT_A_COMMAND : 1;
            case 'A': case 'C':
                return bistim ? 3 : NOT_A_COMMAND;
            case 'Y': case 'Z': case 'X':
                return bistim ? 1 : NOT_A_COMMAND;
            case '\\': case '^': case '_': case 'N': case 'I': case 'b':
                return rapid ? 1 : NOT_A_COMMAND;
            case 'x': case 'o':
                return rapid && v9 ? 1 : NOT_A_COMMAND;
            case 'n':
                return rapid && v9 ? (settings.major() >= 10 ? 5 : 4) : NOT_A_COMMAND;
            case 'B':
                return rapid ? 4 : NOT_A_COMMAND;
            case 'D':
                return rapid ? (v9 ? 5 : 4) : NOT_A_COMMAND;
            case '[':
                return rapid ? (v9 ? 4 : 3) : NOT_A_COMMAND;
            default:
                return NOT_A_COMMAND;
        }
    }

    private byte[] handle(byte[] frame, long now) {
        char code = (char) frame[0];
        String data = new String(frame, 1, frame.length - 2, StandardCharsets.ISO_8859_1);
        boolean control = "E@ACYZBD[^_bn".indexOf(code) >= 0;
        if (control && !remote) {
            return error(code, 'S');
        }
        switch (code) {
            case 'Q':
                if (settings.unlockCode().isPresent() && kind == Kind.RAPID && settings.major() >= 9
                        && !settings.unlockCode().get().equals(data)) {
                    return error(code, '?');
                }
                if (settings.unlockCode().isEmpty() && !"@".equals(data)) {
                    return error(code, '?');
                }
                remote = true;
                return ack(code, "");
            case 'R':
                disarm(now, EmulatorEvent.DisarmReason.COMMAND);
                remote = false;
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
                if (value == 0 && armed()) {
                    return error(code, 'S'); // simultaneous mode only from standby (MagPy's virtual BiStim)
                }
                interval = value;
                return ack(code, "");
            }
            case 'Y':
            case 'Z':
                if (armed()) {
                    return error(code, 'S');
                }
                highResolution = code == 'Y';
                return ack(code, "");
            case 'X':
                return ack(code, systemMode());
            case 'J':
                return ack(code, pad(powerA, 3) + pad(powerB, 3) + pad(interval, 3));
            case 'F': {
                int tenths = (int) Math.round(model.status().coilTemperatureCelsius() * 10);
                tenths = Math.max(0, Math.min(999, tenths));
                return ack(code, pad(tenths, 3) + pad(tenths, 3));
            }
            case 'N':
                int[] v = settings.softwareVersion();
                return ack(code, v[0] + "." + v[1] + "." + v[2] + "\0");
            case 'I':
                return ack(code, coilTooHot(now) ? "C01" : "E00");
            case 'x':
                return ack(code, extendedStatus());
            case 'n':
                return setChargeDelay(data, now);
            case 'o':
                return ack(code, pad(chargeDelayMs, settings.major() >= 10 ? 5 : 4));
            case '\\': {
                boolean v9 = settings.major() >= 9;
                String wait = pad((int) Math.min(minimumWaitTenths(), settings.major() >= 7 ? 9999 : 999),
                        settings.major() >= 7 ? 4 : 3);
                return ack(code, pad(powerA, 3) + pad(frequencyTenthsHz, 4) + pad(pulsesPerTrain, v9 ? 5 : 4)
                        + pad(durationTenths, v9 ? 4 : 3) + wait);
            }
            case 'B':
            case 'D':
            case '[':
                return setTrainParameter(code, data, now);
            case '^':
            case '_':
                if (trainOrWait(now) || (code == '^' && durationTenths > 0)) {
                    return error(code, 'S');
                }
                enhancedPower = code == '^';
                return ack(code, "");
            case 'b':
                fault(now, "ignore-coil-interlock-received");
                return ack(code, "");
            default:
                return new byte[]{UNKNOWN};
        }
    }

    private byte[] mode(String data, long now) {
        switch (data) {
            case "A":
                disarm(now, EmulatorEvent.DisarmReason.COMMAND);
                return ack('E', "");
            case "B":
                if (armed()) {
                    return error('E', 'S');
                }
                try {
                    model.arm();
                } catch (DeviceFault refused) {
                    fault(now, refused.code());
                    return error('E', 'S');
                }
                armedMirror = true;
                lastActivityNanos = now;
                emit(new EmulatorEvent.Armed(now));
                return ack('E', "");
            case "H":
                return fire(now);
            default:
                return error('E', '?');
        }
    }

    private byte[] fire(long now) {
        if (!ready(now) || trainOrWait(now)) {
            fault(now, armed() ? "not-ready" : "not-armed");
            return error('E', 'S');
        }
        lastActivityNanos = now;
        boolean first;
        if (kind == Kind.RAPID && durationTenths > 0) {
            int before = deliveredPulses;
            trainRemaining = pulsesPerTrain;
            trainPeriodNanos = Math.max(1, 10_000_000_000L / Math.max(1, frequencyTenthsHz));
            nextTrainPulseNanos = now;
            runTrain(now);
            first = deliveredPulses > before;
        } else if (kind == Kind.BISTIM && powerB > 0 && interval == 0) {
            first = commanded(now, () -> deliver(now, 0, powerA, true));
        } else {
            first = commanded(now, () -> deliver(now, 0, powerA));
            if (kind == Kind.BISTIM && powerB > 0 && first) {
                // unit B's timer runs from unit A's discharge, as the model recorded it
                secondPulsePending = true;
                pendingSecondPulseNanos = lastPulseNanos + interval * (highResolution ? 100_000L : 1_000_000L);
                runSecondPulse(now);
            }
        }
        // a unit whose discharge did not happen (its coil too hot, a fault) answers that it could not fire
        return first ? ack('E', "") : error('E', 'S');
    }

    private boolean deliver(long now, int channel, int output) {
        return deliver(now, channel, output, false);
    }

    /** {@code simultaneous}: both BiStim units discharge together into the coil, one pulse. */
    /**
     * A pulse the host's command fires, at the command's arrival on the model's clock: the unit
     * discharges when {@code EH} reaches it, not when this thread gets to it.
     */
    private boolean commanded(long arrivedNanos, java.util.function.BooleanSupplier delivery) {
        boolean[] delivered = new boolean[1];
        onTime(arrivedNanos, () -> delivered[0] = delivery.getAsBoolean());
        return delivered[0];
    }

    /** Runs a delivery the unit's own timer scheduled at {@code dueNanos}, on the model's clock at that time. */
    private void onTime(long dueNanos, Runnable delivery) {
        if (deviceClock == null) {
            delivery.run();
            return;
        }
        long outer = deviceClock.pinTo(dueNanos);
        try {
            delivery.run();
        } finally {
            deviceClock.restore(outer);
        }
    }

    /** @return whether the model delivered it; its event carries the model's own time of the pulse */
    private boolean deliver(long now, int channel, int output, boolean simultaneous) {
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

    private byte[] setPower(char code, String data, long now) {
        int value = number(data);
        if (value < 0) {
            return error(code, '?');
        }
        if (trainOrWait(now)) {
            return error(code, 'S');
        }
        try {
            model.setOutput(code == '@' ? 0 : 1, value);
        } catch (DeviceFault outOfRange) {
            return error(code, '?');
        }
        if (code == '@') {
            powerA = value;
        } else {
            powerB = value;
        }
        return ack(code, "");
    }

    private byte[] setTrainParameter(char code, String data, long now) {
        int value = number(data);
        if (value < 0) {
            return error(code, '?');
        }
        if (trainOrWait(now)) {
            return error(code, 'S');
        }
        switch (code) {
            case 'B': {
                OptionalDouble max = profile.limits().rateVsOutput().map(table -> table.maxRateHz(powerA))
                        .orElse(OptionalDouble.empty());
                double maxHz = max.isPresent() ? max.getAsDouble() : 1000.0 / profile.limits().minInterPulseIntervalMs()
                        .doubleValue();
                if (value > 1000 || value > Math.round(maxHz * 10)) {
                    return error(code, '?');
                }
                frequencyTenthsHz = value;
                break;
            }
            case 'D':
                if (value > 6000) {
                    return error(code, '?');
                }
                pulsesPerTrain = value;
                break;
            default:
                durationTenths = value;
                break;
        }
        return ack(code, "");
    }

    /** {@code n} (V9+): 4 digits up to 2000 ms; V10+: 5 digits up to 10000 ms (MAGIC rapid.m). */
    private byte[] setChargeDelay(String data, long now) {
        int value = number(data);
        if (value < 0 || value > (settings.major() >= 10 ? 10_000 : 2_000)) {
            return error('n', '?');
        }
        if (trainOrWait(now)) {
            return error('n', 'S');
        }
        chargeDelayMs = value;
        // V10+ answers like x@ (a Magstim engineer, MAGIC #2); V9 with the Rapid status only (MagPy's author)
        return ack('n', settings.major() >= 10 ? extendedStatus() : "");
    }

    /**
     * The 16-bit extended status of {@code x@}, most significant byte first: b0 Plus1 module, b1
     * special trigger mode, b2 charge delay set. MAGIC reads the bits from the second byte, as here;
     * MagPy reads the first.
     */
    private String extendedStatus() {
        return "\0" + (char) (chargeDelayMs > 0 ? 0x04 : 0);
    }

    /** {@code X@}: 1 simultaneous, 2 low-resolution BiStim, 4 high-resolution BiStim (master; cboulay README). */
    private String systemMode() {
        if (interval == 0) {
            return "1";
        }
        return highResolution ? "4" : "2";
    }

    @Override
    public synchronized void atDeviceTime(long nowNanos, Runnable action) {
        if (deviceClock == null) {
            runTimers(nowNanos);
            action.run();
            return;
        }
        long outer = deviceClock.pinTo(nowNanos);
        try {
            runTimers(nowNanos);
            action.run();
        } finally {
            deviceClock.restore(outer);
        }
    }

    /** Timers: frame gap, train pulses, BiStim's second pulse, lease, idle disarm, model-side disarm. */
    @Override
    public synchronized byte[] poll(long nowNanos) {
        if (deviceClock == null) {
            runTimers(nowNanos);
            return NOTHING;
        }
        long outer = deviceClock.pinTo(nowNanos);
        try {
            runTimers(nowNanos);
        } finally {
            deviceClock.restore(outer);
        }
        return NOTHING; // a Magstim only ever answers
    }

    private void runTimers(long nowNanos) {
        if (pendingLength > 0 && nowNanos - pendingSinceNanos > settings.frameGapNanos()) {
            pendingLength = 0;
        }
        // the unit's timers in time order: a lease that ran out before a train pulse was due stops the train.
        // Nothing reads the unit at nowNanos before its timers ran: its clock never runs backwards, so a
        // read at a late wake-up would move every overdue pulse to the wake-up.
        long leaseEndNanos = lastCommandNanos + armedLeaseNanos;
        boolean leaseOut = remote && armedMirror && nowNanos - leaseEndNanos > 0;
        long timersUntil = leaseOut ? leaseEndNanos : nowNanos;
        runTrain(timersUntil);
        runSecondPulse(timersUntil);
        if (armedMirror && !model.status().armed()) {
            armedMirror = false;
            trainRemaining = 0;
            emit(new EmulatorEvent.Disarmed(nowNanos, EmulatorEvent.DisarmReason.FAULT));
        }
        if (leaseOut && armed()) {
            disarm(leaseEndNanos, EmulatorEvent.DisarmReason.LEASE_EXPIRED);
        }
        if (remote && !armed() && nowNanos - lastCommandNanos > disarmedLeaseNanos) {
            remote = false;
            emit(new EmulatorEvent.RemoteControlReleased(nowNanos, EmulatorEvent.DisarmReason.LEASE_EXPIRED));
        }
        if (armed() && trainRemaining == 0 && nowNanos - lastActivityNanos > settings.idleDisarmNanos()) {
            disarm(nowNanos, EmulatorEvent.DisarmReason.IDLE);
        }
    }

    /** Nanoseconds until the emulator next needs {@link #poll}, for a serving loop's read timeout. */
    @Override
    public synchronized long nanosUntilNextDeadline(long nowNanos) {
        long leaseCheck = remote && armed() ? Math.max(0, lastCommandNanos + armedLeaseNanos + 1 - nowNanos) : Long.MAX_VALUE;
        if (trainRemaining > 0) {
            return Math.min(leaseCheck, Math.max(0, nextTrainPulseNanos - nowNanos));
        }
        if (secondPulsePending) {
            return Math.min(leaseCheck, Math.max(0, pendingSecondPulseNanos - nowNanos));
        }
        if (armed() || remote || pendingLength > 0) {
            return 5_000_000L; // lease, idle and frame-gap checks
        }
        return 50_000_000L;
    }

    private void runTrain(long now) {
        while (trainRemaining > 0 && now - nextTrainPulseNanos >= 0) { // each due pulse, however late this runs
            boolean[] armedWhenDue = new boolean[1];
            onTime(nextTrainPulseNanos, () -> {
                armedWhenDue[0] = armed();
                if (armedWhenDue[0]) {
                    deliver(nextTrainPulseNanos, 0, powerA);
                }
            });
            if (!armedWhenDue[0]) {
                trainRemaining = 0;
                return;
            }
            trainRemaining--;
            lastActivityNanos = now;
            nextTrainPulseNanos += trainPeriodNanos; // the unit's timer: exact, however late this runs
            if (trainRemaining == 0) {
                waitUntilNanos = now + minimumWaitTenths() * 100_000_000L;
            }
        }
    }

    private void runSecondPulse(long now) {
        if (secondPulsePending && now - pendingSecondPulseNanos >= 0) {
            secondPulsePending = false;
            onTime(pendingSecondPulseNanos, () -> {
                if (armed()) {
                    deliver(pendingSecondPulseNanos, 1, powerB);
                }
            });
        }
    }

    /** Post-train wait, 0.1 s: max(0.5 s, N·(f·J − 1050)/(1050·f)) (TDb 087 §3 via MagPy). */
    private long minimumWaitTenths() {
        long tenths = 5;
        EnergyModel energy = profile.limits().energyModel().orElse(null);
        if (energy != null && frequencyTenthsHz > 0) {
            double f = frequencyTenthsHz / 10.0;
            double joules = energy.joules(Math.min(powerA, 100)).doubleValue();
            double recharge = energy.rechargeJoulesPerSecond().doubleValue();
            double seconds = pulsesPerTrain * (f * joules - recharge) / (recharge * f);
            tenths = Math.max(tenths, (long) Math.ceil(seconds * 10));
        }
        return tenths;
    }

    private boolean trainOrWait(long now) {
        return trainRemaining > 0 || now - waitUntilNanos < 0;
    }

    private boolean armed() {
        return model.status().armed();
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
        if (kind == Kind.RAPID) {
            return profileIntervalNanos;
        }
        int power = Math.max(powerA, powerB);
        return (power < 50 ? 2_000_000_000L : power < 80 ? 3_000_000_000L : 4_000_000_000L);
    }

    private boolean ready(long now) {
        return model.ready() && now - lastPulseNanos >= recharge() + chargeDelayMs * 1_000_000L;
    }

    private boolean coilTooHot(long now) {
        return model.status().coilTemperatureCelsius() >= profile.limits().coilTemperature().stopCelsius().doubleValue();
    }

    private void disarm(long now, EmulatorEvent.DisarmReason reason) {
        trainRemaining = 0;
        secondPulsePending = false;
        if (armed()) {
            model.disarm();
            emit(new EmulatorEvent.Disarmed(now, reason));
        }
        armedMirror = false;
    }

    private void fault(long now, String code) {
        emit(new EmulatorEvent.Fault(now, code));
    }

    private void emit(EmulatorEvent event) {
        try {
            settings.events().accept(event);
        } catch (RuntimeException ignored) {
            // a log hook must not take the emulated unit down
        }
    }

    // --- reply bytes (independent of the host codec) ---

    private int statusByte(long now) {
        boolean armed = armed();
        int bits = 0;
        bits |= armed ? 0 : 0x01;
        bits |= armed ? 0x02 : 0;
        bits |= ready(now) && !trainOrWait(now) ? 0x04 : 0;
        bits |= 0x08; // coil present
        bits |= coilTooHot(now) ? 0x10 | 0x20 : 0;
        bits |= model.status().faulted() ? 0x20 : 0; // an internal fault: error present
        bits |= remote ? 0x80 : 0;
        return bits;
    }

    private int rapidStatusByte(long now) {
        int bits = 0;
        bits |= enhancedPower ? 0x01 : 0;
        bits |= trainRemaining > 0 ? 0x02 : 0;
        bits |= trainRemaining == 0 && now - waitUntilNanos < 0 ? 0x04 : 0;
        bits |= durationTenths == 0 ? 0x08 : 0;
        bits |= 0x10 | 0x20; // HV PSU connected, coil ready
        return bits;
    }

    private byte[] ack(char code, String data) {
        long now = lastCommandNanos;
        boolean rapidStatus = kind == Kind.RAPID && "BD[^_\\xn".indexOf(code) >= 0;
        byte[] body = data.getBytes(StandardCharsets.ISO_8859_1);
        byte[] reply = new byte[2 + (rapidStatus ? 1 : 0) + body.length + 1];
        int at = 0;
        reply[at++] = (byte) code;
        reply[at++] = (byte) statusByte(now);
        if (rapidStatus) {
            reply[at++] = (byte) rapidStatusByte(now);
        }
        System.arraycopy(body, 0, reply, at, body.length);
        reply[reply.length - 1] = crc(reply, reply.length - 1);
        return reply;
    }

    private static byte[] error(char code, char marker) {
        byte[] reply = {(byte) code, (byte) marker, 0};
        reply[2] = crc(reply, 2);
        return reply;
    }

    /** Magstim check byte: one's complement of the 8-bit sum of the preceding bytes. */
    static byte crc(byte[] bytes, int count) {
        int sum = 0;
        for (int i = count - 1; i >= 0; i--) {
            sum = (sum + (bytes[i] & 0xFF)) & 0xFF;
        }
        return (byte) (0xFF - sum);
    }

    /** A whole ASCII decimal field, or -1. */
    private static int number(String digits) {
        if (digits.isEmpty()) {
            return -1;
        }
        int value = 0;
        for (char c : digits.toCharArray()) {
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static String pad(long value, int width) {
        StringBuilder text = new StringBuilder(Long.toString(value));
        while (text.length() < width) {
            text.insert(0, '0');
        }
        return text.toString();
    }
}
