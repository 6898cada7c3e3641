package org.tmshost.cli;

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
import org.tmshost.testing.TestStores;
import org.tmshost.record.NewSession;
import org.tmshost.record.PulseRow;
import org.tmshost.record.RecordStore;
import org.tmshost.record.SessionSummaryExport;
import org.tmshost.record.TmsHome;
import org.tmshost.testing.TmsHostCli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code sessions export}: one session as before, a subject's sessions tidy for R and pandas, a summary. */
@Tag("unit")
class SessionsExportCommandTest {
    private static final String RTMS = """
            name: 1 Hz
            kind: rtms
            frequencyHz: 1
            pulsesPerTrain: 2
            trains: 2
            interTrainIntervalSeconds: 1
            intensity: 100% RMT
            """;
    private static final Instant MORNING = Instant.parse("2026-05-04T08:00:00Z");

    @TempDir
    Path home;
    private TmsHostCli cli;
    private long firstOfS1;

    @BeforeEach
    void record() {
        cli = new TmsHostCli(home);
        try (RecordStore store = TestStores.open(TmsHome.resolve().database())) {
            firstOfS1 = session(store, "S1", 3, MORNING);
            session(store, "s2", 2, MORNING.plusSeconds(600));
            session(store, "s1", 4, MORNING.plusSeconds(3600));
        }
    }

    /** A session of {@code pulses} pulses of RTMS, 1 ms late each, at 50% MSO. */
    private static long session(RecordStore store, String subject, int pulses, Instant at) {
        long id = store.createSession(new NewSession(subject, "op1", "1hz", RTMS, "simulator", "p", "e",
                "sim:simulator", true, "PASS", 4), at);
        store.recordStart(id, 0, at);
        List<PulseRow> rows = new ArrayList<>();
        for (int i = 0; i < pulses; i++) {
            long planned = (i / 2) * 3_000_000_000L + (i % 2) * 1_000_000_000L;
            rows.add(new PulseRow(i, planned, planned + 1_000_000, 50, 0));
        }
        store.appendPulses(id, rows);
        store.endSession(id, "RUNNING", pulses == 4 ? "COMPLETED" : "ABORTED", "test", "op1", at.plusSeconds(10));
        return id;
    }

    @AfterEach
    void restore() {
        cli.close();
    }

    private static List<Map<String, String>> csv(String text) throws Exception {
        List<Map<String, String>> rows = new ArrayList<>();
        try (MappingIterator<Map<String, String>> it = new CsvMapper().readerFor(Map.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(text)) {
            it.forEachRemaining(rows::add);
        }
        return rows;
    }

    @Test
    void aSubjectsExportHoldsEveryPulseOfItsSessionsAndNoOtherSubjects() throws Exception {
        assertThat(cli.run("", "sessions", "export", "--subject", " S1 ", "--format", "csv")).as(cli.err()).isZero();
        List<Map<String, String>> rows = csv(cli.out());
        assertThat(rows).hasSize(7).allSatisfy(r -> assertThat(r.get("subject")).isEqualTo("s1"));
        assertThat(rows).extracting(r -> r.get("session")).containsExactly("1", "1", "1", "3", "3", "3", "3");
        assertThat(rows).extracting(r -> r.get("train_index")).containsExactly("0", "0", "1", "0", "0", "1", "1");
        assertThat(rows).extracting(r -> r.get("lateness_us")).containsOnly("1000.000");
        assertThat(rows.get(3).get("wall_clock")).isNotEmpty();

        assertThat(cli.run("", "sessions", "export", "--subject", "s1", "--format", "json")).isZero();
        JsonNode sessions = new ObjectMapper().readTree(cli.out());
        assertThat(sessions.isArray()).isTrue();
        assertThat(sessions).extracting(s -> s.get("id").asLong()).containsExactly(firstOfS1, 3L);
        assertThat(sessions.get(1).get("pulses")).hasSize(4);
    }

    @Test
    void theSummaryHasOneRowPerSession() throws Exception {
        Path out = home.resolve("s1.csv");
        assertThat(cli.run("", "sessions", "export", "--subject", "s1", "--format", "csv", "--summary", "--output",
                out.toString())).as(cli.err()).isZero();
        List<Map<String, String>> rows = csv(Files.readString(out));
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).keySet()).containsExactlyElementsOf(SessionSummaryExport.COLUMNS);
        assertThat(rows).extracting(r -> r.get("delivered_pulses")).containsExactly("3", "4");
        assertThat(rows).extracting(r -> r.get("session_state")).containsExactly("ABORTED", "COMPLETED");
        assertThat(rows).extracting(r -> r.get("lateness_max_us")).containsOnly("1000.000");
        assertThat(cli.run("", "sessions", "export", "--subject", "s1", "--format", "json", "--summary")).isZero();
        assertThat(new ObjectMapper().readTree(cli.out())).extracting(s -> s.get("deliveredPulses").asInt())
                .containsExactly(3, 4);
    }

    /** The single-session export keeps its shape: an object whose pulses keep their ns fields beside the µs. */
    @Test
    void oneSessionsJsonIsStillOneObjectWithItsEarlierFields() throws Exception {
        assertThat(cli.run("", "sessions", "export", "1", "--format", "json")).isZero();
        JsonNode s = new ObjectMapper().readTree(cli.out());
        assertThat(s.get("id").asLong()).isEqualTo(firstOfS1);
        JsonNode pulse = s.get("pulses").get(1);
        assertThat(pulse.get("plannedNanos").asLong()).isEqualTo(1_000_000_000L);
        assertThat(pulse.get("plannedMicros").decimalValue()).isEqualByComparingTo("1000000");
        assertThat(pulse.get("latenessMicros").decimalValue()).isEqualByComparingTo("1000");
    }

    @Test
    void anUnknownSubjectOrAnAmbiguousRequestIsBadInput() {
        assertThat(cli.run("", "sessions", "export", "--subject", "sl", "--format", "csv")).isEqualTo(2);
        assertThat(cli.err()).contains("no session is recorded for subject \"sl\"").contains("\"s1\"");
        assertThat(cli.out()).isEmpty();
        assertThat(cli.run("", "sessions", "export", "1", "--subject", "s1", "--format", "csv")).isEqualTo(2);
        assertThat(cli.err()).contains("not both");
        assertThat(cli.run("", "sessions", "export", "--format", "csv")).isEqualTo(2);
        assertThat(cli.err()).contains("give a session ID or --subject SUBJECT");
        assertThat(cli.run("", "sessions", "export", "--subject", "s 1", "--format", "csv")).isEqualTo(2);
        assertThat(cli.err()).contains("space");
        assertThat(cli.run("", "sessions", "export", "1", "--format", "csv", "--output",
                home.resolve("no-such-dir/x.csv").toString())).isEqualTo(2);
        assertThat(cli.err()).contains("--output").contains("no-such-dir").contains("its directory does not exist");
    }
}
