package org.tmshost.record;

import org.tmshost.testing.TestStores;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.tmshost.protocol.ProtocolFiles;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Pulse places from a recorded protocol, the spreadsheet guard and the CSV table (docs/exports.md). */
@Tag("unit")
class ExportTablesTest {
    private static final String PAIRED = """
            name: SICI
            kind: paired-pulse
            interStimulusIntervalMs: 2.5
            conditioningIntensity: 80% RMT
            testIntensity: 120% RMT
            pairs: 4
            interPairIntervalSeconds: 5
            """;
    private static final String QUADRIPULSE = """
            name: QPS-5
            kind: quadripulse
            pulsesPerBurst: 4
            interPulseIntervalMs: 5
            burstPeriodSeconds: 5
            bursts: 3
            intensity: 90% AMT
            """;
    private static final String RTMS = """
            name: 1 Hz
            kind: rtms
            frequencyHz: 1
            pulsesPerTrain: 5
            trains: 3
            interTrainIntervalSeconds: 2
            intensity: 100% RMT
            """;

    private static PulsePlaces places(String text, int firstPulse) throws Exception {
        return new PulsePlaces(Optional.of(ProtocolFiles.parse("t.yaml", text)), List.of(), firstPulse);
    }

    @Test
    void pairedPulsesCarryTheirPairAndQuadripulsesTheirBurst() throws Exception {
        PulsePlaces pp = places(PAIRED, 0);
        for (int p = 0; p < 8; p++) {
            assertThat(pp.of(p)).isEqualTo(new PulsePlace(p, Optional.of(0), Optional.empty(), Optional.of(p / 2)));
        }
        PulsePlaces qps = places(QUADRIPULSE, 0);
        for (int p = 0; p < 12; p++) {
            assertThat(qps.of(p)).isEqualTo(new PulsePlace(p, Optional.of(0), Optional.of(p / 4), Optional.empty()));
        }
        assertThat(qps.of(12)).as("past the plan").isEqualTo(PulsePlace.unknown(12));
    }

    /** A continuation's pulse 0 is its treatment's pulse firstPulse: trains count in the treatment's plan. */
    @Test
    void aContinuationCountsItsPulsesInTheTreatmentsPlan() throws Exception {
        PulsePlaces continued = places(RTMS, 7);
        assertThat(continued.of(0)).isEqualTo(new PulsePlace(7, Optional.of(1), Optional.empty(), Optional.empty()));
        assertThat(continued.of(3)).isEqualTo(new PulsePlace(10, Optional.of(2), Optional.empty(), Optional.empty()));
    }

    /** A recorded protocol a stricter parser refuses still exports: trains from the trains table, no burst. */
    @Test
    void anUnreadableProtocolFallsBackToTheTrainsTable() {
        List<TrainRow> trains = List.of(new TrainRow(0, 0, 3, 0), new TrainRow(1, 3, 3, 2_000_000_000L));
        PulsePlaces fallback = new PulsePlaces(Optional.empty(), trains, 0);
        assertThat(fallback.of(2).train()).contains(0);
        assertThat(fallback.of(3).train()).contains(1);
        assertThat(fallback.of(6).train()).isEmpty();
        assertThat(new PulsePlaces(Optional.empty(), trains, 4).of(0))
                .as("a continuation's trains table counts from its own pulse 0: no train rather than a wrong one")
                .isEqualTo(PulsePlace.unknown(4));
    }

    @Test
    void aFormulaInRecordTextIsGuardedAndTheGuardIsReversible() {
        for (String formula : new String[]{"=1+2", "+1", "-1", "@SUM(A1)", "\tx", "\rx"}) {
            assertThat(SpreadsheetText.guarded(formula)).as(formula).isEqualTo("'" + formula);
        }
        assertThat(SpreadsheetText.guarded("'=x")).isEqualTo("''=x"); // one apostrophe dropped restores it
        assertThat(SpreadsheetText.guarded("s-01")).isEqualTo("s-01");
        assertThat(SpreadsheetText.guarded("")).isEmpty();
    }

    @Test
    void numbersAreNeverGuardedAndMissingValuesAreEmptyCells() throws Exception {
        CsvTable table = new CsvTable(List.of("lateness_us", "subject", "burst_index", "confirmed"));
        table.add(Arrays.asList(new BigDecimal("-12.500"), "-p1", null, false));
        String csv = table.text();
        assertThat(csv).isEqualTo("lateness_us,subject,burst_index,confirmed\n-12.500,\"'-p1\",,false\n");
        List<Map<String, String>> rows = new ArrayList<>();
        try (MappingIterator<Map<String, String>> it = new CsvMapper().readerFor(Map.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(csv)) {
            it.forEachRemaining(rows::add);
        }
        assertThat(rows).containsExactly(Map.of("lateness_us", "-12.500", "subject", "'-p1", "burst_index", "",
                "confirmed", "false"));
    }

    /** A subject with sessions but none with pulses still gives R and pandas the columns. */
    @Test
    void aTableWithoutRowsStillHasItsHeader() {
        assertThat(new CsvTable(List.of("session", "pulse_index")).text()).isEqualTo("session,pulse_index\n");
    }
}
