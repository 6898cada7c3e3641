package org.tmshost.session;

import org.tmshost.record.JournalImporter;
import org.tmshost.record.RecordFailureNote;
import org.tmshost.timing.DeadlineWaiter;
import org.tmshost.timing.FireJournal;
import org.tmshost.timing.InterlockLatch;
import org.tmshost.timing.PulseScheduler;

/**
 * What a started session runs on: the pulse thread's scheduler and latch, the fire journal, the
 * device's count, the journal's importer, and the interlock monitor's and recorder's loops (Agrona's
 * composite agent). On the system clock each loop has its own thread; on virtual time the session's
 * caller steps all three as one ({@link #doWork}). When the monitor is done the run calls
 * {@code finish}: on the monitor's thread, or on the stepping caller's.
 */
final class SessionRun {
    final PulseScheduler scheduler;
    final InterlockLatch latch;
    final FireJournal journal;
    final DevicePulseCount count;
    final JournalImporter importer;
    /** The coil temperatures the monitor keeps; the end writes the last of them. */
    final CoilTemperatureLog temperatures;
    /** The recorder's loop: the end closes it before its last import. */
    final PeriodicDuty recorder;
    /** The recorder's duty itself: whether the records keep up with the journal. */
    final SessionRecorder recording;
    /** Where the end goes if the record cannot take it. */
    final RecordFailureNote failureNote;
    private final PeriodicDuty monitor;
    private final SessionSettings settings;
    private final Runnable finish;

    SessionRun(PulseScheduler scheduler, InterlockLatch latch, FireJournal journal, DevicePulseCount count,
               JournalImporter importer, CoilTemperatureLog temperatures, SessionMonitor monitor, InterlockTrips trips, SessionSettings settings,
               Runnable finish, RecordFailureNote failureNote) {
        this.scheduler = scheduler;
        this.latch = latch;
        this.journal = journal;
        this.count = count;
        this.importer = importer;
        this.temperatures = temperatures;
        long now = settings.clock().nanoTime(); // a stepped run's first rounds are due now
        this.recording = new SessionRecorder(importer, temperatures, trips, settings.clock());
        this.recorder = new PeriodicDuty(recording, settings.recorderPeriod().toNanos(), now);
        this.monitor = new PeriodicDuty(monitor, settings.monitorPeriod().toNanos(), now);
        this.settings = settings;
        this.finish = finish;
        this.failureNote = failureNote;
    }

    /** Starts the recorder's and the monitor's threads (the pulse thread runs already). */
    void startThreads() {
        recorder.startThread(Session.RECORDER_THREAD, PeriodicDuty.CREATOR_PRIORITY, () -> { }, () -> { });
        // FIFO under real time, so that a trip is seen in time under load
        monitor.startThread(Session.MONITOR_THREAD, Thread.MAX_PRIORITY - 1, settings.watchThreadStart(), finish);
    }

    /** A trip is seen at once: the monitor's thread leaves its park. */
    void wakeMonitor() {
        monitor.wake();
    }

    /**
     * One stepped round: the pulse loop, then the monitor and the recorder when their periods have
     * come; once the monitor is done, the session is finished here.
     */
    int doWork() {
        int work = scheduler.doWork();
        long now = settings.clock().nanoTime();
        work += monitor.doWorkIfDue(now);
        if (monitor.done()) {
            finish.run();
            return work;
        }
        return work + recorder.doWorkIfDue(now); // a trip here is finished by the next monitor round
    }

    /** When a stepped run next has something to do: a loop's period, or the pulse thread's deadline. */
    long nextEventNanos() {
        long next = monitor.nextDueNanos();
        if (!recorder.done() && recorder.nextDueNanos() - next < 0) {
            next = recorder.nextDueNanos();
        }
        long deadline = scheduler.nextDeadlineNanos();
        if (deadline != DeadlineWaiter.NO_DEADLINE && deadline - next < 0) {
            next = deadline;
        }
        return next;
    }
}
