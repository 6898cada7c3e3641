package org.tmshost.session;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.tmshost.device.ForwardingStimulator;
import org.tmshost.device.Stimulator;
import org.tmshost.excitability.Condition;
import org.tmshost.excitability.MeasurementKind;
import org.tmshost.excitability.MeasurementLog;
import org.tmshost.excitability.MeasurementPlan;
import org.tmshost.excitability.MeasurementRunner;
import org.tmshost.excitability.Trial;
import org.tmshost.excitability.TrialMeps;
import org.tmshost.excitability.TrialPathFixtures;
import org.tmshost.excitability.TrialReading;
import org.tmshost.profile.HardwareProfile;
import org.tmshost.profile.HardwareProfiles;
import org.tmshost.safety.DoseHistory;
import org.tmshost.safety.SafetyEnvelope;
import org.tmshost.safety.Severity;
import org.tmshost.simulator.CoilThermalModel;
import org.tmshost.simulator.GroundTruthLog;
import org.tmshost.simulator.SimulatedStimulator;
import org.tmshost.threshold.HuntStopped;
import org.tmshost.timing.VirtualClock;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Issue 17: a measurement's trials go through the session's pulse path ({@link HuntSession} as a
 * {@code TrialPulsePath}) on virtual time: every trial given as planned (the simulator's ground truth
 * holds each pair at exactly its interval, conditioning on unit A, test on unit B), behind the hunt's
 * arming checks and interlocks; a device that cannot give the pairs is refused before arming.
 */
@Tag("unit")
class MeasurementTrialsTest {
    private final VirtualClock time = new VirtualClock(1_000_000_000L);

