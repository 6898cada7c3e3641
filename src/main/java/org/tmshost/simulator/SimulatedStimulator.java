package org.tmshost.simulator;

import org.tmshost.device.FaultCodes;
import org.tmshost.device.DeviceFault;
import org.tmshost.device.DeviceIdentity;
import org.tmshost.device.DeviceStatus;
import org.tmshost.device.PulseTrigger;
import org.tmshost.device.Stimulator;
import org.tmshost.device.TrainTimer;
import org.tmshost.device.TrainSetting;
import org.tmshost.profile.DeviceLimits;
import org.tmshost.profile.HardwareProfile;
import org.tmshost.profile.RateTable;

import java.util.Arrays;
import org.tmshost.timing.Clock;

/**
 * An in-process simulated stimulator that behaves as the profile's device would: it fires only
 * when armed, refuses pulses faster than its minimum interval or its rate at that output (as a
 * real unit does not discharge when triggered too early) or beyond its energy budget (profiles
 * with an energy model), heats its coil and disarms at the stop
 * temperature. Every delivered pulse goes to the {@link GroundTruthLog} on the device's own clock.
 * A refused pulse is counted ({@link #lastRefusal()}); a fault (coil over temperature, an injected
 * device error) is latched in the status until the device is armed again.
 *
 * <p>Commands may come from any thread; firing comes from the pulse thread only and does not
 * allocate.
 */
public final class SimulatedStimulator implements Stimulator, PulseTrigger, TrainTimer {
    /** Refusal codes, as a real device would report them. */
    public static final String NOT_ARMED = FaultCodes.NOT_ARMED;
    public static final String RATE_LIMIT = "rate-limit";
    public static final String COIL_OVER_TEMPERATURE = DeviceStatus.COIL_OVER_TEMPERATURE;
    public static final String NOT_READY = FaultCodes.NOT_READY;
    public static final String ENERGY_LIMIT = "energy-limit";
    public static final String NO_TRAIN_LOADED = "no-train-loaded";
    public static final String TRAIN_RUNNING = "train-running";
    /** Arming charges the capacitors: "arming takes up to about 1 s" (Magstim TDb 087) [V]. */
    public static final long DEFAULT_ARM_LATENCY_NANOS = 1_000_000_000L;

    private final HardwareProfile profile;
    private final Clock clockNanos;
    private final CoilThermalModel coil;
    private final GroundTruthLog groundTruth;
    private final int[] outputs;
    private final long[] lastPulseNanos;
    private final long minIntervalNanos;
    private final long minInterChannelNanos;
    private final double[] maxRateHzByOutput;
    private final EnergyBudget energy;
    private final long armLatencyNanos;
    private volatile boolean armed;
    private volatile long armedAtNanos;
    private volatile String faultCode;
    private volatile String lastRefusal;
    private volatile int refusedPulses;
    private volatile long disarmedAtNanos;
    private long lastAnyPulseNanos = Long.MIN_VALUE;
    private int lastChannel = -1;
    // device-timed trains: the loaded train, and the one running (delivered lazily, see advance)
    private TrainSetting train; // null: single pulses
    private long trainStartNanos;
    private int trainRemaining;
    private long trainNextNanos;
    private int trainNextIndex;
    private final PulseTrigger trainStarter = this::startTrain;

    public SimulatedStimulator(HardwareProfile profile, Clock clockNanos, CoilThermalModel.Parameters coil,
                               int expectedPulses) {
        this(profile, clockNanos, coil, expectedPulses, DEFAULT_ARM_LATENCY_NANOS);
    }

    public SimulatedStimulator(HardwareProfile profile, Clock clockNanos, CoilThermalModel.Parameters coil,
                               int expectedPulses, long armLatencyNanos) {
        this.profile = profile;
        this.armLatencyNanos = armLatencyNanos;
        this.clockNanos = clockNanos;
        this.coil = new CoilThermalModel(coil, profile.limits().energyModel(), clockNanos.nanoTime());
        this.groundTruth = new GroundTruthLog(expectedPulses);
        int channels = profile.capabilities().channels();
        this.outputs = new int[channels];
        this.lastPulseNanos = new long[channels];
        Arrays.fill(lastPulseNanos, Long.MIN_VALUE);
        DeviceLimits limits = profile.limits();
        this.minIntervalNanos = limits.minInterPulseIntervalMs().movePointRight(6).longValue();
        this.minInterChannelNanos = limits.minInterChannelIntervalMs().orElse(limits.minInterPulseIntervalMs())
                .movePointRight(6).longValue();
        this.maxRateHzByOutput = rateByOutput(limits.rateVsOutput().orElse(null));
        this.energy = limits.energyModel().map(EnergyBudget::new).orElse(null);
    }

