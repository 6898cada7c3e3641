package org.tmshost.record;

import java.time.InstantSource;
import java.util.List;

/**
 * One excitability measurement's record: its row before the first trial, each trial just before it
 * is fired (write-ahead: a trial that cannot be recorded is not fired, so a failure here throws
 * {@link RecordException} and the caller gives no pulse), each trial's amplitude as read, and how the
 * measurement ended, once, sealing it.
 */
public final class ExcitabilityRecord {
    public static final String COMPLETED = "COMPLETED";

    private final RecordStore store;
    private final InstantSource wallClock;
    private final long measurementId;
    private final List<String> conditions;
    private int trialsRecorded;
    private int pulsesRecorded;
    private boolean ended;

    private ExcitabilityRecord(RecordStore store, InstantSource wallClock, long measurementId, List<String> conditions) {
        this.store = store;
        this.wallClock = wallClock;
        this.measurementId = measurementId;
        this.conditions = conditions;
    }

    /**
     * Writes the measurement's row before its first trial.
     *
     * @throws IllegalArgumentException if it names a course not on record, or another subject's
     */
    public static ExcitabilityRecord start(RecordStore store, NewMeasurement measurement, InstantSource wallClock) {
        return new ExcitabilityRecord(store, wallClock, store.startMeasurement(measurement, wallClock.instant()),
                measurement.conditions());
    }

    public long id() {
        return measurementId;
    }

    /** Trials recorded (and so given or attempted). */
    public int trialsRecorded() {
        return trialsRecorded;
    }

    /** Pulses recorded: 2 per paired trial, 1 per test pulse alone. */
    public int pulsesRecorded() {
        return pulsesRecorded;
    }

    /**
     * Records trial {@code index} (0-based, in the order given) immediately before it is fired.
     *
     * @param condition index into the measurement's conditions (as the plan's trials give it)
     * @throws RecordException if it could not be recorded: the trial must not be fired
     */
    public void trialFiring(int index, int block, int condition, int conditioningPercentMso, int testPercentMso,
                            long isiNanos) {
        if (condition < 0 || condition >= conditions.size()) {
            throw new RecordException("trial " + index + " names condition " + condition + " of " + conditions.size()
                    + ": not recorded", null);
        }
        store.recordMeasurementTrial(measurementId, index, block, conditions.get(condition), conditioningPercentMso,
                testPercentMso, isiNanos, wallClock.instant());
        trialsRecorded++; // only once recorded: a trial that could not be recorded is not fired
        pulsesRecorded += conditioningPercentMso > 0 ? 2 : 1;
    }

    /** The MEP amplitude (µV peak-to-peak) read after trial {@code index}'s test pulse. */
    public void amplitudeTaken(int index, double microvolts) {
        store.recordMeasurementAmplitude(measurementId, index, microvolts);
    }

    /**
     * Trial {@code index}, a pair, was void: its test pulse would have been late and was not given (its
     * conditioning pulse was). It has no amplitude.
     */
    public void trialVoid(int index) {
        store.recordMeasurementTrialVoid(measurementId, index);
        pulsesRecorded--;
    }

    /** Ends the measurement {@value #COMPLETED} with its results (the analysis as JSON text), sealing it. */
    public void complete(String resultsJson) {
        if (ended) {
            throw new IllegalStateException("excitability measurement " + measurementId + " has already ended");
        }
        store.endMeasurement(measurementId, COMPLETED, resultsJson, wallClock.instant());
        ended = true; // after: if the store failed, end(outcome) may still close it
    }

    /** Ends the measurement once, without results: {@code outcome} in words (STOPPED, DEVICE_FAULT, ...). */
    public void end(String outcome) {
        if (!ended) {
            ended = true;
            store.endMeasurement(measurementId, outcome, null, wallClock.instant());
        }
    }

    public boolean ended() {
        return ended;
    }
}
