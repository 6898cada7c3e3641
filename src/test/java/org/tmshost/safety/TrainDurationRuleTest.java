package org.tmshost.safety;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tmshost.yaml.InvalidFileException;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tmshost.safety.Fixtures.*;

/**
 * rossi2009.train-duration and rossi2009.outside-table. The expected limits are typed in here from
 * envelope-rules.md, not read from the data file, so a wrong cell in the file fails a test.
 */
@Tag("unit")
class TrainDurationRuleTest {
    private static final String RULE = "rossi2009.train-duration";
    private static final String OUTSIDE = "rossi2009.outside-table";

    /** RMT 50 puts c% RMT at exactly c/2 %MSO, so each case sits exactly in its column. */
    @ParameterizedTest(name = "{0} Hz, {1}% RMT: {3} pulses ({2} s) allowed, one more is not")
    @CsvSource({
            "1, 90, 1800, 1800", "1, 100, 1800, 1800", "1, 110, 1800, 1800", "1, 120, 360, 360", "1, 130, 50, 50",
            "5, 90, 10, 50", "5, 100, 10, 50", "5, 110, 10, 50", "5, 120, 10, 50", "5, 130, 10, 50",
            "10, 90, 5, 50", "10, 100, 5, 50", "10, 110, 5, 50", "10, 120, 4.2, 42", "10, 130, 2.9, 29",
            "20, 90, 2.05, 41", "20, 100, 2.05, 41", "20, 110, 1.6, 32", "20, 120, 1.0, 20", "20, 130, 0.55, 11",
            "25, 90, 1.28, 32", "25, 100, 1.28, 32", "25, 110, 0.84, 21", "25, 120, 0.4, 10", "25, 130, 0.24, 6"})
    void allowsATrainEqualToEveryTableLimitAndAsksOverrideOnePulseLonger(String hz, int percentRmt, String limit,
                                                                          int pulsesAtLimit) {
        String intensity = percentRmt + "% RMT";
        Verdict atLimit = check(rtms(hz, pulsesAtLimit, 1, "0", intensity), emg(50));
        assertThat(findings(atLimit, RULE)).isEmpty();
        assertThat(findings(atLimit, OUTSIDE)).isEmpty();

        Verdict over = check(rtms(hz, pulsesAtLimit + 1, 1, "0", intensity), emg(50));
        assertThat(finding(over, RULE)).get().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.NEEDS_OVERRIDE);
            assertThat(f.message()).contains("the " + limit.replaceAll("\\.0$", "") + " s limit",
                    "row " + hz + " Hz", "column " + percentRmt + "% RMT");
            assertThat(f.citation()).contains("Rossi", "[R]");
        });
        assertThat(over.level()).isEqualTo(Severity.NEEDS_OVERRIDE);
    }

    @Test
    void allows20HzTrainOfExactly1point6sAt110PercentRmt() {
        assertThat(findings(check(rtms("20", 32, 1, "0", "110% RMT"), emg(50)), RULE)).isEmpty();
    }

    @Test
    void rejects20HzTrainLongerThan1point6sAt110PercentRmt() {
        Verdict verdict = check(rtms("20", 33, 1, "0", "110% RMT"), emg(50));
        assertThat(finding(verdict, RULE)).get().satisfies(f -> assertThat(f.message())
                .contains("1.65 s", "33 pulses", "20 Hz", "110% RMT", "1.6 s limit", "row 20 Hz, column 110% RMT"));
    }

    @Test
    void uses20HzRowFor15HzTrain() {
        // 20 Hz row at 110%: 1.6 s; the 10 Hz row would allow 5 s.
        assertThat(findings(check(rtms("15", 24, 1, "0", "110% RMT"), emg(50)), RULE)).isEmpty();
        assertThat(finding(check(rtms("15", 25, 1, "0", "110% RMT"), emg(50)), RULE)).get()
                .satisfies(f -> assertThat(f.message()).contains("row 20 Hz", "1.6 s limit"));
    }

    @Test
    void uses110ColumnFor105PercentRmt() {
        // RMT 40: 105% RMT = 42 %MSO exactly. The 110 column allows 1.6 s at 20 Hz; the 100 column 2.05 s.
        assertThat(findings(check(rtms("20", 32, 1, "0", "105% RMT"), emg(40)), RULE)).isEmpty();
        assertThat(finding(check(rtms("20", 33, 1, "0", "105% RMT"), emg(40)), RULE)).get()
                .satisfies(f -> assertThat(f.message()).contains("column 110% RMT", "1.6 s limit"));
    }

    @Test
    void uses1HzRowBelow1Hz() {
        // 0.5 Hz at 130% RMT: the 1 Hz row allows 50 s = 25 pulses.
        assertThat(findings(check(rtms("0.5", 25, 1, "0", "130% RMT"), emg(50)), RULE)).isEmpty();
        assertThat(finding(check(rtms("0.5", 26, 1, "0", "130% RMT"), emg(50)), RULE)).get()
                .satisfies(f -> assertThat(f.message()).contains("row 1 Hz", "column 130% RMT", "50 s limit"));
    }

    @Test
    void uses90ColumnBelow90PercentRmt() {
        assertThat(findings(check(rtms("20", 41, 1, "0", "80% RMT"), emg(50)), RULE)).isEmpty();
        assertThat(finding(check(rtms("20", 42, 1, "0", "80% RMT"), emg(50)), RULE)).get()
                .satisfies(f -> assertThat(f.message()).contains("column 90% RMT", "2.05 s limit"));
    }

    @Test
    void puts120PercentRmtAtRmt50In120ColumnNot130() {
        // 60 %MSO / 50 = exactly 120%: the 120 column allows 1.0 s at 20 Hz (the 130 column 0.55 s).
        assertThat(findings(check(rtms("20", 20, 1, "0", "120% RMT"), emg(50)), RULE)).isEmpty();
    }

    @Test
    void usesTheFlooredOutputForPercentRmt() {
        // 101% RMT at RMT 50 = 50.5 -> 50 %MSO delivered = 100% RMT: the 100 column (2.05 s), not 110 (1.6 s).
        assertThat(findings(check(rtms("20", 41, 1, "0", "101% RMT"), emg(50)), RULE)).isEmpty();
        // 120% RMT at RMT 47 = 56.4 -> 56 %MSO = 119.15% RMT: the 120 column (1.0 s at 20 Hz).
        assertThat(findings(check(rtms("20", 20, 1, "0", "120% RMT"), emg(47)), RULE)).isEmpty();
        assertThat(finding(check(rtms("20", 21, 1, "0", "120% RMT"), emg(47)), RULE)).get()
                .satisfies(f -> assertThat(f.message()).contains("column 120% RMT", "56% MSO"));
    }

    @Test
    void convertsAbsoluteAndAmtIntensitiesToPercentRmt() {
        // 55 %MSO at RMT 50 = 110% RMT.
        assertThat(finding(check(rtms("20", 33, 1, "0", "55% MSO"), emg(50)), RULE)).get()
                .satisfies(f -> assertThat(f.message()).contains("column 110% RMT"));
        // 110% AMT at AMT 50 = 55 %MSO = 110% of RMT 50.
        assertThat(finding(check(rtms("20", 33, 1, "0", "110% AMT"), emg(50.0, 50.0)), RULE)).get()
                .satisfies(f -> assertThat(f.message()).contains("column 110% RMT"));
    }

    @Test
    void reportsOneFindingForAllTrainsOfAProtocol() {
        Verdict verdict = check(rtms("20", 80, 20, "84", "90% RMT"), emg(50));
        assertThat(findings(verdict, RULE)).hasSize(1);
        assertThat(findings(verdict, RULE).get(0).message()).contains("all 20 trains");
    }

    @Test
    void asksOverrideAbove25HzAsOutsideTheTable() {
        Verdict verdict = check(rtms("30", 3, 1, "0", "90% RMT"), emg(50));
        assertThat(finding(verdict, OUTSIDE)).get().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.NEEDS_OVERRIDE);
            assertThat(f.message()).contains("30 Hz", "25 Hz");
        });
        assertThat(findings(verdict, RULE)).isEmpty();
        assertThat(verdict.level()).isEqualTo(Severity.NEEDS_OVERRIDE);
    }

    @Test
    void asksOverrideAbove130PercentRmtAsOutsideTheTable() {
        // 132% RMT at RMT 50 = 66 %MSO.
        assertThat(finding(check(rtms("1", 1, 1, "0", "132% RMT"), emg(50)), OUTSIDE)).get()
                .satisfies(f -> assertThat(f.message()).contains("132% RMT", "130% RMT"));
        assertThat(findings(check(rtms("25", 6, 1, "0", "130% RMT"), emg(50)), OUTSIDE)).isEmpty();
        assertThat(findings(check(rtms("25", 6, 1, "0", "130% RMT"), emg(50)), RULE)).isEmpty();
    }

    @Test
    void appliesToRtmsOnlyNotToThetaBurst() {
        // a 60 s cTBS train at 50 Hz intra-burst would be far outside the table if it were rTMS
        Verdict verdict = check(tbs(300, 1, "0", "80% RMT"), emg(50));
        assertThat(findings(verdict, RULE)).isEmpty();
        assertThat(findings(verdict, OUTSIDE)).isEmpty();
    }

    @Test
    void shortensEveryLimitByChen1997MarginWhenThePolicyAsks(@TempDir Path dir) throws InvalidFileException {
        SafetyEnvelope envelope = withPolicy(dir, "chen1997Margin: false", "chen1997Margin: true");
        // 20 Hz, 110% RMT: 1.6 s x 0.75 = 1.2 s = 24 pulses.
        assertThat(findings(envelope.check(rtms("20", 24, 1, "0", "110% RMT"), emg(50), simulator(), NO_HISTORY), RULE))
                .isEmpty();
        Verdict over = envelope.check(rtms("20", 25, 1, "0", "110% RMT"), emg(50), simulator(), NO_HISTORY);
        assertThat(finding(over, RULE)).get().satisfies(f -> {
            assertThat(f.message()).contains("1.2 s limit", "0.75");
            assertThat(f.citation()).contains("Rossi", "Chen");
        });
        // the bundled policy has no margin: 25 pulses (1.25 s) pass
        assertThat(findings(check(rtms("20", 25, 1, "0", "110% RMT"), emg(50)), RULE)).isEmpty();
    }
}
