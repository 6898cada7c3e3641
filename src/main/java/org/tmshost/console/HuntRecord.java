package org.tmshost.console;

import org.tmshost.record.NewHunt;
import org.tmshost.record.RecordStore;
import org.tmshost.threshold.DeliveredPulse;
import org.tmshost.threshold.HuntLog;
import org.tmshost.threshold.MepReading;

import java.time.Clock;

/** A console hunt's record: its row, each pulse just before it is given, its reading, and how it ended. */
final class HuntRecord implements HuntLog {
    private final RecordStore store;
    private final Clock wallClock;
    private final long huntId;
    private int pulsesGiven;
    private boolean ended;

    private HuntRecord(RecordStore store, Clock wallClock, long huntId) {
        this.store = store;
        this.wallClock = wallClock;
        this.huntId = huntId;
    }

    /** Writes the hunt's row before its first pulse. */
    static HuntRecord start(RecordStore store, NewHunt hunt, Clock wallClock) {
        return new HuntRecord(store, wallClock, store.startHunt(hunt, wallClock.instant()));
    }

    long id() {
        return huntId;
    }

    /** Pulses recorded (and so given or attempted): one more than the readings when a hunt ends at a prompt. */
    int pulsesGiven() {
        return pulsesGiven;
    }

    @Override
    public void pulseFiring(DeliveredPulse pulse) {
        store.recordHuntPulse(huntId, pulse.index(), wallClock.instant(), pulse.intensityPercentMso());
        pulsesGiven++; // only once recorded: a pulse that could not be recorded is not fired
    }

    @Override
    public void readingTaken(DeliveredPulse pulse, MepReading reading) {
        if (reading instanceof MepReading.Amplitude amplitude) {
            store.recordHuntReading(huntId, pulse.index(), amplitude.microvolts(), null);
        } else {
            store.recordHuntReading(huntId, pulse.index(), null, ((MepReading.Judgement) reading).response());
        }
    }

    /** Ends the hunt COMPLETED and stores its threshold for the subject, naming this hunt (one transaction). */
    void complete(String subjectId, String kind, double percentMso, String method, java.time.Instant measuredAt,
                  String profileName) {
        store.completeHunt(huntId, subjectId, kind, percentMso, method, measuredAt, profileName);
        ended = true;
    }

    /** Ends the hunt once, without a threshold: {@code outcome} in words. */
    void end(String outcome) {
        if (!ended) {
            ended = true;
            store.endHunt(huntId, outcome, null, wallClock.instant());
        }
    }
}
