package org.tmshost.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tmshost.protocol.MotorThresholds;
import org.tmshost.protocol.ThresholdMethod;
import org.tmshost.record.PulseExport;
import org.tmshost.record.PulseRow;
import org.tmshost.record.SessionRow;
import org.tmshost.record.SessionsExport;
import org.tmshost.safety.SafetyEnvelope;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pulse export of stepped sessions read back as pandas or R would read it (a header, then
 * strings per column, empty as missing), column by column against the protocol and the record.
 */
@Tag("unit")
class PulseExportTest {
    /** Europe/Berlin leaves +01:00 for +02:00 at 01:00 UTC on 29 March 2026: the session spans it. */
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final Instant START = Instant.parse("2026-03-29T00:59:58.500Z");
    /** 12 pulses: 2 trains of 2 bursts of 3 at 50 Hz, bursts at 5 Hz, 1 s off. */
    private static final String THETA_BURST = """
            name: short TBS
            kind: theta-burst
            pulsesPerBurst: 3
            intraBurstFrequencyHz: 50
            burstFrequencyHz: 5
            burstsPerTrain: 2
            trains: 2
            interTrainIntervalSeconds: 1
            intensity: 80% RMT
            """;

    @TempDir
    Path dir;
    private SessionRig rig;

    @BeforeEach
    void rig() throws Exception {
        rig = new SessionRig(dir);
        rig.settings = rig.settings.withWallClock(InstantSource.fixed(START), BERLIN);
    }

    @AfterEach
    void close() {
        rig.close();
    }

    private SessionRow completed(String subject, String protocolName, String text) throws Exception {
        SessionRequest request = new SessionRequest(subject, "op1", protocolName, SessionRig.protocol(text), text,
                new MeasuredThresholds(MotorThresholds.of(50.0, null, ThresholdMethod.EMG), START), rig.profile,
                "sim:simulator", SafetyEnvelope.bundled());
        Session session = Session.prepare(request, rig.simulator, rig.linkWatch, rig.store, rig.settings);
        assertThat(session.arm(Confirmations.BOTH, "op1").canArm()).isTrue();
        session.start("op1");
        rig.running(session);
        assertThat(rig.end(session).state()).isEqualTo(SessionState.COMPLETED);
        return rig.row(session);
    }

