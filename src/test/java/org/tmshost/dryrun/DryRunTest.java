package org.tmshost.dryrun;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.tmshost.profile.HardwareProfiles;
import org.tmshost.protocol.MotorThresholds;
import org.tmshost.protocol.ProtocolLibrary;
import org.tmshost.protocol.PulsePlan;
import org.tmshost.protocol.ThresholdMethod;
import org.tmshost.safety.DoseHistory;
import org.tmshost.safety.SafetyEnvelope;
import org.tmshost.simulator.FaultScenario;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

@Tag("unit")
class DryRunTest {
    @Test
    void a37MinuteProtocolRunsOnVirtualTimeAndTheDeviceDeliversEveryPulseExactlyOnTime() throws Exception {
        DryRunResult result = DryRun.run(ProtocolLibrary.builtIn("neurostar-10hz").orElseThrow().protocol(),
                MotorThresholds.of(50.0, null, ThresholdMethod.EMG), HardwareProfiles.load("simulator"),
                SafetyEnvelope.bundled(), DoseHistory.none(Instant.now()));
        assertThat(result.ran()).isTrue();
        assertThat(result.outcome()).isEqualTo("COMPLETED");
        PulsePlan plan = result.plan().orElseThrow();
        assertThat(result.deliveredPulses()).isEqualTo(3000);
        assertThat(result.refusedPulses()).isZero();
        for (int i = 0; i < plan.pulseCount(); i++) {
            assertThat(result.deliveredAtNanos()[i]).isEqualTo(plan.offsetNanos(i));
        }
        assertThat(result.coilPeakTemperatureCelsius()).isBetween(25.0, 43.0);
    }

    @Test
    void theRapidTimesM1TenHzTrainsItselfAndDeliversEveryPulseOnTheDevicesClock() throws Exception {
        DryRunResult result = DryRun.run(ProtocolLibrary.builtIn("m1-10hz-pain").orElseThrow().protocol(),
                MotorThresholds.of(50.0, null, ThresholdMethod.EMG), HardwareProfiles.load("magstim-rapid2"),
                SafetyEnvelope.bundled(), DoseHistory.none(Instant.now()));
        assertThat(result.outcome()).isEqualTo("COMPLETED");
        PulsePlan plan = result.plan().orElseThrow();
        assertThat(result.deliveredPulses()).isEqualTo(plan.pulseCount());
        assertThat(result.refusedPulses()).isZero();
        for (int i = 0; i < plan.pulseCount(); i++) {
            assertThat(result.deliveredAtNanos()[i]).isEqualTo(plan.offsetNanos(i));
        }
    }

    @Test
    void aMagProTimesItbsItselfAsBiphasicBurstsAndDeliversEveryPulseOnTheDevicesClock() throws Exception {
        DryRunResult result = DryRun.run(ProtocolLibrary.builtIn("itbs").orElseThrow().protocol(),
                MotorThresholds.of(50.0, 35.0, ThresholdMethod.EMG), HardwareProfiles.load("magventure-x100"),
                SafetyEnvelope.bundled(), DoseHistory.none(Instant.now()));
        assertThat(result.outcome()).isEqualTo("COMPLETED");
        PulsePlan plan = result.plan().orElseThrow();
        assertThat(result.deliveredPulses()).isEqualTo(plan.pulseCount()).isEqualTo(600);
        for (int i = 0; i < plan.pulseCount(); i++) {
            assertThat(result.deliveredAtNanos()[i]).isEqualTo(plan.offsetNanos(i));
        }
    }

    @Test
    void aDeviceFaultDuringTheRunStopsThePlanAndKeepsWhatWasDelivered() throws Exception {
        DryRunResult result = DryRun.run(ProtocolLibrary.builtIn("itbs").orElseThrow().protocol(),
                MotorThresholds.of(50.0, 40.0, ThresholdMethod.EMG), HardwareProfiles.load("simulator"),
                SafetyEnvelope.bundled(), DoseHistory.none(Instant.now()),
                java.util.Optional.of(FaultScenario.read(java.nio.file.Path.of("simulator/scenarios/device-fault.yaml"))));
        assertThat(result.outcome()).isEqualTo("STOPPED");
        assertThat(result.deliveredPulses()).isEqualTo(10);
        assertThat(result.stopReason()).contains("E01").contains("pulse 11 of 600");
    }

    @Test
    void aBlockedPlanIsNotRun() throws Exception {
        DryRunResult result = DryRun.run(ProtocolLibrary.builtIn("sici-2.5ms").orElseThrow().protocol(),
                MotorThresholds.of(50.0, null, ThresholdMethod.EMG), HardwareProfiles.load("magstim-rapid2"),
                SafetyEnvelope.bundled(), DoseHistory.none(Instant.now()));
        assertThat(result.ran()).isFalse();
        assertThat(result.deliveredPulses()).isZero();
    }

    @Test
    void aDryRunNamesEachScenarioEventItCouldNotSimulateAndWhatItDidWithTheOthers() throws Exception {
        FaultScenario scenario = FaultScenario.parse("s.yaml", """
                name: mixed
                faults:
                  - kind: link-drop
                    atSeconds: 3
                  - kind: coil-over-temperature
                    atPulse: 5
                    celsius: 30
                  - kind: device-fault
                    atPulse: 100000
                """);
        DryRunResult result = DryRun.run(ProtocolLibrary.builtIn("itbs").orElseThrow().protocol(),
                MotorThresholds.of(50.0, 40.0, ThresholdMethod.EMG), HardwareProfiles.load("simulator"),
                SafetyEnvelope.bundled(), DoseHistory.none(Instant.now()), java.util.Optional.of(scenario));
        assertThat(result.outcome()).isEqualTo("COMPLETED");
        assertThat(result.scenarioEvents()).extracting(ScenarioEvent::kind, ScenarioEvent::when, ScenarioEvent::handling)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("link-drop", "at 3 s", ScenarioEvent.Handling.NOT_SIMULATED),
                        org.assertj.core.groups.Tuple.tuple("coil-over-temperature", "after 5 pulses", ScenarioEvent.Handling.APPLIED),
                        org.assertj.core.groups.Tuple.tuple("device-fault", "after 100000 pulses", ScenarioEvent.Handling.NOT_REACHED));
        assertThat(result.scenarioEvents().get(0).detail()).startsWith("not simulated: a dry run has no link");
        assertThat(result.scenarioEvents().get(1).detail()).isEqualTo("applied to the simulated device after 5 delivered pulses");
    }
}
