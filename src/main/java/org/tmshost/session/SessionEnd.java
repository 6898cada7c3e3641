package org.tmshost.session;

import org.tmshost.device.Stimulator;
import org.tmshost.record.FailureChain;
import org.tmshost.record.JournalImporter;
import org.tmshost.record.RecordException;
import org.tmshost.record.RecordStore;
import org.tmshost.timing.FireJournal;
import org.tmshost.timing.InterlockLatch;
import org.tmshost.timing.PulseScheduler;
import org.tmshost.timing.TripCause;

import java.util.Optional;

/**
 * How a session ends, and the one place its {@link SessionOutcome} is built. A started session is
 * finished once, by the monitor (its thread, or a stepped session's caller) when the plan ends or
 * the latch trips: the pulse thread halted, the device's last report waited for, the device
 * disarmed, the end state and its cause decided (the pulse thread's own fault first, then the first
 * trip, then a count the device disputes), what a device-timed train may have run on settled, and
 * the final record writes tried until the store takes them. A session that never started ends with
 * {@link #beforeStart}.
 */
final class SessionEnd {
    private static final int FINAL_WRITE_ATTEMPTS = 10;

    private final SessionSettings settings;
    private final Stimulator device;
    private final RecordStore store;
    private final long sessionId;
    private final int plannedPulses;
    private final RecordedState state;
    private final FirstTrip firstTrip;
    private final InterlockTrips trips;
    private boolean tripRecorded;

    SessionEnd(SessionSettings settings, Stimulator device, RecordStore store, long sessionId, int plannedPulses,
               RecordedState state, FirstTrip firstTrip, InterlockTrips trips) {
        this.settings = settings;
        this.device = device;
        this.store = store;
        this.sessionId = sessionId;
        this.plannedPulses = plannedPulses;
        this.state = state;
        this.firstTrip = firstTrip;
        this.trips = trips;
    }

    /**
     * The outcome of a session that ended before its pulse thread started (arming failed or was
     * cancelled, a trip before the start): nothing fired or recorded, no count, no trip timing.
     */
    static SessionOutcome beforeStart(long sessionId, SessionState end, InterlockCause cause, String detail,
                                      int plannedPulses) {
        return new SessionOutcome(sessionId, end, Optional.ofNullable(cause), cause == null ? detail
                : cause.advice() + ": " + detail, plannedPulses, 0, 0, -1, -1, -1, true, "", 0, 0, 0);
    }

    /** Finishes a started session (any end: completed, stopped, tripped) and says how it ended. */
    SessionOutcome finish(SessionRun run) {
        PulseScheduler s = run.scheduler;
        InterlockLatch l = run.latch;
        awaitHalt(s, l);
        if (l.isTripped() && firstTrip.get() == null) {
            // the pulse thread tripped its own latch: timing fault, trigger failure, loop error
            trips.trip(InterlockCause.ofSchedulerTrip(l.cause()), EndReasons.schedulerDetail(s, l));
        }
        if (!l.isTripped()) {
            while (!run.count.lastReportIn(settings.clock().nanoTime())) {
                settings.idle(1_000_000L);
            }
        }
        device.disarm();
        FirstTrip.Trip t = firstTrip.get();
        InterlockCause cause = t == null ? null : t.cause();
        String detail = t == null ? "" : t.detail();
        if (t != null && EndReasons.isSchedulerOwnCause(l.cause()) && l.cause() != cause.tripCause()) {
            cause = InterlockCause.ofSchedulerTrip(l.cause());
            detail = EndReasons.schedulerDetail(s, l) + " (also: " + t.detail() + ")";
        }
        long tripToDisarm = t == null ? -1 : Math.max(0, firstTrip.disarmReturnedNanos() - l.trippedAtNanos());
        long tripToHalt = s.stopLatencyNanos();

        run.recorder.close(5_000);
        FireJournal journal = run.journal;
        int unconfirmed = journal.unconfirmedCount();
        int fired = journal.count() - unconfirmed;
        int mayRunOn = settleDeviceTimed(journal, cause) + unconfirmed;
        detail = detail + mayRunOnNote(cause, unconfirmed, mayRunOn);
        int deviceDelivered = run.count.deliveredSinceStart();
        if (cause == null && deviceDelivered >= 0 && deviceDelivered != fired) {
            cause = InterlockCause.PULSE_COUNT_MISMATCH;
            detail = "the device counts " + deviceDelivered + " pulses, the host fired " + fired;
        }
        SessionState end = cause == null ? SessionState.COMPLETED : cause.endState();
        String reason = (cause == null ? s.skipped() > 0 ? "completed: " + fired + " of " + plannedPulses
                + " pulses fired" : "completed: all " + fired + " pulses fired" : cause.advice() + ": " + detail)
                + EndReasons.deviationsNote(s);
        String userId = t == null ? null : EndReasons.userOf(t.cause(), t.detail());
        String problem = "";
        boolean complete = false;
        for (int attempt = 1; attempt <= FINAL_WRITE_ATTEMPTS && !complete; attempt++) {
            try {
                writeEnd(run.importer, run.temperatures, end, cause, detail, reason, userId, mayRunOn, deviceDelivered, tripToDisarm);
                complete = true;
            } catch (RecordException e) {
                problem = FailureChain.describe(e);
                settings.idle(100_000_000L);
            }
        }
        if (!complete) {
            state.endUnrecorded(end);
            problem = "the record could not be completed (" + problem + "); the fire journal holds all " + fired
                    + " fired pulses and the next start of tmshost closes this session from it";
            // the next start records this end and why it is late, not "process killed"
            run.failureNote.write(end.name(), cause == null ? end.name() : cause.name(), reason + "; " + problem);
        } else {
            run.failureNote.clear();
        }
        Optional<String> lost = store.lostOnDisk(); // written, but to a database since removed or replaced
        if (lost.isPresent()) {
            complete = false;
            problem = lost.get() + ": this session's record is not on disk; its fire journal keeps all " + fired
                    + " fired pulses (docs/records.md: restore the database, or 'tmshost records adopt')";
        }
        JournalImporter importer = run.importer;
        return new SessionOutcome(sessionId, end, Optional.ofNullable(cause), reason, plannedPulses, fired,
                importer.recorded(), deviceDelivered, tripToDisarm, tripToHalt, complete, problem, importer.batches(),
                importer.busyNanos(), importer.longestBatchNanos());
    }

