package org.tmshost.session;

import org.tmshost.delivery.Delivery;
import org.tmshost.device.DeviceFault;
import org.tmshost.device.FaultCodes;
import org.tmshost.device.PulseTrigger;
import org.tmshost.device.Stimulator;
import org.tmshost.device.TrainSetting;
import org.tmshost.excitability.MeasurementPlan;
import org.tmshost.excitability.TrialPulsePath;
import org.tmshost.excitability.TrialPulses;
import org.tmshost.profile.HardwareProfile;
import org.tmshost.protocol.PulsePlan;
import org.tmshost.threshold.HuntClock;
import org.tmshost.threshold.HuntPulsePath;
import org.tmshost.threshold.HuntStopped;
import org.tmshost.timing.DeviationBudget;
import org.tmshost.timing.FireJournal;
import org.tmshost.timing.InterlockLatch;
import org.tmshost.timing.PulseScheduler;
import org.tmshost.timing.SchedulerState;
import org.tmshost.timing.TripCause;
import org.tmshost.timing.VirtualClock;

/**
 * A threshold hunt, or an excitability measurement's trials, on the session's pulse path: the arming
 * checks that guard a hunt ({@link PulsePath#HUNT}; {@link PulsePath#MEASUREMENT}, the same checks),
 * one interlock latch from arming to disarming with the session's runtime
 * interlocks on it (the stop button, the link watch, the device's status: coil temperature, faults,
 * a disarm nobody asked for, its pulse count), and every pulse fired by the pulse thread from a plan
 * that grows by one pulse at a time ({@link PulsePlan#singlePulse}). The hunt itself (which output,
 * when, the readings) and its record stay with the caller ({@code threshold.HuntRunner}, the console).
 * A hunt pulse has no timing to keep, its time being the hunt's jittered pacing: it fires late rather
 * than not at all.
 *
 * <p>A measurement ({@link #prepareMeasurement}) gives a trial per {@link #fire(int, TrialPulses)}, as
 * {@link TrialDevice} decided: a pair the device times itself from one trigger, a two-pulse plan the
 * pulse thread times (a pair's test pulse is never late: if it would be, it is not given), or one pulse.
 * The device's pulse count is checked against every pulse of every trial (a pair is two).
 */
public final class HuntSession implements HuntPulsePath, TrialPulsePath {
    /** Any lateness is a deviation and none stops the pulse: nothing times a hunt pulse but the hunt. */
    private static final DeviationBudget ANY_LATENESS = new DeviationBudget(1000, 1, 0, false);
    /** A trial's first pulse may be late (the measurement paces it); its test pulse never: then it is not given. */
    private static final DeviationBudget EXACT_INTERVAL = new DeviationBudget(1000, 1, 0, true);
    private static final long PULSE_TIMEOUT_MILLIS = 5_000;

    private final Stimulator device;
    private final HardwareProfile profile;
    private final boolean simulated;
    private final LinkWatch linkWatch;
    private final SessionSettings settings;
    private final Confirmations confirmations;
    private final FirstTrip trip = new FirstTrip();
    private final InterlockLatch latch;
    private volatile boolean armed;
    private volatile boolean ended;
    private volatile PeriodicDuty monitor;
    private volatile int given;
    private volatile long lastGivenNanos;
    private int deviceCountAtArm;
    /** Pulses of the last pulse or trial given: reported together by a device that reports a pair at its end. */
    private volatile int lastGivenPulses = 1;
    /** How a measurement's trials reach the device; null for a hunt. */
    private final TrialDevice trials;
    /** What each unit was last set to and read back as (-1: not set by this path). */
    private final int[] unitOutputs = new int[OutputSettingTrigger.MAX_CHANNELS];
    private long loadedIsiNanos;

    private HuntSession(Stimulator device, HardwareProfile profile, boolean simulated, LinkWatch linkWatch,
                        SessionSettings settings, Confirmations confirmations, TrialDevice trials) {
        this.trials = trials;
        java.util.Arrays.fill(unitOutputs, -1);
        this.device = device;
        this.profile = profile;
        this.simulated = simulated;
        this.linkWatch = linkWatch;
        this.settings = settings;
        this.confirmations = confirmations;
        this.latch = new InterlockLatch(settings.clock());
    }

