package org.tmshost.simulator.magstim;

import org.tmshost.device.transport.Transport;
import org.tmshost.profile.HardwareProfile;
import org.tmshost.simulator.CoilThermalModel;
import org.tmshost.simulator.DeviceClock;
import org.tmshost.simulator.EmulatorServer;
import org.tmshost.simulator.SimulatedStimulator;
import org.tmshost.simulator.WireEmulator;

import org.tmshost.timing.Clock;

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
 * This class holds the unit's time: what runs when, and on which reading of the model's clock. The
 * parts: {@link CommandFramer} (frames, {@code ?} for an unknown command or a wrong check byte),
 * {@link CommandResponses} (what each command does and answers), {@link MagstimUnit} (remote control,
 * lease, armed, recharge, discharges), {@link BiStimPair}, {@link RapidTrain}, {@link WireFormat}.
 *
 * <p>Timers (device side):
 * <ul>
 *   <li>any well-formed command renews the lease; none for {@code armedLeaseMs} while armed
 *       disarms, none for {@code disarmedLeaseMs} while disarmed leaves remote control;</li>
 *   <li>armed without firing for {@code idleDisarmNanos}: disarm;</li>
 *   <li>BiStim's unit B and a Rapid's train pulses at their own due times, each only if the unit
 *       is armed then; a lease that ran out before a pulse was due stops it.</li>
 * </ul>
 */
public final class MagstimEmulator implements WireEmulator {
    private static final byte[] NOTHING = new byte[0];

    private final SimulatedStimulator model;
    private final CommandFramer framer;
    private final MagstimUnit unit;
    private final RapidTrain train;
    private final BiStimPair pair;
    private final CommandResponses commands;

    public MagstimEmulator(HardwareProfile profile, SimulatedStimulator model, MagstimEmulatorSettings settings, long nowNanos) {
        this(profile, model, settings, nowNanos, null);
    }

    /** {@code deviceClock}: the model's clock, pinned to each command's arrival and each pulse's due time; or null. */
    private MagstimEmulator(HardwareProfile profile, SimulatedStimulator model, MagstimEmulatorSettings settings,
                            long nowNanos, DeviceClock deviceClock) {
        UnitKind kind = UnitKind.of(profile);
        this.model = model;
        this.unit = new MagstimUnit(profile, model, settings, kind, deviceClock, nowNanos);
        this.train = new RapidTrain(profile, unit);
        this.pair = new BiStimPair(unit);
        this.commands = new CommandResponses(kind, settings, unit, train, pair);
        this.framer = new CommandFramer(kind, settings);
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
        return new MagstimEmulator(profile, model, settings, clock.nanoTime(), clock);
    }

    /**
     * Serves the protocol over a model the caller built (fault scenarios, a forced coil
     * temperature); {@code clock} must be the model's clock and must advance in real time.
     */
    public static EmulatorServer<MagstimEmulator> serve(HardwareProfile profile, Transport transport, MagstimEmulatorSettings settings,
                                              SimulatedStimulator model, Clock clock) {
        return EmulatorServer.start(new MagstimEmulator(profile, model, settings, clock.nanoTime()), transport,
                clock);
    }

    /** Magstim check byte: one's complement of the 8-bit sum of the preceding bytes. */
    static byte crc(byte[] bytes, int count) {
        return WireFormat.crc(bytes, count);
    }

    @Override
    public synchronized boolean quiescent() {
        return !unit.armed() && train.idle() && !pair.pending();
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
        return framer.commandsReceived(code);
    }

    public synchronized boolean remoteControl() {
        return unit.remote();
    }

    /** Bytes from the host; returns the reply bytes to send (possibly none). Never throws. */
    @Override
    public synchronized byte[] onBytes(byte[] in, int offset, int length, long nowNanos) {
        return unit.onTime(nowNanos, () -> { // the model handles the command at its arrival, whenever this runs
            runTimers(nowNanos); // what was due before the bytes arrived happens first, at its own time
            return framer.take(in, offset, length, nowNanos, commands);
        });
    }

    @Override
    public synchronized void atDeviceTime(long nowNanos, Runnable action) {
        unit.onTime(nowNanos, () -> {
            runTimers(nowNanos);
            action.run();
            return null;
        });
    }

    /** Timers: frame gap, train pulses, BiStim's second pulse, lease, idle disarm, model-side disarm. */
    @Override
    public synchronized byte[] poll(long nowNanos) {
        unit.onTime(nowNanos, () -> {
            runTimers(nowNanos);
            return null;
        });
        return NOTHING; // a Magstim only ever answers
    }

    private void runTimers(long nowNanos) {
        framer.dropStale(nowNanos);
        // the unit's timers in time order: a lease that ran out before a train pulse was due stops the train.
        // Nothing reads the unit at nowNanos before its timers ran: its clock never runs backwards, so a
        // read at a late wake-up would move every overdue pulse to the wake-up.
        long leaseEndNanos = unit.armedLeaseEndNanos();
        boolean leaseOut = unit.armedLeaseRanOut(nowNanos);
        long timersUntil = leaseOut ? leaseEndNanos : nowNanos;
        train.run(timersUntil);
        pair.run(timersUntil);
        if (unit.disarmedItself()) {
            train.stop();
            unit.emit(new EmulatorEvent.Disarmed(nowNanos, EmulatorEvent.DisarmReason.FAULT));
        }
        if (leaseOut && unit.armed()) {
            commands.disarm(leaseEndNanos, EmulatorEvent.DisarmReason.LEASE_EXPIRED);
        }
        unit.releaseRemoteAfterLease(nowNanos);
        if (unit.armed() && train.idle() && unit.idleTooLong(nowNanos)) {
            commands.disarm(nowNanos, EmulatorEvent.DisarmReason.IDLE);
        }
    }

    /** Nanoseconds until the emulator next needs {@link #poll}, for a serving loop's read timeout. */
    @Override
    public synchronized long nanosUntilNextDeadline(long nowNanos) {
        long leaseCheck = unit.nanosUntilLeaseCheck(nowNanos);
        if (!train.idle()) {
            return Math.min(leaseCheck, Math.max(0, train.nextPulseNanos() - nowNanos));
        }
        if (pair.pending()) {
            return Math.min(leaseCheck, Math.max(0, pair.secondDueNanos() - nowNanos));
        }
        if (unit.armed() || unit.remote() || framer.partial()) {
            return 5_000_000L; // lease, idle and frame-gap checks
        }
        return 50_000_000L;
    }
}
