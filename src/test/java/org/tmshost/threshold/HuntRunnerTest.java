package org.tmshost.threshold;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.tmshost.device.DeviceFault;
import org.tmshost.device.DeviceIdentity;
import org.tmshost.device.DeviceStatus;
import org.tmshost.device.PulseTrigger;
import org.tmshost.device.Stimulator;
import org.tmshost.profile.HardwareProfiles;
import org.tmshost.protocol.MotorThresholds;
import org.tmshost.protocol.ThresholdMethod;
import org.tmshost.simulator.CoilThermalModel;
import org.tmshost.simulator.GroundTruthLog;
import org.tmshost.simulator.SimulatedStimulator;
import org.tmshost.simulator.subject.VirtualSubject;
import org.tmshost.session.Confirmations;
import org.tmshost.session.HuntSession;
import org.tmshost.session.LinkWatch;
import org.tmshost.session.SessionSettings;
import org.tmshost.timing.VirtualClock;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

@Tag("unit")
class HuntRunnerTest {
    private static final MepCriterion RMT = MepCriterion.RMT_50_UV;
    private static final Instant DATE = Instant.parse("2026-03-01T09:30:00Z");
    private static final Clock WALL = Clock.fixed(DATE, ZoneOffset.UTC);

    private final VirtualClock time = new VirtualClock(1_000_000_000L);
    private final HuntClock clock = HuntSession.steppedClock(time);

    private SimulatedStimulator device() throws Exception {
        return new SimulatedStimulator(HardwareProfiles.load("simulator"), time::nanoTime,
                CoilThermalModel.Parameters.bundled(), 600);
    }

    /** The session's hunt path to {@code device}, on this test's virtual time: every pulse through the scheduler. */
    private HuntSession path(Stimulator device) {
        try {
            return HuntSession.prepare(device, HardwareProfiles.load("simulator"), true, new LinkWatch(),
                    SessionSettings.defaults(Path.of(".")).withVirtualTime(time), Confirmations.BOTH);
        } catch (org.tmshost.yaml.InvalidFileException e) {
            throw new IllegalStateException(e);
        }
    }

    private static MepSource subjectSource(VirtualSubject subject) {
        return MepSource.ofAmplitudes(subject::mepMicrovolts);
    }

    @Test
    void pulsesAreAtLeastFourSecondsApartWithJitterOnTheVirtualClock() throws Exception {
        SimulatedStimulator device = device();
        VirtualSubject subject = Subjects.typical(50, 7);
        HuntResult result = new HuntRunner(path(device), subjectSource(subject), clock, WALL, HuntRunner.Settings.standard(11))
                .run(RelativeFrequencyHunt.ifcn(RMT, 60));
        GroundTruthLog log = device.groundTruth();
        assertThat(log.size()).isEqualTo(result.pulsesUsed()).isGreaterThan(20);
        long minGap = Long.MAX_VALUE;
        long maxGap = 0;
        for (int i = 1; i < log.size(); i++) {
            long gap = log.atNanos(i) - log.atNanos(i - 1);
            minGap = Math.min(minGap, gap);
            maxGap = Math.max(maxGap, gap);
        }
        assertThat(minGap).as("<= 0.25 Hz").isGreaterThanOrEqualTo(4_000_000_000L);
        assertThat(maxGap).isLessThanOrEqualTo(6_000_000_000L);
        assertThat(maxGap - minGap).as("jittered, not a fixed interval").isGreaterThan(500_000_000L);
        assertThat(log.atNanos(0) - 1_000_000_000L).as("first pulse one interval after arming")
                .isGreaterThanOrEqualTo(4_000_000_000L);
        assertThat(device.refusedPulses()).isZero();
        assertThat(device.status().armed()).as("disarmed at the end").isFalse();
        for (int i = 0; i < log.size(); i++) {
            assertThat(log.outputPercentMso(i)).isEqualTo(result.trials().get(i).intensityPercentMso());
        }
    }

    @Test
    void theResultCarriesThresholdMethodCriterionPulsesAndDate() throws Exception {
        VirtualSubject subject = Subjects.typical(48, 5);
        HuntResult result = new HuntRunner(path(device()), subjectSource(subject), clock, WALL, HuntRunner.Settings.standard(1))
                .run(MlPestHunt.awiszus(RMT, 58));
        assertThat(result.outcome()).isEqualTo(HuntResult.Outcome.COMPLETED);
        assertThat(result.method()).isEqualTo(HuntMethod.ML_PEST);
        assertThat(result.criterion().microvolts()).isEqualTo(50.0);
        assertThat(result.date()).isEqualTo(DATE);
        assertThat(result.pulsesUsed()).isEqualTo(result.trials().size()).isBetween(8, 30);
        assertThat(result.evidence()).isEqualTo(ThresholdMethod.EMG);
        double threshold = result.thresholdPercentMso().orElseThrow();
        assertThat(threshold).isCloseTo(48, within(4.0));
        MotorThresholds stored = result.toMotorThresholds();
        assertThat(stored.rmtPercentMso().orElseThrow())
                .isEqualByComparingTo(BigDecimal.valueOf(threshold).setScale(1, java.math.RoundingMode.FLOOR));
        assertThat(stored.amtPercentMso()).isEmpty();
        assertThat(stored.method()).isEqualTo(ThresholdMethod.EMG);
        for (HuntResult.Trial trial : result.trials().subList(1, result.trials().size())) {
            assertThat(trial.intensityPercentMso()).as("ML-PEST stimuli are delivered in whole %MSO").isBetween(1, 100);
        }
    }

