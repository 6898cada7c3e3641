package org.tmshost.protocol;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.tmshost.yaml.InvalidFileException;
import org.tmshost.yaml.ValidationError;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

@Tag("unit")
class ProtocolFilesTest {
    private static final String RTMS = """
            name: M1 10 Hz
            kind: rtms
            frequencyHz: 10
            pulsesPerTrain: 100
            trains: 20
            interTrainIntervalSeconds: 50
            intensity: 80% RMT
            citation: Lefaucheur 2020
            """;

    private static InvalidFileException failure(String text) {
        return catchThrowableOfType(InvalidFileException.class, () -> ProtocolFiles.parse("p.yaml", text));
    }

    @Test
    void readsTheContractsRtmsExample() throws InvalidFileException {
        Rtms rtms = (Rtms) ProtocolFiles.parse("p.yaml", RTMS);
        assertThat(rtms.frequencyHz()).isEqualByComparingTo("10");
        assertThat(rtms.pulseCount()).isEqualTo(2000);
        assertThat(rtms.interTrainIntervalSeconds()).isEqualByComparingTo("50");
        assertThat(rtms.citation()).isEqualTo("Lefaucheur 2020");
    }

    @Test
    void namesFileLineColumnFieldValueAndExpectationForAWrongType() {
        InvalidFileException e = failure(RTMS.replace("frequencyHz: 10", "frequencyHz: fast"));
        ValidationError error = e.errors().get(0);
        assertThat(error.location().file()).isEqualTo("p.yaml");
        assertThat(error.location().line()).isEqualTo(3);
        assertThat(error.location().column()).isEqualTo(14);
        assertThat(error.field()).isEqualTo("frequencyHz");
        assertThat(error.value()).isEqualTo("\"fast\"");
        assertThat(error.toString()).isEqualTo("p.yaml:3:14: field 'frequencyHz' = \"fast\": a number greater than 0 and at most 100");
    }

    @Test
    void rejectsUnknownFieldsListingTheKnownOnes() {
        InvalidFileException e = failure(RTMS + "frequencyHZ: 10\n");
        assertThat(e.errors()).singleElement().satisfies(error -> {
            assertThat(error.field()).isEqualTo("frequencyHZ");
            assertThat(error.location().line()).isEqualTo(9);
            assertThat(error.expected()).contains("not a known field").contains("frequencyHz");
        });
    }

    @Test
    void reportsEveryMissingFieldAtOnce() {
        InvalidFileException e = failure("name: x\nkind: rtms\n");
        assertThat(e.errors()).extracting(ValidationError::field)
                .containsExactly("frequencyHz", "pulsesPerTrain", "trains", "intensity");
    }

    @Test
    void rejectsNanNegativeZeroAndAbsurdValues() {
        assertThat(failure(RTMS.replace("frequencyHz: 10", "frequencyHz: .nan")).errors().get(0).field()).isEqualTo("frequencyHz");
        assertThat(failure(RTMS.replace("frequencyHz: 10", "frequencyHz: -1")).getMessage()).contains("greater than 0");
        assertThat(failure(RTMS.replace("frequencyHz: 10", "frequencyHz: 0")).getMessage()).contains("frequencyHz");
        assertThat(failure(RTMS.replace("pulsesPerTrain: 100", "pulsesPerTrain: 1000000000")).getMessage())
                .contains("pulsesPerTrain").contains("from 1 to 10000");
        assertThat(failure(RTMS.replace("trains: 20", "trains: 2.5")).getMessage()).contains("whole number");
        assertThat(failure(RTMS.replace("pulsesPerTrain: 100", "pulsesPerTrain: 10000").replace("trains: 20", "trains: 11"))
                .getMessage()).contains("at most 100000 pulses");
    }

    @Test
    void aQuotedNumberIsTextNotANumber() {
        assertThat(failure(RTMS.replace("frequencyHz: 10", "frequencyHz: \"10\"")).getMessage()).contains("a number");
    }

    @Test
    void rejectsBadIntensitiesAndKinds() {
        assertThat(failure(RTMS.replace("80% RMT", "80% RNT")).errors().get(0).field()).isEqualTo("intensity");
        assertThat(failure(RTMS.replace("kind: rtms", "kind: tbs")).getMessage()).contains("rtms | theta-burst");
    }

    @Test
    void multipleTrainsNeedAnOffTime() {
        assertThat(failure(RTMS.replace("interTrainIntervalSeconds: 50\n", "")).getMessage())
                .contains("interTrainIntervalSeconds").contains("missing");
    }

    @Test
    void burstsMustFitInsideTheirPeriod() {
        String text = """
                name: bad tbs
                kind: theta-burst
                pulsesPerBurst: 5
                intraBurstFrequencyHz: 20
                burstFrequencyHz: 5
                burstsPerTrain: 10
                trains: 1
                intensity: 80% AMT
                """;
        assertThat(failure(text).getMessage()).contains("intraBurstFrequencyHz").contains("overlap");
    }

