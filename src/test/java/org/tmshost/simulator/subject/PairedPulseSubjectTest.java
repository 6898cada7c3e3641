package org.tmshost.simulator.subject;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.tmshost.yaml.InvalidFileException;
import org.tmshost.yaml.ValidationError;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

/** The virtual subject's paired-pulse and mean recruitment model (docs/excitability.md, "Virtual subjects"). */
@Tag("unit")
class PairedPulseSubjectTest {
    private static final Path DIR = Path.of("simulator/subjects");
    private static final String SINGLE_PULSE = "name: x\nrestingThresholdPercentMso: 50\nmaxAmplitudeMicrovolts: 3000\n"
            + "slopePercentMso: 4\nthresholdJitterFraction: 0.07\nbackgroundNoiseMicrovolts: 10\nbackgroundNoiseLogSd: 0.3\n";

    private static SubjectParameters type(String name) throws InvalidFileException {
        return SubjectParameters.read(DIR.resolve(name + ".yaml"));
    }

    /** The single-pulse stream is what it was before paired pulses existed (values from commit ae12886). */
    @Test
    void theSinglePulseStreamIsUnchanged() throws Exception {
        VirtualSubject subject = new VirtualSubject(type("typical"), 7);
        assertThat(subject.mepMicrovolts(45)).isEqualTo(13.150344376660648);
        assertThat(subject.mepMicrovolts(50)).isEqualTo(63.97348741801236);
        assertThat(subject.mepMicrovolts(55)).isEqualTo(54.16689859040798);
        assertThat(subject.mepMicrovolts(60)).isEqualTo(326.793310790177);
    }

    @Test
    void theTrueRatioFollowsTheCurveAndTheConditioningIntensity() throws Exception {
        VirtualSubject typical = new VirtualSubject(type("typical"), 1); // RMT 50 %MSO: 40 %MSO is 80% RMT
        assertThat(typical.trueRatio(40, 2)).isCloseTo(0.4, within(1e-12));
        assertThat(typical.trueRatio(40, 2.5)).as("linear between points").isCloseTo(0.425, within(1e-12));
        assertThat(typical.trueRatio(40, 10)).isCloseTo(1.4, within(1e-12));
        assertThat(typical.trueRatio(40, 50)).as("beyond the last point").isEqualTo(1.0);
        assertThat(typical.trueRatio(45, 2)).as("full depth above the reference").isCloseTo(0.4, within(1e-12));
        assertThat(typical.trueRatio(35, 2)).as("70% RMT: half the depth").isCloseTo(0.7, within(1e-12));
        assertThat(typical.trueRatio(30, 2)).as("60% RMT: none").isEqualTo(1.0);
        assertThat(typical.trueRatio(0, 2)).as("no conditioning pulse").isEqualTo(1.0);
        VirtualSubject pain = new VirtualSubject(type("neuropathic-pain"), 1);
        assertThat(pain.trueRatio(40, 2)).isCloseTo(0.8, within(1e-12));
        assertThat(pain.trueRatio(40, 10)).isCloseTo(typical.trueRatio(40, 10), within(1e-12));
        VirtualSubject steep = new VirtualSubject(type("steep"), 1);
        assertThat(steep.parameters().pairedPulse()).isEqualTo(PairedPulseModel.NONE);
        assertThat(steep.trueRatio(40, 2)).as("a subject without a model").isEqualTo(1.0);
    }

    /** At a 120% RMT test pulse the background floor moves the ratio of expected MEPs by under 0.002. */
    @Test
    void atTheDefaultTestIntensityTheRatioOfMeansIsTheTrueRatio() throws Exception {
        for (String name : List.of("typical", "neuropathic-pain")) {
            VirtualSubject subject = new VirtualSubject(type(name), 1);
            double test = subject.meanMepMicrovolts(60);
            for (double isi : new double[] {2, 3, 10, 12}) {
                double ratio = subject.meanConditionedMepMicrovolts(60, 40, isi) / test;
                assertThat(ratio).as("%s at %s ms", name, isi).isCloseTo(subject.trueRatio(40, isi), within(0.002));
            }
        }
        // where the test MEP is near the floor, the floor lifts deep inhibition: the truth is m, not this ratio
        VirtualSubject typical = new VirtualSubject(type("typical"), 1);
        double nearThreshold = typical.meanConditionedMepMicrovolts(45, 40, 2) / typical.meanMepMicrovolts(45);
        assertThat(nearThreshold).isGreaterThan(typical.trueRatio(40, 2) + 0.05);
    }

