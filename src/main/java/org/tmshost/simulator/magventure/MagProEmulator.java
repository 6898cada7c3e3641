package org.tmshost.simulator.magventure;

import org.tmshost.device.DeviceFault;
import org.tmshost.device.transport.Transport;
import org.tmshost.profile.HardwareProfile;
import org.tmshost.simulator.CoilThermalModel;
import org.tmshost.simulator.DeviceEventListener;
import org.tmshost.simulator.EmulatorServer;
import org.tmshost.simulator.SimulatedStimulator;
import org.tmshost.simulator.WireEmulator;

import java.io.ByteArrayOutputStream;
import org.tmshost.timing.Clock;

/**
 * A MagVenture MagPro as seen from its COM2 port, over the physics of a {@link SimulatedStimulator}.
 * Deterministic: {@link #receive(byte[], int, int, long)} takes the bytes the host sent and the
 * time, {@link #tick(long)} advances time; both return the bytes the device sends back
 * (replies and unsolicited notifications). {@link #serve} runs it on a transport ({@link EmulatorServer}).
 *
 * <p>Behaviour (see docs/wire-protocols.md, MagVenture section, for what is documented and what
 * is guessed): status requests (0x00, 0x05) and gets (0x09, 0x0A, 0x0B, 0x0C) are answered; an
 * amplitude command is answered by message 1 (the amplitude now set, unchanged when the value was
 * invalid); enable by three frames, message 1, message 3, message 1 (amplitudes, coil temperature
 * and type, amplitudes, each with the new status byte: magicpy 0.1.6 expects "status, coil info,
 * status", 3 × 8 bytes, from an X100); disable by message 3 alone; a delivered trigger by message 2
 * (di/dt) alone; a page change or train start/stop by message 8; a change of the whole-degree coil
 * temperature by message 3. A trigger while disabled does nothing. Invalid values and malformed
 * frames are ignored, as a device that validates its input.
 */
public final class MagProEmulator implements WireEmulator {
    private static final long STALE_FRAME_NANOS = 100_000_000L;
    private static final long IDLE_TICK_NANOS = 10_000_000L;
    private static final int PAGE_MAIN = 1;
    private static final int PAGE_TIMING = 2;

    private final HardwareProfile profile;
    private final SimulatedStimulator device;
    private final MagProEmulatorSettings options;
    private final DeviceEventListener log;
    private final WireCodec wire = new WireCodec(STALE_FRAME_NANOS);
    private final int modelCode;
    private final int channels;
    private final PulseQueue queue = new PulseQueue();
    private ByteArrayOutputStream out = new ByteArrayOutputStream();
    private long now; // the emulator's time, which the device model reads as its clock
    // device settings, as the MagPro keeps them
    private boolean enabled;
    private int amplitudeA;
    private int amplitudeB;
    private int mode;
    private int waveform = 1;
    private int direction;
    private int burstPulses = 2;
    private int ipiTenths = 100;
    private int baRatioHundredths = 100;
    private int page = PAGE_MAIN;
    private int timingControl;
    private int repRateTenths = 10;
    private int pulsesInTrain = 5;
    private int numberOfTrains = 3;
    private int itiTenths = 10;
    private int priorWarning = 1;
    private int rampUp = 100;
    private int rampUpTrains = 10;
    private int inputDelayTenths;
    private int outputDelayTenths;
    private int chargeDelayMs;
    // running state
    private int followUpsLeft;
    private int followUpChannel;
    private int triggerDiDtA;
    private int triggerDiDtB;
    private int stimulationCount;
    private int pulseIndex;
    private boolean trainRunning;
    private int trainsDone;
    private int triggersInTrain;
    private long nextTrainTriggerNanos;
    private int lastReportedTemperature;
    private int rejectedCommands;

