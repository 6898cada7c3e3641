package org.tmshost.simulator.subject;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.tmshost.stats.StandardNormal;
import org.tmshost.yaml.InvalidFileException;
import org.tmshost.yaml.ValidationError;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

@Tag("unit")
class VirtualSubjectTest {
    private static final Path DIR = Path.of("simulator/subjects");

    private static SubjectParameters type(String name) throws InvalidFileException {
        return SubjectParameters.read(DIR.resolve(name + ".yaml"));
    }

    @Test
    void everyShippedSubjectParsesAndTheThreeNamedOnesExist() throws Exception {
        List<SubjectParameters> all = SubjectParameters.readDirectory(DIR);
        assertThat(all).extracting(SubjectParameters::name).contains("typical", "steep", "noisy");
        try (Stream<Path> files = Files.list(DIR)) {
            assertThat(all).hasSize((int) files.filter(f -> f.toString().endsWith(".yaml")).count());
        }
        SubjectParameters typical = type("typical");
        assertThat(typical.restingThresholdPercentMso()).isEqualTo(50.0);
        assertThat(typical.thresholdJitterFraction()).isEqualTo(0.07);
    }

    /** The jar ships the same subjects as the directory, and its index names every one of them. */
    @Test
    void theShippedSubjectsAreTheDirectorysAndTheIndexListsThemAll() throws Exception {
        List<String> names;
        try (Stream<Path> files = Files.list(DIR)) {
            names = files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".yaml"))
                    .map(f -> f.substring(0, f.length() - ".yaml".length())).sorted().toList();
        }
        assertThat(SubjectParameters.bundledNames()).containsExactlyElementsOf(names);
        assertThat(SubjectParameters.bundledAll()).isEqualTo(SubjectParameters.readDirectory(DIR));
        assertThat(SubjectParameters.bundled("typical")).contains(type("typical"));
        assertThat(SubjectParameters.bundled("nobody")).isEmpty();
        assertThat(SubjectParameters.bundled("../typical")).as("a name, never a path").isEmpty();
    }

    @Test
    void theProbabilityOfA50MicrovoltMepIsOneHalfAtTheTrueRmtForEveryType() throws Exception {
        for (String name : List.of("typical", "steep", "noisy")) {
            for (double rmt : new double[] {35, 52.5, 75}) {
                VirtualSubject subject = new VirtualSubject(type(name).withRestingThreshold(rmt), 1);
                assertThat(subject.probabilityOfMep(rmt, 50)).as("%s at %s", name, rmt).isCloseTo(0.5, within(1e-12));
                assertThat(subject.thresholdPercentMso(50)).isCloseTo(rmt, within(1e-9));
                assertThat(subject.probabilityOfMep(rmt - 5, 50)).isLessThan(0.5);
                assertThat(subject.probabilityOfMep(rmt + 5, 50)).isGreaterThan(0.5);
            }
        }
    }

    /** 40 000 seeded pulses at the RMT: the fraction of MEPs >= 50 µV is 0.5 within 4 binomial SDs (0.01). */
    @Test
    void drawnMepsMeetTheCriterionHalfTheTimeAtTheRmt() throws Exception {
        for (String name : List.of("typical", "noisy")) {
            VirtualSubject subject = new VirtualSubject(type(name).withRestingThreshold(60), 42);
            int hits = 0;
            int n = 40_000;
            for (int i = 0; i < n; i++) {
                if (subject.mepMicrovolts(60) >= 50) {
                    hits++;
                }
            }
            assertThat(hits / (double) n).as(name).isCloseTo(0.5, within(0.01));
        }
    }

    /** The noisy type's background alone passes 50 µV with P = 1 − Φ(ln 2 / 0.4) = 0.0416 (false positives). */
    @Test
    void theNoisySubjectHasFalsePositivesFarBelowThreshold() throws Exception {
        VirtualSubject subject = new VirtualSubject(type("noisy").withRestingThreshold(60), 3);
        assertThat(subject.probabilityOfMep(10, 50)).isCloseTo(1 - StandardNormal.cdf(Math.log(2) / 0.4), within(1e-6))
                .isCloseTo(0.0416, within(0.0005));
        int hits = 0;
        for (int i = 0; i < 20_000; i++) {
            if (subject.mepMicrovolts(10) >= 50) {
                hits++;
            }
        }
        assertThat(hits / 20_000.0).isCloseTo(0.0416, within(0.006));
    }

    @Test
    void aHigherCriterionHasAHigherThresholdWithProbabilityOneHalf() throws Exception {
        VirtualSubject subject = new VirtualSubject(type("typical").withRestingThreshold(50), 1);
        double amt200 = subject.thresholdPercentMso(200);
        // d_200 − d_50 = k·ln((200/2800)/(50/2950)) = 4·ln(4.214...) = 5.754 %MSO; the background is negligible here
        assertThat(amt200 - 50).isCloseTo(4 * Math.log((200.0 / 2800) / (50.0 / 2950)), within(1e-6));
        assertThat(subject.probabilityOfMep(amt200, 200)).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void theSameSeedGivesTheSameMepsAndAnotherSeedOthers() throws Exception {
        SubjectParameters typical = type("typical");
        VirtualSubject a = new VirtualSubject(typical, 99);
        VirtualSubject b = new VirtualSubject(typical, 99);
        VirtualSubject c = new VirtualSubject(typical, 100);
        boolean differs = false;
        for (int i = 0; i < 50; i++) {
            double x = 40 + i % 20;
            double mep = a.mepMicrovolts(x);
            assertThat(b.mepMicrovolts(x)).isEqualTo(mep);
            differs |= c.mepMicrovolts(x) != mep;
        }
        assertThat(differs).isTrue();
        assertThat(a.pulses()).isEqualTo(50);
    }

    @Test
    void theRecruitmentCurveRisesToItsPlateauAboveTheBackground() throws Exception {
        VirtualSubject subject = new VirtualSubject(type("typical").withRestingThreshold(50), 1);
        assertThat(subject.medianCurveMicrovolts(100)).isCloseTo(3000, within(1.0));
        assertThat(subject.medianCurveMicrovolts(50)).isCloseTo(50, within(10.0));
        double quiet = 0;
        for (int i = 0; i < 200; i++) {
            quiet = Math.max(quiet, subject.mepMicrovolts(5));
        }
        assertThat(quiet).as("only background at 5 %MSO").isLessThan(50);
    }

    @Test
    void invalidFilesAreReportedWithFileLineAndField() {
        String text = "name: broken\nrestingThresholdPercentMso: 50\nmaxAmplitudeMicrovolts: 3000\nslopePercentMso: -1\n"
                + "thresholdJitterFraction: 0.07\nbackgroundNoiseMicrovolts: 60\nbackgroundNoiseLogSd: 0.3\ncolour: blue\n";
        InvalidFileException e = catchThrowableOfType(() -> SubjectParameters.parse("simulator/subjects/broken.yaml", text),
                InvalidFileException.class);
        assertThat(e.errors()).extracting(ValidationError::field)
                .contains("slopePercentMso", "backgroundNoiseMicrovolts", "colour");
        ValidationError slope = e.errors().stream().filter(err -> "slopePercentMso".equals(err.field())).findFirst()
                .orElseThrow();
        assertThat(slope.location().file()).isEqualTo("simulator/subjects/broken.yaml");
        assertThat(slope.location().line()).isEqualTo(4);
        assertThat(slope.toString()).contains("simulator/subjects/broken.yaml").contains("slopePercentMso");
    }

    @Test
    void gaussianInverseIsTheInverseOfTheCdf() {
        for (double p : new double[] {0.01, 0.3, 0.5, 0.5238, 0.99}) {
            assertThat(StandardNormal.cdf(StandardNormal.inverseCdf(p))).isCloseTo(p, within(1e-13));
        }
        assertThat(StandardNormal.cdf(1.0)).isCloseTo(0.8413447460685429, within(1e-15));
    }
}