    /**
     * A hunt on {@code device}, not yet armed.
     *
     * @param simulated the hunt is recorded as a SIMULATION (the device must say it is one, and only then)
     * @param linkWatch the callback the device's driver was opened with; link faults trip this hunt
     */
    public static HuntSession prepare(Stimulator device, HardwareProfile profile, boolean simulated, LinkWatch linkWatch,
                                      SessionSettings given, Confirmations confirmations) {
        return new HuntSession(device, profile, simulated, linkWatch, given.forDevice(device), confirmations, null);
    }

    /**
     * A measurement of {@code plan} on {@code device}, not yet armed; its trials reach the device as
     * {@link TrialDevice} decides.
     *
     * @throws IllegalArgumentException if the device cannot give the plan's trials ({@link TrialDevice#refusal}
     *                                  says why; the doors ask it first)
     */
    public static HuntSession prepareMeasurement(Stimulator device, HardwareProfile profile, boolean simulated,
                                                 LinkWatch linkWatch, SessionSettings given, Confirmations confirmations,
                                                 MeasurementPlan plan) {
        return new HuntSession(device, profile, simulated, linkWatch, given.forDevice(device), confirmations,
                TrialDevice.of(plan, profile, device));
    }

    /**
     * The hunt's clock on virtual time, the clock a stepped hunt's settings run on: waiting for the next
     * pulse moves it (tests, {@code bench threshold}).
     */
    public static HuntClock steppedClock(VirtualClock clock) {
        return new HuntClock() {
            @Override
            public long nanoTime() {
                return clock.nanoTime();
            }

            @Override
            public void sleepUntil(long deadlineNanos) {
                clock.advanceTo(deadlineNanos);
            }
        };
    }

    /** Runs the arming checks that guard a hunt (or a measurement) without arming (what the console shows first). */
    public ArmingReport armingChecks() {
        return ArmingChecks.run(ArmingContext.forHunt(device, profile, simulated, linkWatch.fault(),
                settings.stopButton(), confirmations, settings.wallClock().instant(), settings.zone()),
                trials == null ? PulsePath.HUNT : PulsePath.MEASUREMENT);
    }

    /** How a measurement's trials reach the device; empty for a hunt. */
    public java.util.Optional<TrialDevice> trialDevice() {
        return java.util.Optional.ofNullable(trials);
    }

    /**
     * Runs the checks again and, if they pass, arms the device and waits for READY; from here the
     * interlocks watch (on the monitor thread, and before and after every pulse).
     */
    @Override
    public void arm() throws DeviceFault, HuntStopped {
        if (armed || ended) {
            throw new IllegalStateException("a hunt arms once");
        }
        ArmingReport report = armingChecks();
        if (!report.canArm()) {
            ended = true;
            throw new HuntStopped("ARMING_REFUSED", String.join("; ", report.lines()), false);
        }
        settings.stopButton().onPress(() -> trip(InterlockCause.STOP_BUTTON, "the stop button was pressed"));
        linkWatch.attach(this::trip);
        if (settings.realTime().isPresent()) {
            device.onLinkThreads(settings.watchThreadStart());
        }
        armed = true;
        try {
            if (trials != null) { // the first pair's interval (a BiStim² takes its timing resolution only disarmed)
                DeviceArming.load(device, trials.firstLoad());
                loadedIsiNanos = trials.firstLoad().train().map(TrainSetting::intervalNanos).orElse(0L);
            }
            device.arm();
            DeviceArming.awaitReady(device, settings);
        } catch (DeviceFault fault) {
            disarm();
            throw fault;
        }
        deviceCountAtArm = device.deliveredPulseCount();
        requireClear();
        if (!settings.stepped()) {
            PeriodicDuty watching = new PeriodicDuty(new DutyCycle() {
                @Override
                public int doWork() {
                    superviseOnce();
                    return 1;
                }

                @Override
                public boolean done() {
                    return ended || trip.get() != null;
                }
            }, settings.monitorPeriod().toNanos(), settings.clock().nanoTime());
            monitor = watching;
            watching.startThread("tmshost-hunt-monitor", PeriodicDuty.CREATOR_PRIORITY, settings.watchThreadStart(),
                    () -> { });
        }
    }