    @Test
    void duplicateKeysAndBrokenYamlAreReportedWithALine() {
        assertThat(failure(RTMS + "trains: 3\n").getMessage()).contains("p.yaml:9").contains("twice");
        assertThat(failure("name: [unclosed\n").getMessage()).startsWith("p.yaml:").contains("not valid YAML");
        assertThat(failure("").getMessage()).contains("empty");
        assertThat(failure("- a\n- b\n").getMessage()).contains("expected a mapping");
    }

    @Test
    void readsASequenceAndRejectsTimesThatGoBackwards() throws InvalidFileException {
        String text = """
                name: custom
                kind: sequence
                pulses:
                  - {atSeconds: 0, intensity: 50% MSO}
                  - {atSeconds: 0.25, intensity: 110% RMT}
                """;
        PulseSequence sequence = (PulseSequence) ProtocolFiles.parse("s.yaml", text);
        assertThat(sequence.pulses()).hasSize(2);
        assertThat(sequence.pulses().get(1).atSeconds()).isEqualByComparingTo(new BigDecimal("0.25"));
        InvalidFileException e = failure(text.replace("0.25", "0"));
        assertThat(e.errors()).singleElement().satisfies(error -> {
            assertThat(error.field()).isEqualTo("pulses[1].atSeconds");
            assertThat(error.location().line()).isEqualTo(5);
        });
    }

    @Test
    void everyBuiltInProtocolParsesAndHasACitation() {
        assertThat(ProtocolLibrary.names()).contains("itbs", "ctbs600", "ctbs300", "pctbs1200", "m1-10hz-pain",
                "m1-20hz-pain", "m1-5hz-pain", "rtms-1hz", "neurostar-10hz", "neurostar-dash", "itbs-three-d",
                "saint-session", "qps5", "qps50", "itms-1.5ms", "sici-2.5ms", "icf-12ms");
        assertThat(ProtocolLibrary.all()).allSatisfy(entry -> assertThat(entry.protocol().citation()).isNotBlank());
    }

    @Test
    void builtInDurationsMatchTheContract() {
        assertThat(duration("neurostar-10hz")).isEqualTo(2250 - 26); // 74 x 30 + 4
        assertThat(duration("itbs")).isEqualTo(192);
        assertThat(duration("ctbs600")).isEqualTo(40);
        assertThat(duration("ctbs300")).isEqualTo(20);
        assertThat(duration("pctbs1200")).isEqualTo(80);
        assertThat(duration("saint-session")).isEqualTo(592);
        assertThat(duration("itms-1.5ms")).isEqualTo(900);
    }

    private static long duration(String name) {
        return ProtocolLibrary.builtIn(name).orElseThrow().protocol().timeline().durationNanos() / 1_000_000_000L;
    }

    @Test
    void anUnderflowingFrequencyIsRefusedWithItsFieldNotAnInternalError() {
        assertThat(failure(RTMS.replace("frequencyHz: 10", "frequencyHz: 1.0e-400")).getMessage())
                .startsWith("p.yaml:3:14: field 'frequencyHz' = 1.0e-400: ").contains("at most 9 decimal places");
    }

    @Test
    void aProtocolLongerThanADayIsRefusedAtTheFieldThatMakesItSo() {
        assertThat(failure(RTMS.replace("frequencyHz: 10", "frequencyHz: 0.000000001")).getMessage())
                .startsWith("p.yaml:3:14: field 'frequencyHz' = 0.000000001: a value that makes the protocol last at "
                        + "most 86400 s (a day); with it the protocol lasts ");
        assertThat(failure(RTMS.replace("interTrainIntervalSeconds: 50", "interTrainIntervalSeconds: 3600")
                .replace("trains: 20", "trains: 30")).getMessage())
                .contains("field 'frequencyHz' = 10: ").endsWith("the protocol lasts 104700 s");
    }

    @Test
    void subNanosecondSequencesAndIntervalsAreRefusedWithTheirField() {
        assertThat(failure("name: s\nkind: sequence\npulses:\n  - {atSeconds: 0.0000000001, intensity: 50% MSO}\n"
                + "  - {atSeconds: 0.0000000002, intensity: 50% MSO}\n").getMessage())
                .startsWith("p.yaml:4:17: field 'pulses[0].atSeconds' = 0.0000000001: ");
        assertThat(failure("name: p\nkind: paired-pulse\ninterStimulusIntervalMs: 0.0000001\nconditioningIntensity: 50% MSO\n"
                + "testIntensity: 60% MSO\npairs: 2\ninterPairIntervalSeconds: 5\n").getMessage())
                .startsWith("p.yaml:3:26: field 'interStimulusIntervalMs' = 0.0000001: ").contains("at most 6 decimal places");
    }

    @Test
    void leadingZerosAreRefusedInCountsRatesAndIntensities() {
        assertThat(failure(RTMS.replace("frequencyHz: 10", "frequencyHz: 012")).getMessage())
                .startsWith("p.yaml:3:14: field 'frequencyHz' = 012: ").contains("without leading zeros");
        assertThat(failure(RTMS.replace("intensity: 80% RMT", "intensity: 080% RMT")).getMessage())
                .contains("field 'intensity' = \"080% RMT\"").contains("without leading zeros");
    }
}