    private static double[] rateByOutput(RateTable table) {
        double[] rates = new double[101];
        for (int output = 0; output <= 100; output++) {
            rates[output] = table == null ? Double.POSITIVE_INFINITY : table.maxRateHz(output).orElse(0);
        }
        return rates;
    }

    @Override
    public DeviceIdentity identify() {
        return new DeviceIdentity(profile.model() + " (SIMULATION)", "tmshost-simulator", true);
    }

    @Override
    public synchronized void arm() throws DeviceFault {
        advance(clockNanos.nanoTime());
        if (coil.temperatureCelsius(clockNanos.nanoTime()) >= profile.limits().coilTemperature().stopCelsius().doubleValue()) {
            throw new DeviceFault(COIL_OVER_TEMPERATURE, "the coil is too hot to arm; let it cool");
        }
        if (!armed) {
            armedAtNanos = clockNanos.nanoTime();
        }
        faultCode = null;
        armed = true;
    }

    /** Armed and charged: a pulse can be delivered now. */
    public boolean ready() {
        return armed && clockNanos.nanoTime() - armedAtNanos >= armLatencyNanos;
    }

    public long armLatencyNanos() {
        return armLatencyNanos;
    }

    /** Stops a running train too: the pulses due before now are delivered, none after. */
    @Override
    public synchronized void disarm() {
        long now = clockNanos.nanoTime();
        advance(now);
        trainRemaining = 0;
        if (armed) {
            disarmedAtNanos = now;
        }
        armed = false;
    }

    /**
     * Ground truth for stop latency: the device clock when a disarm command last found the device
     * armed (0 if never); a later disarm of an already disarmed device does not move it.
     */
    public long disarmedAtNanos() {
        return disarmedAtNanos;
    }

    /** Every pulse this device delivered (its ground truth). */
    /** An in-process device stops with the host that runs it: now, on its clock (the session's). */
    @Override
    public long unattendedStopNanos() {
        return clockNanos.nanoTime();
    }

    /** It runs while the host does, and not a moment longer. */
    @Override
    public long knownRunningUntilNanos() {
        return clockNanos.nanoTime();
    }

    @Override
    public synchronized int deliveredPulseCount() {
        advance(clockNanos.nanoTime());
        return groundTruth.size();
    }

    @Override
    public java.util.Optional<TrainTimer> trainTimer() {
        return java.util.Optional.of(this);
    }

    @Override
    public synchronized void singlePulses() {
        train = null;
    }

    @Override
    public synchronized void load(TrainSetting setting) {
        train = setting;
    }

    @Override
    public PulseTrigger starter() {
        return trainStarter;
    }

    /** Starts the loaded train (or pair): its pulses are due from now at the loaded interval. */
    private synchronized long startTrain(int pulseIndex, int plannedOutputPercentMso, int channel) {
        long now = clockNanos.nanoTime();
        advance(now);
        if (train == null) {
            refuse(NO_TRAIN_LOADED);
            return PulseTrigger.REFUSED;
        }
        if (trainRemaining > 0) {
            refuse(TRAIN_RUNNING);
            return PulseTrigger.REFUSED;
        }
        int refusedBefore = refusedPulses;
        trainRemaining = train.pulses();
        trainStartNanos = now;
        trainNextNanos = now;
        trainNextIndex = pulseIndex;
        advance(now);
        return refusedPulses > refusedBefore ? PulseTrigger.REFUSED : 0; // its first pulse was refused
    }

    /**
     * Delivers the running train's pulses that are due by {@code now}, each at its own time, as
     * the device's timer would have; a refused pulse ends the train. Called before anything reads
     * or changes the device, so the ground truth is current whenever it is looked at.
     */
    private void advance(long now) {
        while (trainRemaining > 0 && trainNextNanos - now <= 0) {
            int k = train.pulses() - trainRemaining;
            boolean delivered = deliver(trainNextNanos, trainNextIndex, train.unitOf(k)); // a pair: A, then B
            trainRemaining = delivered ? trainRemaining - 1 : 0;
            trainNextNanos = trainStartNanos + train.offsetNanos(k + 1);
            trainNextIndex++;
        }
    }