    @Override
    public int setOutput(int channel, int outputPercentMso) throws DeviceFault {
        return device.setOutput(channel, outputPercentMso);
    }

    /**
     * The interlocks, read now, are clear; the device counts every pulse given (one it did not count
     * was not delivered); it is armed and ready.
     */
    @Override
    public void requireReady(int pulse) throws DeviceFault, HuntStopped {
        // a measurement's trial waits for a recharging device (a BiStim² unit after its last pair) up to the
        // arming timeout: its pacing is a floor, so a trial comes late rather than not at all; a hunt's pulse does not wait
        long deadline = settings.clock().nanoTime() + (trials == null ? 0 : settings.readyTimeout().toNanos());
        while (true) {
            superviseOnce();
            requireClear();
            if (device.status().ready()) {
                return;
            }
            if (settings.clock().nanoTime() - deadline >= 0) {
                throw new DeviceFault(FaultCodes.NOT_READY, "the stimulator was not armed and ready before "
                        + (trials == null ? "pulse " : "trial ") + (pulse + 1));
            }
            settings.idle(5_000_000L);
        }
    }

    /**
     * A unit fires again no sooner than the profile's interval (a BiStim² unit: 4 s), counted from when
     * the last trial had left and was given, as the device counts it: a trial paced from the host's
     * clock before its command left could reach the device a few ms sooner, and the device would
     * refuse it. The runner waits it on its own clock (virtual in {@code --fast}).
     */
    @Override
    public long restNanos() {
        return profile.limits().minInterPulseIntervalMs().movePointRight(6).longValue();
    }

    /**
     * Fires pulse {@code pulse} through a one-pulse plan on the pulse thread (the caller's thread only on
     * virtual time), under this hunt's latch: a trip before the pulse's moment stops it there.
     */
    @Override
    public void fire(int pulse, int outputPercentMso, int channel) throws DeviceFault, HuntStopped {
        give("pulse " + (pulse + 1), PulsePlan.singlePulse(outputPercentMso, channel), device.trigger(), null, null,
                ANY_LATENESS);
    }

    /**
     * Sets each unit the trial uses to its output and, for a pair the device times, the interval, each read
     * back (a BiStim² or MagPro takes them while armed; the BiStim²'s resolution stays as armed). A test
     * pulse alone where the device times pairs: unit A at the test output and unit B at 0 %, so unit A
     * alone discharges: both units discharge into the one coil (BiStim² module, MagPro Dual), so unit A's
     * pulse is the coil's test pulse; and the device stays in its pair mode, which it changes only disarmed
     * (BiStim² resolution) or with a mode change (MagPro) between trials.
     */
    @Override
    public void setUp(TrialPulses trial) throws DeviceFault {
        TrialDevice.Mode mode = requireMeasurement().mode();
        switch (mode) {
            case DEVICE_PAIRS -> {
                if (trial.paired() && trial.isiNanos() != loadedIsiNanos) {
                    device.trainTimer().orElseThrow(() -> new DeviceFault("no-train-timer", "this link times no pairs"))
                            .load(TrainSetting.pair(trial.isiNanos()));
                    loadedIsiNanos = trial.isiNanos();
                }
                setUnit(TrialPulses.CONDITIONING_CHANNEL, trial.paired() ? trial.conditioningPercentMso()
                        : trial.testPercentMso());
                setUnit(TrialPulses.TEST_CHANNEL, trial.paired() ? trial.testPercentMso() : 0);
            }
            case HOST_PAIRS -> {
                if (trial.paired()) {
                    setUnit(TrialPulses.CONDITIONING_CHANNEL, trial.conditioningPercentMso());
                }
                setUnit(TrialPulses.TEST_CHANNEL, trial.testPercentMso());
            }
            case SINGLE_PULSES -> setUnit(0, trial.testPercentMso());
        }
    }

    private void setUnit(int channel, int outputPercentMso) throws DeviceFault {
        int readBack = device.setOutput(channel, outputPercentMso);
        if (readBack != outputPercentMso) {
            throw new DeviceFault(FaultCodes.READBACK_MISMATCH, "unit " + channel + " was set to " + outputPercentMso
                    + "% MSO but reads back " + readBack + "% MSO");
        }
        unitOutputs[channel] = readBack;
    }

