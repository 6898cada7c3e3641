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

    private static final TrialMeps CONSTANT_MEP = new TrialMeps() {
        @Override
        public double microvolts(Trial trial, long firedAtNanos) {
            return 500;
        }

        @Override
        public String description() {
            return "constant";
        }
    };

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
        MeasurementLog stopAfterThree = new MeasurementLog() {
            @Override
            public void trialFiring(Trial trial) {
            }

            @Override
            public void readingTaken(Trial trial, double microvolts) {
                read.add(trial);
                if (read.size() == 3) {
                    path.trip(InterlockCause.STOP_BUTTON, "the stop button was pressed");
                }
            }
        };

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
}
