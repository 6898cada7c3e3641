package org.tmshost.threshold;

import org.tmshost.session.Confirmations;
import org.tmshost.session.HuntSession;
import org.tmshost.session.LinkWatch;
import org.tmshost.session.SessionSettings;
import org.tmshost.timing.VirtualClock;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.tmshost.profile.HardwareProfile;
import org.tmshost.profile.HardwareProfiles;
import org.tmshost.simulator.CoilThermalModel;
import org.tmshost.simulator.SimulatedStimulator;
import org.tmshost.simulator.subject.VirtualSubject;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

@Tag("unit")
class ThresholdBenchTest {
    private static final MepCriterion RMT = MepCriterion.RMT_50_UV;

    /** Nine typical subjects, true RMT 35..75 %MSO, the same seed for every arm. */
    private static ThresholdBench.World world() throws Exception {
        HardwareProfile profile = HardwareProfiles.load("simulator");
        return new ThresholdBench.World() {
            @Override
            public int subjects() {
                return 9;
            }

            @Override
            public ThresholdBench.Setup setUp(int subject, ThresholdBench.Arm arm) {
                double truth = 35 + 5 * subject;
                VirtualSubject virtual = Subjects.typical(truth, 500 + subject);
                VirtualClock clock = new VirtualClock(0);
                SimulatedStimulator device = new SimulatedStimulator(profile, clock::nanoTime,
                        CoilThermalModel.Parameters.bundled(), 300);
                HuntSession path = HuntSession.prepare(device, profile, true, new LinkWatch(),
                        SessionSettings.defaults(Path.of(".")).withVirtualTime(clock), Confirmations.BOTH);
                return new ThresholdBench.Setup("typical", truth, (int) Math.min(100, Math.round(1.2 * truth)), path,
                        MepSource.ofAmplitudes(virtual::mepMicrovolts), HuntSession.steppedClock(clock));
            }
        };
    }

    @Test
    void reportsErrorAndPulsesPerMethodDeterministically() throws Exception {
        HuntRunner.Settings settings = new HuntRunner.Settings(0, 200, HuntPacing.standard(), 1);
        ThresholdBench.Result first = ThresholdBench.run(world(), ThresholdBench.standardArms(RMT), RMT, settings, 1);
        ThresholdBench.Result again = ThresholdBench.run(world(), ThresholdBench.standardArms(RMT), RMT, settings, 1);
        assertThat(ThresholdBench.table(again)).isEqualTo(ThresholdBench.table(first));

        assertThat(first.rows()).extracting(ThresholdBench.Row::label).containsExactly("5/10 (IFCN)",
                "two-threshold (Mills-Nithi)", "ML-PEST (95% CI <= 10%)", "ML-PEST (20 pulses)", "SAMT (20 pulses)");
        for (ThresholdBench.Row row : first.rows()) {
            assertThat(row.hunts()).isEqualTo(9);
            assertThat(row.completed()).as(row.label()).isEqualTo(9);
            assertThat(row.meanAbsoluteError()).as(row.label()).isBetween(0.0, 3.0);
            assertThat(row.meanMinutes()).as("4-6 s per pulse").isBetween(row.meanPulses() * 4 / 60, row.meanPulses() * 6.01 / 60);
        }
        ThresholdBench.Row fiveOfTen = first.rows().get(0);
        ThresholdBench.Row mlPest = first.rows().get(2);
        assertThat(mlPest.meanPulses()).as("ML-PEST needs far fewer pulses than 5/10")
                .isLessThan(fiveOfTen.meanPulses() / 2);
        assertThat(first.rows().get(3).meanPulses()).isEqualTo(20.0);
        assertThat(first.rows().get(3).sdPulses()).isEqualTo(0.0);

        String table = ThresholdBench.table(first);
        assertThat(table).contains("~75").contains("~17").contains("~45").contains("MAE");
        String json = ThresholdBench.json(first);
        assertThat(json).startsWith("{\"subjects\":9,\"seed\":1,").contains("\"label\":\"SAMT (20 pulses)\"")
                .contains("\"publishedPulses\":17").endsWith("]}");
    }

    @Test
    void statisticsAreTheUsualOnes() {
        assertThat(ThresholdBench.mean(new double[] {1, 2, 3, 6})).isEqualTo(3.0);
        assertThat(ThresholdBench.sd(new double[] {1, 2, 3, 6})).isCloseTo(Math.sqrt(14.0 / 3), within(1e-12));
        assertThat(ThresholdBench.sd(new double[] {1})).isNaN();
        ThresholdBench.Arm arm = ThresholdBench.standardArms(RMT).get(0);
        ThresholdBench.Row row = ThresholdBench.row(arm, "all", List.of(
                new ThresholdBench.Outcome(arm.label(), "t", 50, HuntResult.Outcome.COMPLETED, 52, 60, 300),
                new ThresholdBench.Outcome(arm.label(), "t", 40, HuntResult.Outcome.COMPLETED, 39, 70, 350),
                new ThresholdBench.Outcome(arm.label(), "t", 45, HuntResult.Outcome.PULSE_CAP_REACHED, Double.NaN, 200, 1000)));
        assertThat(row.completed()).isEqualTo(2);
        assertThat(row.meanAbsoluteError()).isEqualTo(1.5);
        assertThat(row.bias()).isEqualTo(0.5);
        assertThat(row.meanPulses()).isEqualTo(110.0);
        assertThat(row.maxPulses()).isEqualTo(200);
    }
}