    private static HardwareProfile load(String name) {
        try {
            return HardwareProfiles.load(name);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private SimulatedStimulator simulator(HardwareProfile profile) {
        return new SimulatedStimulator(profile, time::nanoTime, CoilThermalModel.Parameters.bundled(), 1 << 10, 0);
    }

    /** test, sici-2, icf-10, 2 trials each at RMT 50 %MSO: conditioning 40, test 60 %MSO, 4 s apart, no jitter. */
    private static MeasurementPlan tinyPairedPlan(String conditions) {
        return new MeasurementPlan(MeasurementKind.PAIRED_PULSE, Condition.parseNames(conditions), 2,
                BigDecimal.valueOf(50), BigDecimal.valueOf(80), BigDecimal.valueOf(120), BigDecimal.valueOf(4),
                BigDecimal.ZERO, 17);
    }

    private HuntSession measurement(Stimulator device, HardwareProfile profile, MeasurementPlan plan,
                                    Confirmations confirmations) {
        return HuntSession.prepareMeasurement(device, profile, true, new LinkWatch(),
                SessionSettings.defaults(Path.of(".")).withVirtualTime(time), confirmations, plan);
    }

    private MeasurementRunner runner(HuntSession path, MeasurementLog log) {
        return new MeasurementRunner(path, CONSTANT_MEP, HuntSession.steppedClock(time), log);
    }

    private static final TrialMeps CONSTANT_MEP = TrialPathFixtures.constantMep(500);

    @Test
    void everyTrialIsGivenOnTheSimulatorWithEachPairAtExactlyItsIntervalConditioningOnUnitATestOnUnitB()
            throws Exception {
        HardwareProfile profile = SessionRig.relaxedTiming(load("simulator"));
        SimulatedStimulator simulator = simulator(profile);
        MeasurementPlan plan = tinyPairedPlan("test,sici-2,icf-10");
        HuntSession path = measurement(simulator, profile, plan, Confirmations.BOTH);
        assertThat(path.trialDevice().orElseThrow().mode()).isEqualTo(TrialDevice.Mode.HOST_PAIRS);

        List<TrialReading> readings = runner(path, MeasurementLog.NONE).run(plan);

        assertThat(readings).hasSize(6);
        GroundTruthLog truth = simulator.groundTruth();
        assertThat(truth.size()).isEqualTo(plan.pulseCount()).isEqualTo(path.pulsesGiven()).isEqualTo(10);
        int pulse = 0;
        for (TrialReading reading : readings) {
            var pulses = reading.trial().pulses();
            if (pulses.paired()) {
                assertThat(truth.channel(pulse)).as("conditioning unit, trial " + reading.trial().index()).isZero();
                assertThat(truth.outputPercentMso(pulse)).isEqualTo(40);
                assertThat(truth.atNanos(pulse + 1) - truth.atNanos(pulse)).as("the interval, exactly")
                        .isEqualTo(pulses.isiNanos());
                pulse++;
            }
            assertThat(truth.channel(pulse)).as("test unit, trial " + reading.trial().index()).isEqualTo(1);
            assertThat(truth.outputPercentMso(pulse)).isEqualTo(60);
            assertThat(truth.atNanos(pulse)).as("the test pulse is the trial's moment")
                    .isEqualTo(reading.firedAtNanos() + pulses.isiNanos());
            pulse++;
        }
        assertThat(readings).extracting(r -> r.trial().pulses().isiNanos())
                .containsOnly(0L, 2_000_000L, 10_000_000L);
        assertThat(path.tripCause()).isEmpty();
        assertThat(simulator.status().armed()).as("disarmed at the end").isFalse();
    }

    @Test
    void aRecruitmentCurveGivesSinglePulsesFromUnitAOnAOneUnitDevice() throws Exception {
        HardwareProfile profile = SessionRig.relaxedTiming(load("magstim-200"));
        SimulatedStimulator simulator = simulator(profile);
        MeasurementPlan plan = new MeasurementPlan(MeasurementKind.RECRUITMENT, Condition.parseIntensities("100,120"), 2,
                BigDecimal.valueOf(50), BigDecimal.valueOf(80), BigDecimal.valueOf(120), BigDecimal.valueOf(4),
                BigDecimal.ZERO, 3);
        assertThat(TrialDevice.refusal(plan, profile, simulator)).isEmpty();
        HuntSession path = measurement(simulator, profile, plan, Confirmations.BOTH);

        List<TrialReading> readings = runner(path, MeasurementLog.NONE).run(plan);

        GroundTruthLog truth = simulator.groundTruth();
        assertThat(truth.size()).isEqualTo(4);
        for (int i = 0; i < 4; i++) {
            assertThat(truth.channel(i)).isZero();
            assertThat(truth.outputPercentMso(i)).isEqualTo(readings.get(i).trial().pulses().testPercentMso());
        }
    }

    @Test
    void aTrialWaitsUntilTheUnitHasRestedItsIntervalSinceTheLastTrialLeftNotSinceTheHostPacedIt() throws Exception {
        HardwareProfile profile = SessionRig.relaxedTiming(load("magstim-200")); // one pulse per 4 s per unit
        SimulatedStimulator simulator = simulator(profile);
        Stimulator slowFirstCommand = new ForwardingStimulator(simulator) {
            private boolean first = true;

            @Override
            public org.tmshost.device.PulseTrigger trigger() {
                return (index, output, channel) -> {
                    if (first) { // the first command reaches the device 2 ms after the host paced it
                        first = false;
                        time.advance(2_000_000L);
                    }
                    return simulator.fire(index, output, channel);
                };
            }
        };
        MeasurementPlan plan = new MeasurementPlan(MeasurementKind.RECRUITMENT, Condition.parseIntensities("100,120"), 1,
                BigDecimal.valueOf(50), BigDecimal.valueOf(80), BigDecimal.valueOf(120), BigDecimal.valueOf(4),
                BigDecimal.ZERO, 3);
        HuntSession path = measurement(slowFirstCommand, profile, plan, Confirmations.BOTH);

        runner(path, MeasurementLog.NONE).run(plan);

        GroundTruthLog truth = simulator.groundTruth();
        assertThat(truth.size()).as("the second trial was not refused by the unit's rate").isEqualTo(2);
        assertThat(truth.atNanos(1) - truth.atNanos(0)).isGreaterThanOrEqualTo(4_000_000_000L);
    }

    @Test
    void aHostTimedPairWhoseTestPulseWouldBeLateIsNotCompletedNorGivenAtAnotherInterval() throws Exception {
        HardwareProfile profile = load("simulator"); // lateness limit 1 ms
        SimulatedStimulator simulator = simulator(profile);
        Stimulator stalls = new ForwardingStimulator(simulator) {
            @Override
            public org.tmshost.device.PulseTrigger trigger() {
                return (index, output, channel) -> {
                    long result = simulator.fire(index, output, channel);
                    if (channel == 0) { // the pulse thread loses 5 ms right after the conditioning pulse left
                        time.advance(5_000_000L);
                        return 5_000_000L;
                    }
                    return result;
                };
            }
        };
        MeasurementPlan plan = tinyPairedPlan("sici-2");
        HuntSession path = measurement(stalls, profile, plan, Confirmations.BOTH);
        int firstPaired = plan.trials().get(0).pulses().paired() ? 0 : 1;

        List<Trial> voided = new ArrayList<>();
        HuntStopped stopped = catchThrowableOfType(() -> runner(path, voidsInto(voided)).run(plan), HuntStopped.class);

        // every pair is void here (the stall comes every time): each is given again, until more are void than
        // a measurement absorbs; then the host's timing ends it
        assertThat(stopped.cause()).isEqualTo("TIMING_FAULT");
        assertThat(voided).hasSize(MeasurementRunner.allowedVoids(plan) + 1)
                .allSatisfy(t -> assertThat(t.pulses().paired()).isTrue());
        GroundTruthLog truth = simulator.groundTruth();
        assertThat(truth.size()).as("conditioning pulses only: no test pulse 7 ms after any of them")
                .isEqualTo(firstPaired + voided.size());
        for (int p = firstPaired; p < truth.size(); p++) {
            assertThat(truth.channel(p)).isZero();
        }
        assertThat(simulator.status().armed()).isFalse();
    }

    @Test
    void aMeasurementArmsBehindTheHuntsChecksAndGivesNothingWhenOneFails() throws Exception {
        HardwareProfile profile = SessionRig.relaxedTiming(load("simulator"));
        SimulatedStimulator simulator = simulator(profile);
        MeasurementPlan plan = tinyPairedPlan("test,sici-2");
        HuntSession path = measurement(simulator, profile, plan, Confirmations.NONE);
        ArmingReport report = path.armingChecks();
        assertThat(report.path()).isEqualTo(PulsePath.MEASUREMENT);
        assertThat(report.checksRun()).containsExactlyInAnyOrder(CheckId.DEVICE_IDENTIFIED, CheckId.COIL_READY,
                CheckId.STOP_BUTTON_RELEASED, CheckId.HEARING_PROTECTION_CONFIRMED, CheckId.SCREENING_CONFIRMED);

        HuntStopped stopped = catchThrowableOfType(() -> runner(path, MeasurementLog.NONE).run(plan), HuntStopped.class);
        assertThat(stopped.cause()).isEqualTo("ARMING_REFUSED");
        assertThat(simulator.groundTruth().size()).isZero();
        assertThat(simulator.status().armed()).isFalse();
    }

    @Test
    void aStopMidMeasurementEndsItBetweenTrialsAndKeepsEveryTrialGiven() throws Exception {
        HardwareProfile profile = SessionRig.relaxedTiming(load("simulator"));
        SimulatedStimulator simulator = simulator(profile);
        MeasurementPlan plan = tinyPairedPlan("test,sici-2,icf-10");
        HuntSession path = measurement(simulator, profile, plan, Confirmations.BOTH);
        List<Trial> read = new ArrayList<>();
        MeasurementLog stopAfterThree = TrialPathFixtures.stopAfter(3, read,
                () -> path.trip(InterlockCause.STOP_BUTTON, "the stop button was pressed"));

        HuntStopped stopped = catchThrowableOfType(() -> runner(path, stopAfterThree).run(plan), HuntStopped.class);

        assertThat(stopped.cause()).isEqualTo("STOP_BUTTON");
        int pulsesOfThree = read.stream().mapToInt(t -> t.pulses().pulseCount()).sum();
        assertThat(simulator.groundTruth().size()).as("the three trials given, nothing after")
                .isEqualTo(pulsesOfThree).isEqualTo(path.pulsesGiven());
        assertThat(simulator.status().armed()).isFalse();
    }

    @Test
    void aDeviceThatCountsOnePulseOfAPairTripsThePulseCountInterlockBeforeTheNextTrial() throws Exception {
        HardwareProfile profile = SessionRig.relaxedTiming(load("simulator"));
        SimulatedStimulator simulator = simulator(profile);
        Stimulator dropsUnitB = new ForwardingStimulator(simulator) {
            @Override
            public int deliveredPulseCount() {
                GroundTruthLog truth = simulator.groundTruth();
                int unitA = 0;
                for (int i = 0; i < truth.size(); i++) {
                    unitA += truth.channel(i) == 0 ? 1 : 0;
                }
                return unitA; // counts conditioning pulses only: every pair is one short
            }
        };
        MeasurementPlan plan = tinyPairedPlan("sici-2");
        HuntSession path = measurement(dropsUnitB, profile, plan, Confirmations.BOTH);

        HuntStopped stopped = catchThrowableOfType(() -> runner(path, MeasurementLog.NONE).run(plan), HuntStopped.class);

        assertThat(stopped.cause()).isEqualTo("PULSE_COUNT_MISMATCH");
        assertThat(path.tripCause()).contains(InterlockCause.PULSE_COUNT_MISMATCH);
        int firstPair = plan.trials().get(0).pulses().paired() ? 2 : 1;
        assertThat(simulator.groundTruth().size()).as("stopped at the first trial whose pair was miscounted")
                .isEqualTo(firstPair);
    }

    @Test
    void aPairedPulseMeasurementIsRefusedOnADeviceWithoutPairedPulsesNamingItAndWhatIsNeeded() {
        MeasurementPlan plan = tinyPairedPlan("test,sici-2");
        for (String name : List.of("magstim-200", "magstim-rapid2")) {
            HardwareProfile profile = load(name);
            assertThat(TrialDevice.refusal(plan, profile, simulator(profile))).get().asString()
                    .contains(name).contains("no paired pulses").contains("magstim-bistim").contains("magventure-x100");
        }
    }

    @Test
    void aPairedPulseMeasurementIsRefusedOnAOneUnitProfile() {
        HardwareProfile oneUnit = load("simulator").reaching(1);
        assertThat(TrialDevice.refusal(tinyPairedPlan("test,sici-2"), oneUnit, simulator(oneUnit))).get().asString()
                .contains("has 1 unit").contains("magstim-bistim");
    }

    @Test
    void aPairedPulseMeasurementIsRefusedWhenTheLinkReachesOneUnit() {
        HardwareProfile profile = load("magstim-bistim");
        Stimulator oneUnitLink = new ForwardingStimulator(simulator(profile)) {
            @Override
            public int reachableChannels() {
                return 1;
            }
        };
        assertThat(TrialDevice.refusal(tinyPairedPlan("test,sici-2"), profile, oneUnitLink)).get().asString()
                .contains("reaches one unit").contains("magstim-bistim");
    }

    @Test
    void aBiStimMeasurementMixingIntervalResolutionsIsRefused() {
        HardwareProfile profile = load("magstim-bistim");
        assertThat(TrialDevice.refusal(tinyPairedPlan("test,sici-2,isi-100"), profile, simulator(profile)))
                .get().asString().contains("0.1 ms steps").contains("disarmed");
        assertThat(TrialDevice.refusal(tinyPairedPlan("test,sici-2,icf-12"), profile, simulator(profile))).isEmpty();
    }

    @Test
    void devicesThatTimePairsGiveEveryTrialAsAPairAndTheTestAloneWorksOnAnyDevice() {
        MeasurementPlan paired = tinyPairedPlan("test,sici-2,icf-10");
        for (String name : List.of("magstim-bistim", "magventure-x100")) {
            HardwareProfile profile = load(name);
            assertThat(TrialDevice.of(paired, profile, simulator(profile)).mode()).as(name)
                    .isEqualTo(TrialDevice.Mode.DEVICE_PAIRS);
        }
        MeasurementPlan testAlone = tinyPairedPlan("test");
        assertThat(TrialDevice.of(testAlone, load("magstim-200"), simulator(load("magstim-200"))).mode())
                .isEqualTo(TrialDevice.Mode.SINGLE_PULSES);
        assertThat(TrialDevice.of(testAlone, load("magstim-bistim"), simulator(load("magstim-bistim"))).mode())
                .as("a BiStim² fires pairs only: unit B at 0 %").isEqualTo(TrialDevice.Mode.DEVICE_PAIRS);
    }

    @Test
    void theEnvelopeJudgesTheMeasurementsBoundingProtocol() {
        MeasurementPlan plan = tinyPairedPlan("test,sici-2,icf-10");
        SafetyEnvelope envelope = SafetyEnvelope.bundled();
        DoseHistory none = DoseHistory.none(Instant.parse("2026-03-01T09:30:00Z"));
        assertThat(MeasurementVerdict.of(plan, load("simulator"), Integer.MAX_VALUE, envelope, none).level())
                .isEqualTo(Severity.PASS);
        assertThat(MeasurementVerdict.of(plan, load("magstim-200"), Integer.MAX_VALUE, envelope, none).level())
                .as("no pairs on a 200²: the delivery rule blocks it").isEqualTo(Severity.BLOCKED);
    }

    /**
     * A measurement right after a treatment session is the usual way to see its after-effects: the
     * intersession interval is not a measurement's rule (as it is not a hunt's). The subject's pulses
     * today are: a measurement that would take them past the daily limit is BLOCKED.
     */
    @Test
    void aMeasurementCountsTodaysPulsesButNotTheTimeSinceTheLastSession() throws Exception {
        MeasurementPlan plan = tinyPairedPlan("test,sici-2,icf-10");
        SafetyEnvelope envelope = SafetyEnvelope.bundled();
        Instant now = Instant.parse("2026-03-01T09:30:00Z");
        DoseHistory justAfterASession = new DoseHistory(600, 0, Optional.of(now.minusSeconds(300)), now);
        assertThat(envelope.check(plan.boundingProtocol(), new org.tmshost.protocol.MotorThresholds(
                Optional.of(plan.rmtPercentMso()), Optional.empty(), org.tmshost.protocol.ThresholdMethod.UNSTATED),
                load("simulator"), justAfterASession).findings()).extracting(f -> f.ruleId())
                .as("the same plan judged as a session would need the interval approved")
                .contains("policy.intersession-interval");
        assertThat(MeasurementVerdict.of(plan, load("simulator"), Integer.MAX_VALUE, envelope, justAfterASession).level())
                .isEqualTo(Severity.PASS);
        DoseHistory fullDay = new DoseHistory(18_000, 0, Optional.empty(), now);
        assertThat(MeasurementVerdict.of(plan, load("simulator"), Integer.MAX_VALUE, envelope, fullDay).findings())
                .extracting(f -> f.ruleId() + " " + f.severity()).contains("policy.daily-pulses BLOCKED");
    }

    private static MeasurementLog voidsInto(List<Trial> voided) {
        return new MeasurementLog() {
            @Override
            public void trialFiring(Trial trial) {
            }

            @Override
            public void readingTaken(Trial trial, double microvolts) {
            }

            @Override
            public void trialVoid(Trial trial) {
                voided.add(trial);
            }
        };
    }
}