    /**
     * The device model runs on the emulator's own time: the moment a command arrived, or the moment
     * a queued pulse was due, so its record is the device's timer and not the emulator thread's
     * scheduling (a real unit does not discharge late because a host computer is busy).
     */
    public MagProEmulator(HardwareProfile profile, MagProEmulatorSettings options) {
        if (!"magventure-magpro".equals(profile.wireProtocol())) {
            throw new IllegalArgumentException("profile " + profile.name() + " is not a magventure-magpro profile");
        }
        this.profile = profile;
        this.options = options;
        this.now = options.clockNanos().nanoTime();
        this.device = new SimulatedStimulator(profile, () -> now, options.coil(), 1024, options.armLatencyNanos());
        this.log = options.eventLog();
        this.channels = profile.capabilities().channels();
        boolean r30 = profile.model().contains("R30");
        this.modelCode = r30 ? (channels > 1 ? 2 : 0) : (channels > 1 ? 3 : 1);
        this.lastReportedTemperature = temperature();
    }

    /** Serves the protocol on a transport from a new daemon thread until the server is closed. */
    public static EmulatorServer<MagProEmulator> serve(HardwareProfile profile, Transport transport, MagProEmulatorSettings options) {
        return EmulatorServer.start(new MagProEmulator(profile, options), transport, options.clockNanos());
    }

    /** {@link #serve(HardwareProfile, Transport, MagProEmulatorSettings)} with {@link MagProEmulatorSettings#defaults()}. */
    public static EmulatorServer<MagProEmulator> serve(HardwareProfile profile, Transport transport) {
        return serve(profile, transport, MagProEmulatorSettings.defaults());
    }

    public synchronized byte[] receive(byte[] bytes, int offset, int length, long nowNanos) {
        advance(nowNanos); // what was due before the command arrived happens first
        now = nowNanos;
        for (int i = offset; i < offset + length; i++) {
            wire.feed(bytes[i] & 0xFF, nowNanos, this::onCommand);
        }
        advance(nowNanos);
        return drain();
    }

    public synchronized byte[] tick(long nowNanos) {
        advance(nowNanos); // delivers what was due at its due time, then sets the time to now
        return drain();
    }

    @Override
    public byte[] onBytes(byte[] in, int offset, int length, long nowNanos) {
        return receive(in, offset, length, nowNanos);
    }

    @Override
    public byte[] poll(long nowNanos) {
        return tick(nowNanos);
    }

    /** The model reads this emulator's time, which {@link #advance} sets to {@code nowNanos}; notices wait for the next poll. */
    @Override
    public synchronized void atDeviceTime(long nowNanos, Runnable action) {
        advance(nowNanos);
        action.run();
    }

    /**
     * The next queued pulse or train trigger; otherwise a coarse tick, for the coil temperature
     * notices and the device-side disarm checks.
     */
    @Override
    public synchronized long nanosUntilNextDeadline(long nowNanos) {
        long next = nowNanos + IDLE_TICK_NANOS;
        if (!queue.isEmpty()) {
            next = Math.min(next, queue.nextAt());
        }
        if (trainRunning) {
            next = Math.min(next, nextTrainTriggerNanos);
        }
        return Math.max(0, next - nowNanos);
    }

    /** A MagPro has no lease: left enabled, it is never quiet without a host. */
    @Override
    public synchronized boolean quiescent() {
        return !enabled && queue.isEmpty() && !trainRunning;
    }

    @Override
    public SimulatedStimulator device() {
        return device;
    }

    /** Frames dropped for a bad length, CRC or end byte, or left incomplete. */
    public synchronized int rejectedFrames() {
        return wire.rejectedFrames();
    }

    /** Well-framed commands ignored because a value or the length was invalid. */
    public synchronized int rejectedCommands() {
        return rejectedCommands;
    }

    public synchronized int stimulationCount() {
        return stimulationCount;
    }

    private byte[] drain() {
        byte[] bytes = out.toByteArray();
        out.reset();
        return bytes;
    }

