package org.tmshost.timing;

/**
 * What a running schedule shows the people and programs watching it (the status panel, benches):
 * read-only, so nothing outside the session can pause, trip or re-time the pulse thread through it.
 * Safe to read from any thread while the schedule runs.
 */
public interface PulseTelemetry {
    SchedulerState state();

    /** Entries in the fire journal so far: pulses fired (and any the device refused or did not confirm). */
    int firedCount();

    /** t0 of the plan on the scheduler's clock (moved by a resume after a pause). */
    long t0Nanos();

    /** Pulses fired later than their limit so far. */
    int deviations();

    /** Lateness of journal entry {@code entry} (0 ≤ entry < {@link #firedCount()}), in nanoseconds. */
    long latenessNanos(int entry);
}
