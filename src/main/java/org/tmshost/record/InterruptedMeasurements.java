package org.tmshost.record;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Start-up recovery of excitability measurements: one still open in the record belongs to a process
 * that died (its trials were written before they were fired, so every trial given is on record).
 * Each is ended {@value InterruptedSessions#STATE}, its trials and the amplitudes read kept, and sealed.
 * {@link InterruptedSessions#closeAll} runs this too, under the host lock like the sessions it closes.
 */
public final class InterruptedMeasurements {
    /** One recovered measurement: its id and the trials and pulses on record. */
    public record Recovered(long measurementId, int trials, int pulses) {
    }

    private InterruptedMeasurements() {
    }

    /** Ends every open measurement in {@code store}: call once at start-up, before a new one starts. */
    public static List<Recovered> closeAll(RecordStore store, Instant now) {
        var recovered = new ArrayList<Recovered>();
        for (MeasurementRow open : store.unfinishedMeasurements()) {
            store.endMeasurement(open.id(), InterruptedSessions.STATE, null, now);
            recovered.add(new Recovered(open.id(), open.trials().size(), open.pulses()));
        }
        return recovered;
    }
}