    @Override
    public synchronized int setOutput(int channel, int outputPercentMso) throws DeviceFault {
        if (channel < 0 || channel >= outputs.length) {
            throw new DeviceFault(FaultCodes.NO_SUCH_CHANNEL, "this device has no unit " + channel);
        }
        if (outputPercentMso < 0 || outputPercentMso > profile.limits().maxOutputPercentMso()) {
            throw new DeviceFault(FaultCodes.OUTPUT_OUT_OF_RANGE, "output " + outputPercentMso + "% MSO is outside 0.."
                    + profile.limits().maxOutputPercentMso());
        }
        outputs[channel] = outputPercentMso;
        return outputs[channel];
    }

    @Override
    public PulseTrigger trigger() {
        return this;
    }

    /**
     * Delivers a pulse if the device would. Synchronized against scenario faults injected from
     * another thread; uncontended during a run, and it does not allocate.
     */
    @Override
    public synchronized long fire(int pulseIndex, int plannedOutputPercentMso, int channel) {
        long now = clockNanos.nanoTime();
        advance(now);
        return deliver(now, pulseIndex, channel) ? 0 : PulseTrigger.REFUSED;
    }

    /** One pulse at {@code now} if the device would deliver it; refused pulses are counted. */
    private boolean deliver(long now, int pulseIndex, int channel) {
        if (!armed) {
            refuse(NOT_ARMED);
            return false;
        }
        if (now - armedAtNanos < armLatencyNanos) {
            refuse(NOT_READY);
            return false;
        }
        if (coil.temperatureCelsius(now) >= profile.limits().coilTemperature().stopCelsius().doubleValue()) {
            armed = false;
            faultCode = COIL_OVER_TEMPERATURE;
            refuse(COIL_OVER_TEMPERATURE);
            return false;
        }
        int output = outputs[channel];
        long sinceSameUnit = now - lastPulseNanos[channel];
        boolean tooSoonForUnit = lastPulseNanos[channel] != Long.MIN_VALUE
                && (sinceSameUnit < minIntervalNanos || sinceSameUnit * maxRateHzByOutput[output] < 1e9);
        boolean tooSoonAcrossUnits = lastChannel >= 0 && lastChannel != channel
                && now - lastAnyPulseNanos < minInterChannelNanos;
        if (tooSoonForUnit || tooSoonAcrossUnits) {
            refuse(RATE_LIMIT);
            return false;
        }
        if (energy != null && !energy.admit(now, output)) {
            refuse(ENERGY_LIMIT);
            return false;
        }
        lastPulseNanos[channel] = now;
        lastAnyPulseNanos = now;
        lastChannel = channel;
        coil.onPulse(output, now);
        groundTruth.record(now, output, channel, pulseIndex);
        return true;
    }

    private void refuse(String code) {
        refusedPulses++;
        lastRefusal = code;
    }

    /** Why the last refused pulse was refused ({@link #NOT_ARMED}, {@link #RATE_LIMIT}, ...), or null. */
    public String lastRefusal() {
        return lastRefusal;
    }

    @Override
    public synchronized DeviceStatus status() {
        advance(clockNanos.nanoTime());
        return new DeviceStatus(armed, ready(), coil.temperatureCelsius(clockNanos.nanoTime()), faultCode);
    }

    public synchronized GroundTruthLog groundTruth() {
        advance(clockNanos.nanoTime());
        return groundTruth;
    }

    /**
     * Waits until this device has delivered {@code pulses}: woken by each pulse the host fires, and at
     * each pulse its own train timer is due (no polling).
     *
     * @return true if it had, false when {@code timeout} passed first
     */
    public boolean awaitDelivered(int pulses, java.time.Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long nextDue;
            synchronized (this) {
                advance(clockNanos.nanoTime());
                if (groundTruth.size() >= pulses) {
                    return true;
                }
                nextDue = trainRemaining > 0 ? trainNextNanos - clockNanos.nanoTime() : Long.MAX_VALUE;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            groundTruth.awaitSize(pulses, java.time.Duration.ofNanos(Math.max(1, Math.min(left, nextDue))));
        }
    }

    public int refusedPulses() {
        return refusedPulses;
    }

    public double coilPeakTemperatureCelsius() {
        return coil.peakCelsius();
    }

    /** For fault scenarios: the device reports an error and disarms. */
    public synchronized void injectFault(String code) {
        advance(clockNanos.nanoTime());
        trainRemaining = 0;
        if (armed) {
            disarmedAtNanos = clockNanos.nanoTime();
        }
        armed = false;
        faultCode = code;
    }

    /** For fault scenarios and tests: heat the coil to a temperature now. */
    public synchronized void forceCoilTemperature(double celsius) {
        coil.force(celsius, clockNanos.nanoTime());
    }

    @Override
    public void close() {
        disarm();
    }
}
