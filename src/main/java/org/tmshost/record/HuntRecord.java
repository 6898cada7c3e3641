package org.tmshost.record;

import java.time.InstantSource;
import java.time.Instant;

/**
 * One threshold hunt's record: its row, each pulse just before it is given (write-ahead: a pulse
 * that cannot be recorded is not fired), each reading, and how the hunt ended, once.
 */
public final class HuntRecord {
    private final RecordStore store;
    private final InstantSource wallClock;
    private final long huntId;
    private int pulsesGiven;
    private boolean ended;

    private HuntRecord(RecordStore store, InstantSource wallClock, long huntId) {
        this.store = store;
        this.wallClock = wallClock;
        this.huntId = huntId;
    }

    /** Writes the hunt's row before its first pulse. */
    public static HuntRecord start(RecordStore store, NewHunt hunt, InstantSource wallClock) {
        return new HuntRecord(store, wallClock, store.startHunt(hunt, wallClock.instant()));
    }

    public long id() {
        return huntId;
    }

    /** Pulses recorded (and so given or attempted): one more than the readings when a hunt ends at a prompt. */
    public int pulsesGiven() {
        return pulsesGiven;
    }

    /** Records pulse {@code index} (0-based) at {@code outputPercentMso}, immediately before it is fired. */
    public void pulseFiring(int index, int outputPercentMso) {
        store.recordHuntPulse(huntId, index, wallClock.instant(), outputPercentMso);
        pulsesGiven++; // only once recorded: a pulse that could not be recorded is not fired
    }

    /** The MEP amplitude measured after pulse {@code index}. */
    public void amplitudeTaken(int index, double microvolts) {
        store.recordHuntReading(huntId, index, microvolts, null);
    }

    /** The operator's yes/no after pulse {@code index}. */
    public void judgementTaken(int index, boolean response) {
        store.recordHuntReading(huntId, index, null, response);
    }

    /** Ends the hunt COMPLETED and stores its threshold for the subject, naming this hunt (one transaction). */
    public void complete(String subjectId, String kind, double percentMso, String method, Instant measuredAt,
                         String profileName) {
        store.completeHunt(huntId, subjectId, kind, percentMso, method, measuredAt, profileName);
        ended = true;
    }

    /** Ends the hunt once, without a threshold: {@code outcome} in words. */
    public void end(String outcome) {
        if (!ended) {
            ended = true;
            store.endHunt(huntId, outcome, null, wallClock.instant());
        }
    }
}