    /** Waits for the pulse thread to halt (a stepped one is stepped: tripped, it halts at once). */
    private void awaitHalt(PulseScheduler s, InterlockLatch l) {
        if (settings.stepped()) {
            while (!s.state().isTerminal()) {
                s.doWork();
            }
            return;
        }
        try {
            if (!s.awaitTermination(2_000)) {
                l.trip(TripCause.SCHEDULER_ERROR);
                s.awaitTermination(2_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The final writes, one attempt: the last pulses, what the device confirmed, the trip, the end. */
    private void writeEnd(JournalImporter importer, CoilTemperatureLog temperatures, SessionState end, InterlockCause cause, String detail,
                          String reason, String userId, int mayRunOn, int deviceDelivered, long tripToDisarm) {
        importer.importAvailable();
        temperatures.write();
        if (mayRunOn > 0) { // a continuation starts past them
            store.recordMayHaveDelivered(sessionId, mayRunOn);
        }
        if (deviceDelivered >= 0) {
            store.confirmPulses(sessionId, deviceDelivered, cause == InterlockCause.LINK_LOSS);
        }
        if (cause != null && !tripRecorded) {
            store.recordTrip(sessionId, cause.name(), detail, settings.wallClock().instant(), Optional.of(tripToDisarm));
            tripRecorded = true;
        }
        state.transition(end, reason, userId, new RecordedState.End(cause, deviceDelivered));
    }

    /** What the end reason adds about pulses the device may have delivered beyond the record. */
    private String mayRunOnNote(InterlockCause cause, int unconfirmed, int mayRunOn) {
        if (unconfirmed > 0) {
            return "; the device may have delivered up to " + mayRunOn + " more pulse(s) than are on record: "
                    + "it did not confirm the last fire command" + (mayRunOn > unconfirmed ? ", nor whether it ran "
                    + "the train that command started" : "");
        } else if (mayRunOn > 0 && cause == InterlockCause.LINK_LOSS) {
            return "; the device may not have heard the disarm and may deliver up to " + mayRunOn
                    + " more pulse(s) of its loaded train (" + (device.unattendedStopNanos() == Stimulator.NEVER_STOPS_ALONE
                    ? "it has no lease: stop it on its panel or with its stop input" : "until its lease runs out")
                    + "); they are not on record";
        } else if (mayRunOn > 0) {
            return "; the device may have delivered up to " + mayRunOn + " more pulse(s) of its train "
                    + "before it stopped (it does not report its pulses: only those a later reply showed it still armed "
                    + "for are on record)";
        }
        return "";
    }

    /**
     * A session ending with its host alive stops the device with its disarm: the journal's header
     * says so, for a recovery that finds this record open. With the link lost the host cannot know
     * whether the disarm arrived (replies stalled or garbled: it did; a cut cable: it did not, and the
     * rest of a device-timed train runs on), so the record holds what the host saw and the reason
     * says how many more the device may deliver.
     *
     * @return pulses of a device-timed train the device may deliver after the record's last
     */
    private int settleDeviceTimed(FireJournal journal, InterlockCause cause) {
        long disarmReturnedNanos = firstTrip.disarmReturnedNanos();
        int journaled = journal.count();
        long recorded = journaled == 0 ? disarmReturnedNanos : journal.actualNanos(journaled - 1) + 1;
        // a device-timed train stopped by a trip ran on past the last reply that showed it armed: with the link
        // lost, until its lease ran out; otherwise until the host's disarm returned (or it stopped by itself before)
        int mayRunOn = cause == null ? 0 : journal.deliveredIfStoppedBy(cause == InterlockCause.LINK_LOSS
                ? device.unattendedStopNanos() : disarmReturnedNanos) - journaled;
        device.watchUnattendedStop(nanos -> { });
        journal.withdrawExpected(); // a later keep-alive raising "stops by" settles nothing more
        journal.deviceRanUntil(recorded);
        journal.deviceStopsBy(recorded);
        return mayRunOn;
    }
}