    private TrialDevice requireMeasurement() {
        if (trials == null) {
            throw new IllegalStateException("a hunt gives pulses, not trials: prepare a measurement");
        }
        return trials;
    }

    /**
     * Has the pulse thread give trial {@code trial} as set up: a pair the device times from one trigger
     * (the test pulse journaled at the device's time), a pair timed by the pulse thread with its interval
     * as a floor (never shorter) and its test pulse not given if it would be late, or one pulse.
     */
    @Override
    public boolean fire(int trial, TrialPulses pulses) throws DeviceFault, HuntStopped {
        TrialDevice.Mode mode = requireMeasurement().mode();
        String what = "trial " + (trial + 1);
        if (mode == TrialDevice.Mode.DEVICE_PAIRS) {
            PulseTrigger starter = device.trainTimer().orElseThrow().starter();
            if (pulses.paired()) {
                PulsePlan pair = TrialDevice.pairPlan(pulses);
                return give(what, pair, starter, Delivery.devicePairs(TrainSetting.pair(pulses.isiNanos()))
                        .deviceTimedPulses(pair), null, EXACT_INTERVAL);
            } // unit B at 0 %: the trigger's pair is unit A's pulse alone
            return give(what, PulsePlan.singlePulse(pulses.testPercentMso(), TrialPulses.CONDITIONING_CHANNEL), starter,
                    null, null, ANY_LATENESS);
        }
        PulseTrigger trigger = new OutputSettingTrigger(device, unitOutputs);
        if (pulses.paired()) {
            return give(what, TrialDevice.pairPlan(pulses), trigger, null, new long[] {0, pulses.isiNanos()},
                    EXACT_INTERVAL);
        }
        return give(what, PulsePlan.singlePulse(pulses.testPercentMso(), mode == TrialDevice.Mode.HOST_PAIRS
                ? TrialPulses.TEST_CHANNEL : 0), trigger, null, null, ANY_LATENESS);
    }