    @Test
    void thePulseCapStopsTheHunt() throws Exception {
        SimulatedStimulator device = device();
        HuntRunner.Settings settings = new HuntRunner.Settings(0, 12, HuntPacing.standard(), 3);
        HuntResult result = new HuntRunner(path(device), subjectSource(Subjects.typical(50, 9)), clock, WALL, settings)
                .run(RelativeFrequencyHunt.ifcn(RMT, 70));
        assertThat(result.outcome()).isEqualTo(HuntResult.Outcome.PULSE_CAP_REACHED);
        assertThat(result.pulsesUsed()).isEqualTo(12);
        assertThat(device.groundTruth().size()).isEqualTo(12);
        assertThat(result.thresholdPercentMso()).isEmpty();
        assertThatThrownBy(result::toMotorThresholds).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void pacingFasterThanQuarterHertzAndOversizedCapsAreRejected() {
        assertThatThrownBy(() -> new HuntPacing(3_999_999_999L, 0)).hasMessageContaining("0.25 Hz");
        assertThatThrownBy(() -> new HuntRunner.Settings(0, 501, HuntPacing.standard(), 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HuntRunner.Settings(0, 0, HuntPacing.standard(), 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aDeviceFaultEndsTheHuntAndDisarms() throws Exception {
        SimulatedStimulator device = device();
        MepSourceDelegate.Reader faulting = pulse -> {
            if (pulse.index() == 2) {
                device.injectFault("E07");
            }
            return MepReading.amplitude(500);
        };
        MepSource source = new MepSourceDelegate(faulting);
        HuntStopped stopped = catchThrowableOfType(() -> new HuntRunner(path(device), source, clock, WALL,
                HuntRunner.Settings.standard(1)).run(RelativeFrequencyHunt.ifcn(RMT, 60)), HuntStopped.class);
        assertThat(stopped.cause()).isEqualTo("DEVICE_ERROR"); // the session's interlock on the device's status
        assertThat(stopped.getMessage()).contains("E07");
        assertThat(stopped.device()).isTrue();
        assertThat(device.groundTruth().size()).isEqualTo(3);
        assertThat(device.status().armed()).isFalse();
    }

    /** Write-ahead: each pulse is logged just before its trigger, and its reading after; a log failure fires nothing. */
    @Test
    void everyPulseIsLoggedBeforeItIsFiredAndOneThatCannotBeLoggedIsNotFired() throws Exception {
        SimulatedStimulator device = device();
        List<String> events = new ArrayList<>();
        HuntLog log = new HuntLog() {
            @Override
            public void pulseFiring(DeliveredPulse pulse) {
                if (pulse.index() == 2) {
                    throw new IllegalStateException("disk full");
                }
                events.add("firing " + pulse.index() + " at " + pulse.intensityPercentMso() + " (device count "
                        + device.deliveredPulseCount() + ")");
            }

            @Override
            public void readingTaken(DeliveredPulse pulse, MepReading reading) {
                events.add("read " + pulse.index() + " (device count " + device.deliveredPulseCount() + ")");
            }
        };
        assertThatThrownBy(() -> new HuntRunner(path(device), MepSource.ofAmplitudes(output -> 500), clock, WALL,
                HuntRunner.Settings.standard(1), log).run(RelativeFrequencyHunt.ifcn(RMT, 60)))
                .hasMessage("disk full");
        assertThat(events).containsExactly("firing 0 at 60 (device count 0)", "read 0 (device count 1)",
                "firing 1 at 60 (device count 1)", "read 1 (device count 2)");
        assertThat(device.groundTruth().size()).as("the pulse that could not be logged was not fired").isEqualTo(2);
        assertThat(device.status().armed()).isFalse();
    }

    @Test
    void anOutputThatDoesNotReadBackIsAFault() {
        Stimulator liar = new FakeStimulator() {
            @Override
            public int setOutput(int channel, int outputPercentMso) {
                return outputPercentMso - 1;
            }
        };
        DeviceFault fault = catchThrowableOfType(() -> new HuntRunner(path(liar), subjectSource(Subjects.typical(50, 1)), clock,
                WALL, HuntRunner.Settings.standard(1)).run(RelativeFrequencyHunt.ifcn(RMT, 60)), DeviceFault.class);
        assertThat(fault.code()).isEqualTo(org.tmshost.device.FaultCodes.READBACK_MISMATCH);
        assertThat(((FakeStimulator) liar).fired).isZero();
        assertThat(((FakeStimulator) liar).armed).isFalse();
    }

    @Test
    void anOperatorDrivesABinaryHuntAndCannotDriveSamt() throws Exception {
        // A step subject answered by an operator: yes at >= 50 %MSO. 5/10 from 52: 52, 51, 50 pass (5 each), 49 fails (6).
        StringBuilder answers = new StringBuilder();
        for (int level = 52; level >= 50; level--) {
            answers.append("y\n".repeat(5));
        }
        answers.append("maybe\n").append("n\n".repeat(6));
        StringWriter prompts = new StringWriter();
        OperatorMepSource operator = new OperatorMepSource(new BufferedReader(new StringReader(answers.toString())),
                new PrintWriter(prompts), RMT, ThresholdMethod.VISUAL);
        HuntResult result = new HuntRunner(path(new FakeStimulator()), operator, clock, WALL, HuntRunner.Settings.standard(2))
                .run(RelativeFrequencyHunt.ifcn(RMT, 52));
        assertThat(result.thresholdPercentMso()).contains(50.0);
        assertThat(result.pulsesUsed()).isEqualTo(21);
        assertThat(result.evidence()).isEqualTo(ThresholdMethod.VISUAL);
        assertThat(result.toMotorThresholds().method()).isEqualTo(ThresholdMethod.VISUAL);
        assertThat(prompts.toString()).contains("pulse 1 at 52 %MSO: MEP of at least 50 uV? [y/n]").contains("answer y or n");

        OperatorMepSource another = new OperatorMepSource(new BufferedReader(new StringReader("y\n")),
                new PrintWriter(new StringWriter()), RMT, ThresholdMethod.EMG);
        assertThatThrownBy(() -> new HuntRunner(path(new FakeStimulator()), another, clock, WALL,
                HuntRunner.Settings.standard(2)).run(StochasticApproximationHunt.wang2023(RMT, 60, 10)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("amplitudes");
    }

    @Test
    void amplitudesFromAStreamDriveSamtAndBadLinesAreNamed() throws Exception {
        String file = "# uV peak-to-peak\n500\n\n5   # tiny\n" + (50 * Math.sqrt(10)) + "\n500\n";
        AmplitudeStreamMepSource source = new AmplitudeStreamMepSource("meps.txt",
                new BufferedReader(new StringReader(file)));
        HuntResult result = new HuntRunner(path(new FakeStimulator()), source, clock, WALL, HuntRunner.Settings.standard(2))
                .run(StochasticApproximationHunt.wang2023(RMT, 60, 4));
        double a1 = 20.0 / 3;
        assertThat(result.thresholdPercentMso().orElseThrow()).isCloseTo(60 - a1 + a1 / 2 - a1 / 6 - a1 / 3, within(1e-9));
        assertThat(result.trials()).extracting(HuntResult.Trial::intensityPercentMso).containsExactly(60, 53, 57, 56);

        AmplitudeStreamMepSource bad = new AmplitudeStreamMepSource("meps.txt",
                new BufferedReader(new StringReader("120\n\nabc\n")));
        assertThatThrownBy(() -> new HuntRunner(path(new FakeStimulator()), bad, clock, WALL, HuntRunner.Settings.standard(2))
                .run(StochasticApproximationHunt.wang2023(RMT, 60, 4)))
                .isInstanceOf(MepInputException.class).hasMessage(
                        "meps.txt:3: expected a MEP amplitude in uV (a number >= 0), found 'abc'");
        AmplitudeStreamMepSource shortFile = new AmplitudeStreamMepSource("meps.txt",
                new BufferedReader(new StringReader("120\n")));
        assertThatThrownBy(() -> new HuntRunner(path(new FakeStimulator()), shortFile, clock, WALL,
                HuntRunner.Settings.standard(2)).run(StochasticApproximationHunt.wang2023(RMT, 60, 4)))
                .isInstanceOf(MepInputException.class).hasMessageContaining("no amplitude for pulse 2");
    }

    /** Adds the interface's defaults to a lambda reader. */
    private record MepSourceDelegate(Reader reader) implements MepSource {
        interface Reader {
            MepReading read(DeliveredPulse pulse);
        }

        @Override
        public MepReading read(DeliveredPulse pulse) {
            return reader.read(pulse);
        }

        @Override
        public boolean providesAmplitudes() {
            return true;
        }

        @Override
        public ThresholdMethod evidence() {
            return ThresholdMethod.EMG;
        }
    }

    /** A stimulator that always works, counting pulses. */
    private static class FakeStimulator implements Stimulator, PulseTrigger {
        boolean armed;
        int fired;

        @Override
        public DeviceIdentity identify() {
            return new DeviceIdentity("tmshost simulated stimulator (fake)", "test", true);
        }

        @Override
        public void arm() {
            armed = true;
        }

        @Override
        public void disarm() {
            armed = false;
        }

        @Override
        public int setOutput(int channel, int outputPercentMso) {
            return outputPercentMso;
        }

        @Override
        public PulseTrigger trigger() {
            return this;
        }

        @Override
        public DeviceStatus status() {
            return new DeviceStatus(armed, armed, 25, null);
        }

        @Override
        public void close() {
        }

        @Override
        public long fire(int pulseIndex, int outputPercentMso, int channel) {
            fired++;
            return 0;
        }
    }
}