    private void onCommand(byte[] payload, int n) {
        advance(now); // a trigger read just before, in the same read of the line, has discharged: a disable cannot take it back
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = payload[i] & 0xFF;
        }
        switch (p[0]) {
            case 0x00 -> expectLength(p, n == 1, () -> sendStatus(0));
            case 0x05 -> expectLength(p, n == 1, () -> sendStatus(5));
            case 0x01 -> expectLength(p, n == 2 || n == 3, () -> setAmplitude(p));
            case 0x02 -> expectLength(p, n == 2 && p[1] <= 1, () -> setEnabled(p[1] == 1));
            // pytms sends the bare ID (FE 01 03 E2 FF), MAGIC and the reference add a 01 data byte
            case 0x03 -> expectLength(p, n == 1 || (n == 2 && p[1] == 1), this::trigger);
            case 0x04 -> expectLength(p, n == 1, this::startTrain);
            case 0x06 -> expectLength(p, n == 9, () -> setTrain(timingControl, word(p, 1), word(p, 3), word(p, 5),
                    word(p, 7), priorWarning, rampUp, rampUpTrains));
            // pytms sends [07 page], MAGIC pads it to [07 page 00]
            case 0x07 -> expectLength(p, n == 2 || n == 3, () -> setPage(p[1]));
            case 0x08 -> expectLength(p, n == 9, () -> setDelays(word(p, 1), (short) word(p, 3), word(p, 5)));
            case 0x09 -> expectLength(p, (n == 2 || n == 11) && p[1] <= 1, () -> mainParameters(p, n));
            case 0x0A -> expectLength(p, (n == 2 && p[1] == 0) || (n == 8 && p[1] == 1), () -> delays(p, n));
            case 0x0B -> expectLength(p, (n == 2 && p[1] == 0) || ((n == 12 || n == 14) && p[1] == 1), () -> timing(p, n));
            case 0x0C -> expectLength(p, n == 2, this::sendPageAndCount);
            default -> reject("unknown-command", "command " + p[0] + " is not known");
        }
    }

    private void expectLength(int[] p, boolean ok, Runnable action) {
        if (ok) {
            action.run();
        } else {
            reject("malformed-command", "command " + p[0] + " with " + p.length + " payload bytes is not valid");
        }
    }

    private void reject(String code, String message) {
        rejectedCommands++;
        log.fault(now, code, message);
    }

    private static int word(int[] p, int at) {
        return (p[at] << 8) | p[at + 1];
    }

    private int statusByte() {
        return (modelCode << 5) | (enabled ? 0x10 : 0) | (waveform << 2) | mode;
    }

    private int temperature() {
        return (int) Math.round(device.status().coilTemperatureCelsius());
    }

    private void sendStatus(int id) {
        int serial = options.serialNumber();
        int[] common = {id, statusByte(), (serial >> 16) & 0xFF, (serial >> 8) & 0xFF, serial & 0xFF,
                clampByte(temperature()), options.coilType(), amplitudeA, amplitudeB};
        if (id == 0) {
            WireCodec.frame(out, common);
            return;
        }
        int[] status2 = new int[15];
        System.arraycopy(common, 0, status2, 0, common.length);
        status2[9] = amplitudeA;
        status2[10] = amplitudeB;
        status2[11] = 100;
        status2[12] = 100;
        status2[13] = page;
        status2[14] = trainRunning ? 1 : 0;
        WireCodec.frame(out, status2);
    }

    private static int clampByte(int value) {
        return Math.max(0, Math.min(255, value));
    }

    private void notice(int id, int first, int second) {
        WireCodec.frame(out, id, first, second, statusByte());
    }

    private void setAmplitude(int[] p) {
        int max = profile.limits().maxOutputPercentMso();
        int a = p[1];
        int b = p.length == 3 ? p[2] : amplitudeB;
        if (a > max || b > max) {
            reject("amplitude-out-of-range", "amplitude " + a + (p.length == 3 ? "/" + b : "") + " % is above " + max);
        } else {
            try {
                device.setOutput(0, a);
                amplitudeA = a;
                if (channels > 1) {
                    device.setOutput(1, b);
                    amplitudeB = b;
                }
            } catch (DeviceFault e) {
                reject(e.code(), e.getMessage());
            }
        }
        notice(1, amplitudeA, amplitudeB);
    }

    private void setEnabled(boolean enable) {
        if (enable && !enabled) {
            try {
                device.arm();
                enabled = true;
                log.armed(now);
            } catch (DeviceFault e) {
                reject(e.code(), e.getMessage());
            }
        } else if (!enable && enabled) {
            device.disarm();
            enabled = false;
            stopTrain();
            log.disarmed(now, "host");
        }
        if (enable) {
            notice(1, amplitudeA, amplitudeB); // status
            notice(3, clampByte(temperature()), options.coilType()); // coil info
            notice(1, amplitudeA, amplitudeB); // status
        } else {
            notice(3, clampByte(temperature()), options.coilType());
        }
    }

    private void trigger() {
        if (!enabled || trainRunning) {
            return; // the MagPro ignores a trigger while disabled
        }
        scheduleTrigger(now);
    }

    /**
     * One trigger: a pulse, a burst (Biphasic Burst) or an A-B pair (Twin/Dual). Only its first pulse
     * is queued; each further pulse is queued when the one before it is delivered, an interval after
     * that pulse's own time, as the device's timer runs from its discharge (an emulator thread that
     * delivers the first pulse late must not squeeze the second against it).
     */
    private void scheduleTrigger(long atNanos) {
        queue.add(atNanos, 0);
        if (waveform == 3) {
            followUpsLeft = burstPulses - 1;
            followUpChannel = 0;
        } else if ((mode == 2 || mode == 3) && channels > 1) {
            followUpsLeft = 1;
            followUpChannel = 1;
        } else {
            followUpsLeft = 0;
        }
        triggerDiDtA = 0;
        triggerDiDtB = 0;
    }

    private void startTrain() {
        if (!enabled || trainRunning || page != PAGE_TIMING) {
            return;
        }
        trainRunning = true;
        trainsDone = 0;
        triggersInTrain = 0;
        nextTrainTriggerNanos = now;
        notice(8, page, 1);
    }

    private void stopTrain() {
        queue.clear();
        if (trainRunning) {
            trainRunning = false;
            notice(8, page, 0);
        }
    }

    private void advance(long nowNanos) {
        if (enabled && device.status().coilTemperatureCelsius()
                >= profile.limits().coilTemperature().stopCelsius().doubleValue()) {
            device.disarm(); // the MagPro watches its coil temperature itself
            enabled = false;
            stopTrain();
            log.disarmed(nowNanos, "coil-over-temperature");
            notice(3, clampByte(temperature()), options.coilType());
        }
        if (enabled && !device.status().armed()) {
            enabled = false;
            String reason = device.status().faultCode() == null ? "device" : device.status().faultCode();
            stopTrain();
            log.disarmed(nowNanos, reason);
            notice(3, clampByte(temperature()), options.coilType());
        }
        while (trainRunning && queue.isEmpty() && nextTrainTriggerNanos <= nowNanos) {
            long at = nextTrainTriggerNanos;
            scheduleTrigger(at);
            triggersInTrain++;
            long periodNanos = 1_000_000_000L * 10 / repRateTenths;
            if (triggersInTrain < pulsesInTrain) {
                nextTrainTriggerNanos = at + periodNanos;
            } else {
                triggersInTrain = 0;
                trainsDone++;
                nextTrainTriggerNanos = at + itiTenths * 100_000_000L;
            }
            if (trainsDone == numberOfTrains) {
                nextTrainTriggerNanos = Long.MAX_VALUE;
            }
        }
        while (!queue.isEmpty() && queue.nextAt() <= nowNanos) {
            now = Math.max(now, queue.nextAt()); // the device's timer fires when due, however late this runs
            deliver(queue.nextChannel());
            queue.removeFirst();
        }
        now = nowNanos;
        if (trainRunning && queue.isEmpty() && nextTrainTriggerNanos == Long.MAX_VALUE) {
            trainRunning = false;
            notice(8, page, 0);
        }
        int temperature = temperature();
        if (temperature != lastReportedTemperature) {
            lastReportedTemperature = temperature;
            notice(3, clampByte(temperature), options.coilType());
        }
    }

    /**
     * Delivers a queued pulse if the device model does; after the trigger's last pulse (or its first
     * refused one) the device reports di/dt once, for unit A and unit B (0 for a unit that did not fire).
     */
    private void deliver(int channel) {
        int before = device.groundTruth().size();
        int refusedBefore = device.refusedPulses();
        int output = channel == 0 ? amplitudeA : amplitudeB;
        device.fire(pulseIndex, output, channel);
        boolean delivered = device.groundTruth().size() > before;
        if (delivered) {
            long at = device.groundTruth().atNanos(before);
            log.pulse(pulseIndex, at, output, channel);
            pulseIndex++;
            stimulationCount++;
            if (channel == 0) {
                triggerDiDtA = diDt(amplitudeA);
            } else {
                triggerDiDtB = diDt(amplitudeB);
            }
            if (followUpsLeft > 0) {
                followUpsLeft--;
                queue.add(at + ipiTenths * 100_000L, followUpChannel);
                return;
            }
        } else if (device.refusedPulses() > refusedBefore) {
            log.fault(now, device.lastRefusal(), "pulse " + pulseIndex + " refused by the device model");
        }
        followUpsLeft = 0;
        if (triggerDiDtA > 0 || triggerDiDtB > 0) {
            notice(2, triggerDiDtA, channels > 1 ? triggerDiDtB : 0);
        }
    }

    /** A plausible di/dt in A/µs for a figure-of-eight coil: 1.5 A/µs per % MSO (a model, not a measurement). */
    private static int diDt(int amplitude) {
        return Math.min(255, amplitude * 3 / 2);
    }

    private void setPage(int requested) {
        boolean selectable = requested == 1 || requested == 2 || requested == 3 || requested == 4 || requested == 7;
        if (!selectable || trainRunning) {
            reject("page-refused", "page " + requested + " cannot be selected now");
            return;
        }
        page = requested;
        notice(8, page, 0);
    }

    private void setTrain(int control, int rate, int pulses, int trains, int iti, int warn, int ramp, int rampTrains) {
        int maxRate = maxRepRatePps();
        boolean rateOk = rate >= 1 && rate <= maxRate * 10 && (rate <= 10 || rate % 10 == 0);
        boolean pulsesOk = (pulses >= 1 && pulses <= 1000) || (pulses > 1000 && pulses <= 2000 && pulses % 100 == 0);
        boolean ok = control <= 3 && rateOk && pulsesOk && trains >= 1 && trains <= 500 && iti >= 1 && iti <= 3000
                && warn <= 1 && ramp >= 70 && ramp <= 100 && ramp % 5 == 0 && rampTrains >= 1 && rampTrains <= 10;
        if (!ok || trainRunning) {
            reject("train-refused", "train " + rate + "/" + pulses + "/" + trains + "/" + iti + " refused");
            return;
        }
        timingControl = control;
        repRateTenths = rate;
        pulsesInTrain = pulses;
        numberOfTrains = trains;
        itiTenths = iti;
        priorWarning = warn;
        rampUp = ramp;
        rampUpTrains = rampTrains;
    }

    private int maxRepRatePps() {
        boolean paired = mode == 2 || mode == 3;
        if (modelCode == 0 || modelCode == 2 || modelCode == 4) {
            return paired ? 5 : 30;
        }
        if (waveform == 3) {
            return 20;
        }
        if (modelCode == 3 && paired) {
            return waveform == 0 ? 5 : 50;
        }
        return 100;
    }

    private void timing(int[] p, int n) {
        if (p[1] == 1) {
            int ramp = n == 14 ? p[12] : rampUp;
            int rampTrains = n == 14 ? p[13] : rampUpTrains;
            setTrain(p[2] & 0x0F, word(p, 3), word(p, 5), word(p, 7), word(p, 9), p[11], ramp, rampTrains);
            return;
        }
        WireCodec.frame(out, 0x0B, 0, timingControl, repRateTenths >> 8, repRateTenths & 0xFF, pulsesInTrain >> 8,
                pulsesInTrain & 0xFF, numberOfTrains >> 8, numberOfTrains & 0xFF, itiTenths >> 8, itiTenths & 0xFF,
                priorWarning, rampUp, rampUpTrains);
    }

    private void setDelays(int input, int output, int charge) {
        if (input < 0 || input > 65000 || output < -1000 || output > 1000 || charge < 0 || charge > 12000) {
            reject("delays-refused", "delays " + input + "/" + output + "/" + charge + " refused");
            return;
        }
        inputDelayTenths = input;
        outputDelayTenths = output;
        chargeDelayMs = charge;
    }

    private void delays(int[] p, int n) {
        if (p[1] == 1) {
            setDelays(word(p, 2), (short) word(p, 4), word(p, 6));
            return;
        }
        WireCodec.frame(out, 0x0A, 0, inputDelayTenths >> 8, inputDelayTenths & 0xFF, (outputDelayTenths >> 8) & 0xFF,
                outputDelayTenths & 0xFF, chargeDelayMs >> 8, chargeDelayMs & 0xFF);
    }

    private void mainParameters(int[] p, int n) {
        if (p[1] == 1 && n == 11) {
            int newMode = p[3];
            int newDirection = p[4];
            int newWaveform = p[5];
            int newBurst = 5 - p[6];
            int newIpi = word(p, 7);
            int newBa = word(p, 9);
            boolean ok = p[2] == modelCode && modeAllowed(newMode) && directionAllowed(newDirection)
                    && waveformAllowed(newWaveform) && p[6] <= 3 && IpiSteps.index(newIpi, newMode, newWaveform) >= 0
                    && newBa >= 20 && newBa <= 500 && newBa % 5 == 0 && !trainRunning;
            if (!ok) {
                reject("parameters-refused", "main parameters " + java.util.Arrays.toString(p) + " refused");
            } else {
                mode = newMode;
                direction = newDirection;
                waveform = newWaveform;
                burstPulses = newBurst;
                ipiTenths = newIpi;
                baRatioHundredths = newBa;
            }
        }
        int ipiIndex = Math.max(0, IpiSteps.index(ipiTenths, mode, waveform));
        WireCodec.frame(out, 0x09, 0, modelCode, mode, direction, waveform, 5 - burstPulses, ipiIndex & 0xFF,
                ipiIndex >> 8, (500 - baRatioHundredths) / 5);
    }

    private boolean modeAllowed(int m) {
        if (m > 3) {
            return false;
        }
        return switch (modelCode) {
            case 0, 1 -> m == 0;
            case 2 -> m != 1;
            default -> true;
        };
    }

    private boolean directionAllowed(int d) {
        return d == 0 || (d == 1 && modelCode != 0 && modelCode != 2);
    }

    private boolean waveformAllowed(int w) {
        return switch (modelCode) {
            case 0 -> w == 1;
            case 2 -> w == 0 || w == 1;
            case 1 -> w == 0 || w == 1 || w == 3;
            default -> w <= 3;
        };
    }

    private void sendPageAndCount() {
        int[] reply = new int[14];
        reply[0] = 0x0C;
        reply[9] = (stimulationCount >> 8) & 0xFF;
        reply[10] = stimulationCount & 0xFF;
        reply[13] = page;
        WireCodec.frame(out, reply);
    }
}