    /**
     * Gives {@code plan} (one pulse, or one trial) on the pulse thread (the caller's thread only on
     * virtual time), under this path's latch: a trip before a pulse's moment stops it there.
     *
     * @return false if a pair's test pulse would have been late and was not given (the trial is void;
     *         its conditioning pulse was given), true if every pulse was given
     */
    private boolean give(String what, PulsePlan plan, PulseTrigger trigger, boolean[] deviceTimed, long[] floors,
                      DeviationBudget budget) throws DeviceFault, HuntStopped {
        requireClear();
        int planned = plan.pulseCount();
        FireJournal journal = FireJournal.inMemory(planned);
        PulseScheduler scheduler = PulseScheduler.builder(plan, trigger)
                .waiter(settings.pulseWaiter()).tolerances(profile.timing()).deviationBudget(budget)
                .deviceTimed(deviceTimed).intervalFloors(floors).deviceRunsUntil(device::knownRunningUntilNanos)
                .onThreadStart(settings.pulseThreadStart())
                .threadName("tmshost-hunt-pulse").latch(latch).journal(journal).startLeadNanos(0).build();
        SchedulerState end;
        if (settings.stepped()) {
            end = scheduler.runOnCallerThread();
        } else {
            scheduler.start();
            try {
                if (!scheduler.awaitTermination(PULSE_TIMEOUT_MILLIS)) {
                    trip(InterlockCause.SCHEDULER_ERROR, "the pulse thread did not finish " + what);
                    scheduler.awaitTermination(PULSE_TIMEOUT_MILLIS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                trip(InterlockCause.CONSOLE_STOP, "interrupted");
            }
            end = scheduler.state();
        }
        int journaled = journal.count();
        boolean unconfirmed = journal.unconfirmedCount() > 0;
        if (end == SchedulerState.COMPLETED && journaled > 0 && !unconfirmed) {
            for (int entry = 0; entry < journaled; entry++) {
                if (journal.refused(entry)) {
                    throw new DeviceFault(FaultCodes.PULSE_NOT_DELIVERED, "the stimulator refused " + what
                            + (planned > 1 ? " (pulse " + (entry + 1) + " of " + planned + ")" : "") + " ("
                            + device.status().faultCode() + ")");
                }
            }
            lastGivenNanos = settings.clock().nanoTime();
            lastGivenPulses = journaled;
            given += journaled;
            awaitDeviceCount();
            superviseOnce(); // a device that faulted with the pulse, or did not count it, ends the hunt before its reading
            requireClear();
            return journaled == planned; // short: the pair's test pulse would have been late, not given (EXACT_INTERVAL)
        }
        if (unconfirmed) {
            trip(InterlockCause.LINK_LOSS, "the device did not confirm " + what + ": it may or may not have been given");
        } else if (trip.get() == null) { // the pulse thread tripped its own latch
            trip(InterlockCause.ofSchedulerTrip(latch.cause()), scheduler.failure()
                    .map(f -> "the trigger failed: " + f.getMessage()).orElse("the pulse thread stopped with "
                            + latch.cause()));
        }
        requireClear();
        throw new IllegalStateException(what + " ended " + end + " without a trip"); // unreachable
    }

    /**
     * A device that counts its pulses reports each a few ms after it: waits for that report, at most the
     * session's confirmation grace, so that the reading is taken of a pulse the device says it gave. The
     * last pulse of a hunt has no next trial whose check would catch it missing.
     */
    private void awaitDeviceCount() {
        while (trip.get() == null && settings.clock().nanoTime() - lastGivenNanos < DevicePulseCount.CONFIRMATION_GRACE_NANOS) {
            int reported = device.deliveredPulseCount();
            if (reported == Stimulator.PULSE_COUNT_UNKNOWN || reported - deviceCountAtArm >= given) {
                return;
            }
            settings.idle(1_000_000L);
        }
    }

    /** Stops watching and disarms; the latch stays tripped, so nothing fires after this. */
    @Override
    public void disarm() {
        ended = true;
        latch.trip(TripCause.OPERATOR_STOP); // nothing fires once the hunt is over (a no-op if it tripped before)
        device.disarm();
        PeriodicDuty m = monitor;
        if (m != null) {
            m.wake();
        }
    }

    /** Pulses this hunt has given. */
    public int pulsesGiven() {
        return given;
    }

    /** Why the interlocks stopped this hunt, if they did. */
    public java.util.Optional<InterlockCause> tripCause() {
        return trip.cause();
    }

    /**
     * Trips the hunt: the latch (a pulse not yet fired is not fired), then the device is disarmed.
     * Any thread; the first cause is the one reported.
     *
     * @return true if this call was the first trip
     */
    public boolean trip(InterlockCause cause, String detail) {
        boolean first = trip.trip(cause, detail, settings.clock().nanoTime());
        latch.trip(cause.tripCause());
        if (armed) {
            device.disarm();
        }
        return first;
    }

    private void requireClear() throws HuntStopped {
        FirstTrip.Trip t = trip.get();
        if (t != null) {
            throw new HuntStopped(t.cause().name(), t.cause().advice() + ": " + t.detail(), t.cause().deviceFault());
        }
    }

    /** One look at the device, as a session's monitor looks: its status, and its count of the pulses given. */
    private void superviseOnce() {
        if (!armed || ended) {
            return;
        }
        try {
            InterlockTrips whileArmed = (cause, detail) -> {
                if (!ended) { // the hunt's own disarm is no unexpected one
                    trip(cause, detail);
                }
            };
            DeviceInterlocks.check(device.status(), profile.limits().coilTemperature().stopCelsius().doubleValue(),
                    given, whileArmed);
            // a serial device reports a pulse a few ms after it: the last one is due once the session's grace has passed
            int pulses = given;
            int due = settings.clock().nanoTime() - lastGivenNanos < DevicePulseCount.CONFIRMATION_GRACE_NANOS
                    ? pulses - lastGivenPulses : pulses;
            int reported = device.deliveredPulseCount();
            if (reported != Stimulator.PULSE_COUNT_UNKNOWN && reported - deviceCountAtArm < due) {
                whileArmed.trip(InterlockCause.PULSE_COUNT_MISMATCH, "the device counts " + (reported - deviceCountAtArm)
                        + " of the " + pulses + " pulses given");
            }
        } catch (RuntimeException e) {
            trip(InterlockCause.DEVICE_ERROR, "reading the device status failed: " + e);
        }
    }

}
