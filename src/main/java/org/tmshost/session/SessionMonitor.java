package org.tmshost.session;

import org.tmshost.device.DeviceStatus;
import org.tmshost.device.Stimulator;
import org.tmshost.record.FailureChain;
import org.tmshost.record.RecordException;
import org.tmshost.timing.Clock;
import org.tmshost.timing.FireJournal;
import org.tmshost.timing.InterlockLatch;
import org.tmshost.timing.PulseScheduler;
import org.tmshost.timing.SchedulerState;

/**
 * The interlock monitor's duty cycle: one look at the device against the fire journal every monitor
 * period (on the session's {@code tmshost-interlocks} thread, or stepped by a session on virtual
 * time). It keeps the journal's bounds on what the device may deliver alone current, trips the
 * session on a hot coil, a lost link, a device fault, an unexpected disarm or a pulse count the
 * device disputes, tells the session when the pulse thread paused or resumed, and offers the coil
 * temperature it read to the session's {@link CoilTemperatureLog}. It is done once
 * the plan has ended or the latch has tripped: the session then finishes.
 */
final class SessionMonitor implements DutyCycle {
    /** Where the monitor says what the pulse thread is doing: the session follows a pause or resume. */
    @FunctionalInterface
    interface PauseFollower {
        void follow(SchedulerState now);
    }

    private final Stimulator device;
    private final FireJournal journal;
    private final DevicePulseCount count;
    private final double stopCelsius;
    private final PulseScheduler scheduler;
    private final InterlockLatch latch;
    private final Clock clock;
    private final InterlockTrips trips;
    private final PauseFollower pauses;
    private final CoilTemperatureLog temperatures;
    private volatile boolean done;

    SessionMonitor(Stimulator device, FireJournal journal, DevicePulseCount count, double stopCelsius,
                   PulseScheduler scheduler, InterlockLatch latch, Clock clock, InterlockTrips trips,
                   PauseFollower pauses, CoilTemperatureLog temperatures) {
        this.device = device;
        this.journal = journal;
        this.count = count;
        this.stopCelsius = stopCelsius;
        this.scheduler = scheduler;
        this.latch = latch;
        this.clock = clock;
        this.trips = trips;
        this.pauses = pauses;
        this.temperatures = temperatures;
    }

    /** One round: done (0) once the plan ended or the latch tripped, or when reading the device failed. */
    @Override
    public int doWork() {
        if (latch.isTripped() || scheduler.state().isTerminal()) {
            done = true;
            return 0;
        }
        try {
            check(clock.nanoTime());
            pauses.follow(scheduler.state());
            return 1;
        } catch (RecordException e) {
            if (e.unreachable()) {
                return 1; // a site's server out of reach: a pause or resume is recorded when it is back (next rounds)
            }
            trips.trip(InterlockCause.RECORD_FAILURE, FailureChain.describe(e));
        } catch (RuntimeException e) {
            trips.trip(InterlockCause.DEVICE_ERROR, "reading the device status failed: " + e);
        }
        done = true;
        return 1;
    }

    @Override
    public boolean done() {
        return done;
    }

    private void check(long nowNanos) {
        journal.deviceRanUntil(device.knownRunningUntilNanos()); // if the host died now: at least this,
        journal.raiseDeviceStopsBy(device.unattendedStopNanos()); // and at most this (the link raises it too)
        DeviceStatus status = device.status();
        DeviceInterlocks.check(status, stopCelsius, journal.count(), trips);
        temperatures.offer(nowNanos, status.coilTemperatureCelsius()); // the reading it took anyway
        count.check(nowNanos, trips);
    }
}