    private static List<Map<String, String>> read(String csv) throws Exception {
        List<Map<String, String>> rows = new ArrayList<>();
        try (MappingIterator<Map<String, String>> it = new CsvMapper().readerFor(Map.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(csv)) {
            it.forEachRemaining(rows::add);
        }
        return rows;
    }

    private static BigDecimal us(String cell) {
        return new BigDecimal(cell);
    }

    @Test
    void everyColumnOfASteppedRtmsSessionReadsBackAsPlannedAndRecorded() throws Exception {
        SessionRow s = completed("subject-1", "test", SessionRig.PASSING);
        String csv = SessionsExport.session(rig.store, s, BERLIN).pulsesCsv();
        assertThat(csv.lines().findFirst().orElseThrow()).isEqualTo(String.join(",", PulseExport.COLUMNS));
        List<Map<String, String>> rows = read(csv);
        List<PulseRow> recorded = rig.store.pulses(s.id());
        assertThat(rows).hasSize(30).hasSameSizeAs(recorded);
        Instant startedAt = s.startedAt().orElseThrow();
        for (int i = 0; i < 30; i++) {
            Map<String, String> row = rows.get(i);
            PulseRow p = recorded.get(i);
            int train = i / 10;
            BigDecimal plannedUs = BigDecimal.valueOf(train * 1_500_000L + (i % 10) * 100_000L); // 1 s on, 0.5 s off
            assertThat(row.get("session")).isEqualTo(Long.toString(s.id()));
            assertThat(row.get("pulse_index")).isEqualTo(Integer.toString(i));
            assertThat(us(row.get("planned_us"))).as("planned %d", i).isEqualByComparingTo(plannedUs);
            assertThat(us(row.get("actual_us"))).as("actual %d", i)
                    .isEqualByComparingTo(BigDecimal.valueOf(p.actualNanos()).movePointLeft(3));
            assertThat(us(row.get("actual_us"))).isGreaterThanOrEqualTo(plannedUs); // never early (invariant 8)
            assertThat(us(row.get("lateness_us"))).isEqualByComparingTo(us(row.get("actual_us")).subtract(plannedUs));
            assertThat(row.get("output_percent_mso")).isEqualTo("40"); // 80% of RMT 50
            assertThat(row.get("channel")).isEqualTo("0");
            assertThat(row.get("confirmed")).isEqualTo(p.confirmed().map(String::valueOf).orElse(""));
            assertThat(row.get("train_index")).as("train of %d", i).isEqualTo(Integer.toString(train));
            assertThat(row.get("burst_index")).isEmpty();
            assertThat(row.get("pair_index")).isEmpty();
            assertThat(row.get("protocol_pulse_index")).isEqualTo(Integer.toString(i));
            OffsetDateTime wall = OffsetDateTime.parse(row.get("wall_clock"));
            assertThat(wall.toInstant()).isEqualTo(startedAt.plusNanos(p.actualNanos()).truncatedTo(
                    java.time.temporal.ChronoUnit.MICROS));
            assertThat(wall.getOffset()).isEqualTo(wall.toInstant().isBefore(Instant.parse("2026-03-29T01:00:00Z"))
                    ? ZoneOffset.ofHours(1) : ZoneOffset.ofHours(2));
            assertThat(row.get("subject")).isEqualTo("subject-1");
            assertThat(row.get("protocol")).isEqualTo("test");
            assertThat(row.get("session_state")).isEqualTo("COMPLETED");
            assertThat(row.get("simulation")).isEqualTo("true");
        }
        assertThat(rows).extracting(r -> r.get("wall_clock")).anyMatch(w -> w.endsWith("+01:00"))
                .anyMatch(w -> w.endsWith("+02:00"));
        assertThat(recorded).allMatch(p -> p.confirmed().isPresent()); // the simulator confirms every pulse
    }

    @Test
    void thetaBurstPulsesCarryTheirTrainAndBurstInCsvAndJsonAlike() throws Exception {
        SessionRow s = completed("subject-1", "short-tbs", THETA_BURST);
        List<Map<String, String>> rows = read(SessionsExport.session(rig.store, s, BERLIN).pulsesCsv());
        JsonNode json = new ObjectMapper().readTree(SessionsExport.session(rig.store, s, BERLIN).sessionsJson());
        JsonNode pulses = json.get("pulses");
        assertThat(rows).hasSize(12);
        assertThat(pulses).hasSize(12);
        for (int i = 0; i < 12; i++) {
            int train = i / 6;
            int burst = (i % 6) / 3;
            // pulse j of burst b of train t: t x (2 / 5 Hz + 1 s) + b / 5 Hz + j / 50 Hz
            long plannedUs = train * 1_400_000L + burst * 200_000L + (i % 3) * 20_000L;
            Map<String, String> row = rows.get(i);
            assertThat(row.get("train_index")).as("train of %d", i).isEqualTo(Integer.toString(train));
            assertThat(row.get("burst_index")).as("burst of %d", i).isEqualTo(Integer.toString(burst));
            assertThat(row.get("pair_index")).isEmpty();
            assertThat(us(row.get("planned_us"))).isEqualByComparingTo(BigDecimal.valueOf(plannedUs));
            JsonNode p = pulses.get(i);
            assertThat(p.get("trainIndex").asInt()).isEqualTo(train);
            assertThat(p.get("burstIndex").asInt()).isEqualTo(burst);
            assertThat(p.get("pairIndex").isNull()).isTrue();
            assertThat(p.get("plannedMicros").decimalValue()).isEqualByComparingTo(us(row.get("planned_us")));
            assertThat(p.get("actualMicros").decimalValue()).isEqualByComparingTo(us(row.get("actual_us")));
            assertThat(p.get("latenessMicros").decimalValue()).isEqualByComparingTo(us(row.get("lateness_us")));
            assertThat(p.get("plannedNanos").asLong()).isEqualTo(plannedUs * 1000); // kept for older scripts
            assertThat(p.get("wallClock").asText()).isEqualTo(row.get("wall_clock"));
        }
    }

    /** Text from the record is quoted as RFC 4180 asks and a spreadsheet formula is neutralised. */
    @Test
    void recordTextWithCommasQuotesLineBreaksOrAFormulaReadsBackExactlyOrGuarded() throws Exception {
        String protocolName = "left M1, \"fast\"\nrun 2";
        SessionRow s = completed("=1+2@x", protocolName, SessionRig.PASSING);
        String csv = SessionsExport.session(rig.store, s, BERLIN).pulsesCsv();
        List<Map<String, String>> rows = read(csv);
        assertThat(rows).hasSize(30);
        assertThat(rows).allSatisfy(row -> {
            assertThat(row.get("protocol")).isEqualTo(protocolName);
            assertThat(row.get("subject")).isEqualTo("'=1+2@x");
            assertThat(row.keySet()).containsExactlyElementsOf(PulseExport.COLUMNS);
        });
        assertThat(csv).contains(",\"left M1, \"\"fast\"\"\nrun 2\",");
    }
}
