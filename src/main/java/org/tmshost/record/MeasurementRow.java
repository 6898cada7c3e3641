package org.tmshost.record;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A stored excitability measurement with its trials in the order given. {@code outcome} is empty
 * while it runs; a measurement whose host died is closed INTERRUPTED at the next start, its trials kept.
 *
 * @param measurement what was recorded when it started
 * @param resultsJson the analysis as JSON text, written when it completed
 */
public record MeasurementRow(long id, NewMeasurement measurement, Instant startedAt, Optional<Instant> endedAt,
                             Optional<String> outcome, Optional<String> resultsJson, List<MeasurementTrialRow> trials) {
    public MeasurementRow {
        trials = List.copyOf(trials);
    }

    /** Pulses the subject received in it (2 per paired trial, 1 per test pulse alone). */
    public int pulses() {
        return trials.stream().mapToInt(MeasurementTrialRow::pulses).sum();
    }
}
