package org.tmshost.dryrun;

import org.tmshost.protocol.PulsePlan;
import org.tmshost.safety.Verdict;

import java.util.Optional;

/**
 * The outcome of a dry run: the envelope's verdict, and, when the plan was run (it is not when the
 * verdict is BLOCKED), what the simulated device delivered according to its own ground truth.
 *
 * @param deliveredPulses pulses the simulated device delivered (0 when not run)
 * @param refusedPulses   pulses the simulated device refused (too fast, not armed, coil too hot)
 * @param computeNanos    wall-clock time the simulation took
 * @param outcome         the scheduler's end state, or {@link #NOT_RUN}
 * @param stopReason      why it stopped early (a scenario's device fault, a timing fault), or empty
 * @param scenarioEvents  what the run did with each event of its fault scenario, in file order (empty without one)
 */
public record DryRunResult(Verdict verdict, Optional<PulsePlan> plan, boolean ran, int deliveredPulses,
                           int refusedPulses, double coilPeakTemperatureCelsius, long computeNanos,
                           long[] deliveredAtNanos, String outcome, String stopReason,
                           java.util.List<ScenarioEvent> scenarioEvents) {
    /** The scheduler's end state: COMPLETED, FAULTED or STOPPED; NOT_RUN when the plan was blocked. */
    public static final String NOT_RUN = "NOT_RUN";

    public DryRunResult {
        scenarioEvents = java.util.List.copyOf(scenarioEvents);
    }
}
