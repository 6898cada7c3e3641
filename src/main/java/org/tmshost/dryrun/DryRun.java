package org.tmshost.dryrun;

import org.tmshost.delivery.DeliveryChoice;
import org.tmshost.delivery.DeliveryPlanner;
import org.tmshost.device.DeviceFault;
import org.tmshost.profile.HardwareProfile;
import org.tmshost.protocol.MotorThresholds;
import org.tmshost.protocol.Protocol;
import org.tmshost.protocol.PulsePlan;
import org.tmshost.safety.DoseHistory;
import org.tmshost.safety.SafetyEnvelope;
import org.tmshost.safety.Severity;
import org.tmshost.safety.Verdict;
import org.tmshost.simulator.CoilThermalModel;
import org.tmshost.simulator.FaultScenario;
import org.tmshost.simulator.GroundTruthLog;
import org.tmshost.simulator.SimulatedStimulator;
import org.tmshost.timing.SchedulerState;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Checks a protocol against the safety envelope, then (unless BLOCKED) runs its whole plan against
 * an in-process simulated device on a virtual clock: nothing sleeps, so a 37-minute protocol takes
 * milliseconds. A NEEDS_OVERRIDE plan is still simulated, to show what approval would deliver.
 */
public final class DryRun {
    private DryRun() {
    }

    public static DryRunResult run(Protocol protocol, MotorThresholds thresholds, HardwareProfile profile,
                                   SafetyEnvelope envelope, DoseHistory history) throws DeviceFault {
        return run(protocol, thresholds, profile, envelope, history, Optional.empty());
    }

    /** A dry run with a fault scenario played on the simulated device. */
    public static DryRunResult run(Protocol protocol, MotorThresholds thresholds, HardwareProfile profile,
                                   SafetyEnvelope envelope, DoseHistory history, Optional<FaultScenario> scenario)
            throws DeviceFault {
        long started = System.nanoTime();
        Verdict verdict = envelope.check(protocol, thresholds, profile, history);
        if (verdict.level() == Severity.BLOCKED || verdict.plan().isEmpty()) {
            return new DryRunResult(verdict, verdict.plan(), false, 0, 0, Double.NaN, System.nanoTime() - started,
                    new long[0], DryRunResult.NOT_RUN, "", scenario.map(DryRun::notRun).orElse(List.of()));
        }
        PulsePlan plan = verdict.plan().get();
        if (!(DeliveryPlanner.choose(plan, protocol.kind(), profile) instanceof DeliveryChoice.Chosen chosen)) {
            throw new IllegalStateException("a plan without a delivery path passed the envelope"); // delivery.path blocks it
        }
        VirtualDeviceRun run = new VirtualDeviceRun(plan, profile, chosen.delivery(), CoilThermalModel.Parameters.bundled(),
                scenario);
        SchedulerState outcome = run.execute();
        SimulatedStimulator device = run.device();
        GroundTruthLog truth = device.groundTruth();
        long[] delivered = new long[truth.size()];
        Arrays.setAll(delivered, i -> truth.atNanos(i) - run.t0Nanos());
        return new DryRunResult(verdict, verdict.plan(), true, truth.size(), device.refusedPulses(),
                device.coilPeakTemperatureCelsius(), System.nanoTime() - started, delivered, outcome.name(),
                run.stopReason(), run.scenarioEvents());
    }

    /** A blocked plan is not run: no event of the scenario happened. */
    private static List<ScenarioEvent> notRun(FaultScenario scenario) {
        return scenario.faults().stream().map(fault -> ScenarioEvent.of(fault, false, 0)).toList();
    }
}
