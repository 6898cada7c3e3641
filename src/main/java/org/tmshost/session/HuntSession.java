package org.tmshost.session;

import org.tmshost.device.DeviceFault;
import org.tmshost.device.FaultCodes;
import org.tmshost.device.Stimulator;
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
 * A threshold hunt on the session's pulse path: the arming checks that guard a hunt
 * ({@link PulsePath#HUNT}), one interlock latch from arming to disarming with the session's runtime
 * interlocks on it (the stop button, the link watch, the device's status: coil temperature, faults,
 * a disarm nobody asked for, its pulse count), and every pulse fired by the pulse thread from a plan
 * that grows by one pulse at a time ({@link PulsePlan#singlePulse}). The hunt itself (which output,
 * when, the readings) and its record stay with the caller ({@code threshold.HuntRunner}, the console).
 * A hunt pulse has no timing to keep, its time being the hunt's jittered pacing: it fires late rather
 * than not at all.
 */
public final class HuntSession implements HuntPulsePath {
    /** Any lateness is a deviation and none stops the pulse: nothing times a hunt pulse but the hunt. */
    private static final DeviationBudget ANY_LATENESS = new DeviationBudget(1000, 1, 0, false);
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

    private HuntSession(Stimulator device, HardwareProfile profile, boolean simulated, LinkWatch linkWatch,
                        SessionSettings settings, Confirmations confirmations) {
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
        return new HuntSession(device, profile, simulated, linkWatch, given.forDevice(device), confirmations);
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

    /** Runs the arming checks that guard a hunt without arming (what the console shows first). */
    public ArmingReport armingChecks() {
        return ArmingChecks.run(ArmingContext.forHunt(device, profile, simulated, linkWatch.fault(),
                settings.stopButton(), confirmations, settings.wallClock().instant(), settings.zone()), PulsePath.HUNT);
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
        superviseOnce();
        requireClear();
        var status = device.status();
        if (!status.ready()) {
            throw new DeviceFault(FaultCodes.NOT_READY, "the stimulator was not armed and ready before pulse "
                    + (pulse + 1));
        }
    }

    /**
     * Fires pulse {@code pulse} through a one-pulse plan on the pulse thread (the caller's thread only on
     * virtual time), under this hunt's latch: a trip before the pulse's moment stops it there.
     */
    @Override
    public void fire(int pulse, int outputPercentMso, int channel) throws DeviceFault, HuntStopped {
        requireClear();
        FireJournal journal = FireJournal.inMemory(1);
        PulseScheduler scheduler = PulseScheduler.builder(PulsePlan.singlePulse(outputPercentMso, channel),
                        device.trigger())
                .waiter(settings.pulseWaiter()).tolerances(profile.timing()).deviationBudget(ANY_LATENESS)
                .onThreadStart(settings.pulseThreadStart())
                .threadName("tmshost-hunt-pulse").latch(latch).journal(journal).startLeadNanos(0).build();
        SchedulerState end;
        if (settings.stepped()) {
            end = scheduler.runOnCallerThread();
        } else {
            scheduler.start();
            try {
                if (!scheduler.awaitTermination(PULSE_TIMEOUT_MILLIS)) {
                    trip(InterlockCause.SCHEDULER_ERROR, "the pulse thread did not finish pulse " + (pulse + 1));
                    scheduler.awaitTermination(PULSE_TIMEOUT_MILLIS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                trip(InterlockCause.CONSOLE_STOP, "interrupted");
            }
            end = scheduler.state();
        }
        if (end == SchedulerState.COMPLETED && journal.count() == 1 && !journal.unconfirmed(0)) {
            if (journal.refused(0)) {
                throw new DeviceFault(FaultCodes.PULSE_NOT_DELIVERED, "the stimulator refused pulse " + (pulse + 1)
                        + " (" + device.status().faultCode() + ")");
            }
            lastGivenNanos = settings.clock().nanoTime();
            given++;
            awaitDeviceCount();
            superviseOnce(); // a device that faulted with the pulse, or did not count it, ends the hunt before its reading
            requireClear();
            return;
        }
        if (journal.count() == 1 && journal.unconfirmed(0)) {
            trip(InterlockCause.LINK_LOSS, "the device did not confirm pulse " + (pulse + 1)
                    + ": it may or may not have been given");
        } else if (trip.get() == null) { // the pulse thread tripped its own latch
            trip(InterlockCause.ofSchedulerTrip(latch.cause()), scheduler.failure()
                    .map(f -> "the trigger failed: " + f.getMessage()).orElse("the pulse thread stopped with "
                            + latch.cause()));
        }
        requireClear();
        throw new IllegalStateException("pulse " + (pulse + 1) + " ended " + end + " without a trip"); // unreachable
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
                    ? pulses - 1 : pulses;
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