    /** 60 000 seeded trials per condition: ratios of sample means within 3% of the truth. */
    @Test
    void drawnConditionedMepsAverageToTheTrueRatio() throws Exception {
        VirtualSubject subject = new VirtualSubject(type("typical"), 11);
        int n = 60_000;
        double[] sums = new double[3];
        double[][] conditions = {{0, 0}, {40, 2}, {40, 10}};
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < 3; c++) {
                sums[c] += subject.mepMicrovolts(60, conditions[c][0], conditions[c][1]);
            }
        }
        assertThat(sums[0] / n).isCloseTo(subject.meanMepMicrovolts(60), within(0.02 * sums[0] / n));
        assertThat(sums[1] / sums[0]).isCloseTo(0.4, within(0.4 * 0.03));
        assertThat(sums[2] / sums[0]).isCloseTo(1.4, within(1.4 * 0.03));
        assertThat(subject.pulses()).isEqualTo(3 * n);
    }

    /** Three draws per trial whatever the inputs: what follows a trial does not depend on its condition. */
    @Test
    void everyTrialDrawsTheSameNumberOfRandomNumbers() throws Exception {
        VirtualSubject a = new VirtualSubject(type("typical"), 5);
        VirtualSubject b = new VirtualSubject(type("typical"), 5);
        a.mepMicrovolts(60, 0, 0);
        b.mepMicrovolts(70, 40, 2);
        a.mepMicrovolts(60, 40, 10);
        b.mepMicrovolts(20, 30, 50);
        for (int i = 0; i < 20; i++) {
            assertThat(a.mepMicrovolts(60, 40, 3)).isEqualTo(b.mepMicrovolts(60, 40, 3));
        }
        VirtualSubject c = new VirtualSubject(type("typical"), 5);
        VirtualSubject d = new VirtualSubject(type("typical"), 5);
        assertThat(c.mepMicrovolts(60, 0, 0)).as("a test alone is the same trial however the ISI is given")
                .isEqualTo(d.mepMicrovolts(60, 0, 7));
    }

    /** The mean curve is the logistic averaged over the jitter: flatter than the median curve, and what MEPs average to. */
    @Test
    void theMeanRecruitmentCurveIsTheAverageOverTheJitter() throws Exception {
        VirtualSubject subject = new VirtualSubject(type("typical"), 3);
        for (double x : new double[] {50, 60, 70, 80}) {
            double sum = 0;
            int n = 40_000;
            for (int i = 0; i < n; i++) {
                sum += subject.mepMicrovolts(x);
            }
            assertThat(sum / n).as("at %s %%MSO", x).isCloseTo(subject.meanMepMicrovolts(x), within(0.03 * sum / n));
        }
        assertThat(subject.meanMepMicrovolts(50)).as("below the midpoint the mean lies above the median")
                .isGreaterThan(1.3 * subject.medianCurveMicrovolts(50));
        assertThat(subject.meanMepMicrovolts(100)).as("the plateau").isCloseTo(3000, within(30.0));
        assertThat(subject.meanMepMicrovolts(5)).as("only the background: its mean").isCloseTo(10 * Math.exp(0.045), within(0.01));
    }

    @Test
    void aFileWithoutPairedPulsesHasNoModulationAndTheFieldsAreOptional() throws Exception {
        SubjectParameters plain = SubjectParameters.parse("x.yaml", SINGLE_PULSE);
        assertThat(plain.pairedPulse()).isEqualTo(PairedPulseModel.NONE);
        assertThat(plain.pairedPulse().modulates()).isFalse();
        SubjectParameters onlyRatios = SubjectParameters.parse("x.yaml", SINGLE_PULSE
                + "pairedPulse:\n  ratios:\n    - {isiMs: 2, ratio: 0.5}\n    - {isiMs: 4, ratio: 1}\n");
        PairedPulseModel model = onlyRatios.pairedPulse();
        assertThat(model.referenceConditioningPercentRmt()).isEqualTo(80.0);
        assertThat(model.onsetConditioningPercentRmt()).isEqualTo(60.0);
        assertThat(model.conditionedVariabilityLogSd()).isEqualTo(0.0);
        assertThat(model.modulation(80, 3)).isCloseTo(0.75, within(1e-12));
        assertThat(model.modulation(80, 1.5)).as("before the first point").isEqualTo(1.0);
        assertThat(type("typical").pairedPulse().modulates()).isTrue();
    }

    @Test
    void badPairedPulseFieldsAreReportedWithFileLineAndField() {
        String text = SINGLE_PULSE + """
                pairedPulse:
                  referenceConditioningPercentRmt: 80
                  onsetConditioningPercentRmt: 90
                  conditionedVariabilityLogSd: 3
                  colour: red
                  ratios:
                    - {isiMs: 3, ratio: 0.5}
                    - {isiMs: 2, ratio: 0.4}
                    - {isiMs: 10, ratio: -1}
                    - {isiMs: 12}
                    - {isiMs: 15, ratio: 1.2, note: x}
                """;
        InvalidFileException e = catchThrowableOfType(() -> SubjectParameters.parse("simulator/subjects/bad.yaml", text),
                InvalidFileException.class);
        assertThat(e.errors()).extracting(ValidationError::field).containsExactlyInAnyOrder(
                "pairedPulse.onsetConditioningPercentRmt", "pairedPulse.conditionedVariabilityLogSd", "pairedPulse.colour",
                "pairedPulse.ratios[1].isiMs", "pairedPulse.ratios[2].ratio", "pairedPulse.ratios[3].ratio",
                "pairedPulse.ratios[4].note");
        ValidationError order = e.errors().stream().filter(err -> "pairedPulse.ratios[1].isiMs".equals(err.field()))
                .findFirst().orElseThrow();
        assertThat(order.location().file()).isEqualTo("simulator/subjects/bad.yaml");
        assertThat(order.location().line()).isEqualTo(15);
        assertThat(order.toString()).contains("longer than the previous point's (3.0 ms)");
        ValidationError sd = e.errors().stream().filter(err -> "pairedPulse.conditionedVariabilityLogSd".equals(err.field()))
                .findFirst().orElseThrow();
        assertThat(sd.location().line()).isEqualTo(11);

        InvalidFileException empty = catchThrowableOfType(() -> SubjectParameters.parse("x.yaml",
                SINGLE_PULSE + "pairedPulse:\n  ratios: []\n"), InvalidFileException.class);
        assertThat(empty.errors()).extracting(ValidationError::field).containsExactly("pairedPulse.ratios");
        InvalidFileException notAList = catchThrowableOfType(() -> SubjectParameters.parse("x.yaml",
                SINGLE_PULSE + "pairedPulse:\n  referenceConditioningPercentRmt: 80\n"), InvalidFileException.class);
        assertThat(notAList.errors()).extracting(ValidationError::field).containsExactly("pairedPulse.ratios");
    }

    @Test
    void theModelRefusesWhatTheFileReaderWouldHaveCaught() {
        List<PairedPulseModel.Point> down = List.of(new PairedPulseModel.Point(3, 0.5), new PairedPulseModel.Point(2, 0.5));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new PairedPulseModel(80, 60, down, 0))
                .hasMessageContaining("strictly increasing");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new PairedPulseModel(60, 80, List.of(), 0))
                .hasMessageContaining("onset < reference");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new PairedPulseModel.Point(2, -0.1))
                .hasMessageContaining("ratio in [0, 5]");
    }
}
