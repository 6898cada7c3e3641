package org.tmshost.session;

import org.tmshost.device.Stimulator;
import org.tmshost.device.StopButton;
import org.tmshost.timing.Clock;
import org.tmshost.timing.DeadlineWaiter;
import org.tmshost.timing.HybridWaiter;
import org.tmshost.timing.RealTime;
import org.tmshost.timing.SystemClock;
import org.tmshost.timing.VirtualClock;
import org.tmshost.timing.VirtualTimeWaiter;

import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.time.ZoneId;
import java.util.Objects;

/**
 * How a session runs on this host: wall clock and time zone (records, "today"), where fire
 * journals go, the stop button input, and the periods of the interlock monitor and the recorder.
 *
 * @param monitorPeriod how often the interlock monitor polls device status (default 2 ms)
 * @param recorderPeriod how often the recorder imports the fire journal (default 50 ms)
 * @param readyTimeout  how long arming may take to report READY (capacitors charging)
 * @param realTime      real-time scheduling for the pulse thread, or empty (tests: the doors ask for it)
 * @param virtualTime   empty: the session runs on the system clock with its own threads; a virtual clock:
 *                      nothing runs until the caller steps it ({@link Session#doWork()}), on that clock
 *                      (unit tests: time driven by hand, no thread, no sleep)
 * @param freeSpace     where the free-space arming check reads the room left for journals and records
 */
public record SessionSettings(InstantSource wallClock, ZoneId zone, Path journalDirectory, StopButton stopButton,
                              Duration monitorPeriod, Duration recorderPeriod, Duration readyTimeout,
                              long spinWindowNanos, java.util.Optional<RealTime.Request> realTime,
                              java.util.Optional<VirtualClock> virtualTime, FreeSpace freeSpace) {
    public SessionSettings {
        Objects.requireNonNull(wallClock, "wallClock");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(journalDirectory, "journalDirectory");
        Objects.requireNonNull(stopButton, "stopButton");
        Objects.requireNonNull(realTime, "realTime");
        Objects.requireNonNull(virtualTime, "virtualTime");
        Objects.requireNonNull(freeSpace, "freeSpace");
    }

    /** The monotonic clock the session's pulse times, trips and periods are read on. */
    public Clock clock() {
        return virtualTime.<Clock>map(c -> c).orElse(SystemClock.INSTANCE);
    }

    /** True when the caller steps the session ({@link Session#doWork()}) instead of its threads. */
    public boolean stepped() {
        return virtualTime.isPresent();
    }

    /**
     * Waits {@code nanos} off the pulse thread (a device getting ready, a last report, a write retry):
     * parks on the system clock; on virtual time, moves the clock, as nothing else would.
     */
    public void idle(long nanos) {
        if (virtualTime.isPresent()) {
            virtualTime.get().advance(nanos);
        } else {
            java.util.concurrent.locks.LockSupport.parkNanos(nanos);
        }
    }

    /** How the pulse thread waits for a deadline: spinning near it on the system clock, moving a virtual one. */
    DeadlineWaiter pulseWaiter() {
        return virtualTime.<DeadlineWaiter>map(VirtualTimeWaiter::new)
                .orElseGet(() -> new HybridWaiter(SystemClock.INSTANCE, spinWindowNanos));
    }

    /** What the pulse thread does first: takes the real-time scheduling asked for (said at arming, by the probe). */
    Runnable pulseThreadStart() {
        return realTime.<Runnable>map(rt -> () -> RealTime.promoteCurrentThread(rt)).orElse(() -> { });
    }

    /** What a watching thread (monitor, device link) does first: FIFO scheduling below the pulse thread, if asked for. */
    Runnable watchThreadStart() {
        return () -> realTime.ifPresent(rt -> RealTime.fifo(0, RealTime.WATCH_PRIORITY));
    }

    /** These settings on {@code device}: without a stop button input of their own, the device's (a rig's) stops it. */
    SessionSettings forDevice(Stimulator device) {
        return stopButton == StopButton.NONE ? withStopButton(device.stopButton()) : this;
    }

    /** The session runs on {@code clock} and is stepped by the caller (tests). */
    public SessionSettings withVirtualTime(VirtualClock clock) {
        return new SessionSettings(wallClock, zone, journalDirectory, stopButton, monitorPeriod, recorderPeriod,
                readyTimeout, spinWindowNanos, realTime, java.util.Optional.of(clock), freeSpace);
    }

    /** Defaults: system clock and zone, no stop button input, 2 ms monitor, 50 ms recorder, 5 s ready timeout. */
    public static SessionSettings defaults(Path journalDirectory) {
        return new SessionSettings(InstantSource.system(), ZoneId.systemDefault(), journalDirectory, StopButton.NONE,
                Duration.ofMillis(2), Duration.ofMillis(50), Duration.ofSeconds(5),
                HybridWaiter.DEFAULT_SPIN_WINDOW_NANOS, java.util.Optional.empty(), java.util.Optional.empty(),
                FreeSpace.FILE_STORES);
    }

    public SessionSettings withStopButton(StopButton button) {
        return new SessionSettings(wallClock, zone, journalDirectory, button, monitorPeriod, recorderPeriod,
                readyTimeout, spinWindowNanos, realTime, virtualTime, freeSpace);
    }

    /** The pulse thread asks for real-time scheduling ({@code run}, {@code console}). */
    public SessionSettings withRealTime(RealTime.Request request) {
        return new SessionSettings(wallClock, zone, journalDirectory, stopButton, monitorPeriod, recorderPeriod,
                readyTimeout, spinWindowNanos, java.util.Optional.of(request), virtualTime, freeSpace);
    }

    public SessionSettings withWallClock(InstantSource clock, ZoneId zone) {
        return new SessionSettings(clock, zone, journalDirectory, stopButton, monitorPeriod, recorderPeriod,
                readyTimeout, spinWindowNanos, realTime, virtualTime, freeSpace);
    }

    /** The free-space check reads {@code space} (tests: a full disk without filling one). */
    public SessionSettings withFreeSpace(FreeSpace space) {
        return new SessionSettings(wallClock, zone, journalDirectory, stopButton, monitorPeriod, recorderPeriod,
                readyTimeout, spinWindowNanos, realTime, virtualTime, space);
    }
}
