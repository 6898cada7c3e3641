package org.tmshost.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tmshost.testing.TestStores;
import org.tmshost.console.LocalTimes;
import org.tmshost.record.RecordStore;
import org.tmshost.record.TmsHome;
import org.tmshost.report.CourseScenario;
import org.tmshost.testing.RecordedMeasurements;
import org.tmshost.testing.RecordedMeasurements.Attachment;
import org.tmshost.testing.TmsHostCli;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code excitability show SUBJECT [--json]} and {@code excitability show --measurement ID [--json]}
 * on a home whose record holds {@link RecordedMeasurements}: a course's subject measured before the
 * course (session 1) and after it (session 10), a recruitment curve, and a measurement stopped early.
 */
@Tag("unit")
class ExcitabilityShowCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SUBJECT = CourseScenario.SUBJECT;
    private static final Instant BEFORE = Instant.parse("2026-12-07T08:30:00Z");
    private static final Instant AFTER = Instant.parse("2026-12-21T10:00:00Z");
    private static final Instant LATER = Instant.parse("2026-12-22T09:00:00Z");

    @TempDir
    Path home;

    private TmsHostCli cli;
    private long before;
    private long after;
    private long recruitment;
    private long stopped;
    private String beforeJson;

    @BeforeEach
    void aSubjectMeasuredAcrossACourse() throws Exception {
        cli = new TmsHostCli(home);
        try (RecordStore store = TestStores.open(TmsHome.resolve().database())) {
            new CourseScenario(store).run(10, CourseScenario.TARGET, "none");
            long course = store.course(CourseScenario.NAME).orElseThrow().id();
            var measurements = new RecordedMeasurements(store).spike(3);
            before = measurements.pairedPulse(new Attachment(SUBJECT, BEFORE, Optional.of(course), Optional.of(1), true),
                    10, 1000, Map.of("sici-2", 0.8, "sici-3", 0.85, "icf-10", 1.3, "icf-12", 1.25), 7);
            measurements.spike(-1);
            after = measurements.pairedPulse(new Attachment(SUBJECT, AFTER, Optional.of(course), Optional.of(10), false),
                    10, 1200, Map.of("sici-2", 0.5, "sici-3", 0.55, "icf-10", 1.4, "icf-12", 1.35), 8);
            recruitment = measurements.recruitment(Attachment.alone(SUBJECT, LATER), 8, 9);
            stopped = measurements.stopped(Attachment.alone(SUBJECT, LATER.plusSeconds(3600)), 10, 7, "STOPPED", 10);
            beforeJson = store.measurement(before).orElseThrow().resultsJson().orElseThrow();
        }
    }

    @AfterEach
    void closeCli() {
        cli.close();
    }

    private static String at(Instant instant) {
        return LocalTimes.ofSystem().of(instant);
    }

    /** A condition's ratio as the measurement's results JSON (MeasurementJson) records it. */
    private static double recordedRatio(String json, String condition) throws Exception {
        for (var c : JSON.readTree(json).path("conditions")) {
            if (c.path("name").asText().equals(condition)) {
                return c.path("ratio").asDouble();
            }
        }
        throw new AssertionError("no condition " + condition + " in " + json);
    }

    private static String ratio(String json, String condition) throws Exception {
        return String.format(Locale.ROOT, "%.2f", recordedRatio(json, condition));
    }

    @Test
    void listsTheSubjectsMeasurementsNewestFirstWithTheirRecordedResults() throws Exception {
        assertThat(cli.run("", "excitability", "show", SUBJECT)).as(cli.err()).isZero();
        String out = cli.out();
        List<String> heads = out.lines().filter(l -> !l.startsWith(" ") && !l.startsWith("ID")).toList();
        assertThat(heads).hasSize(4);
        assertThat(heads.get(0)).startsWith(stopped + " ").contains(at(LATER.plusSeconds(3600)), "paired-pulse", "7/50",
                "STOPPED", "SIMULATION");
        assertThat(heads.get(1)).startsWith(recruitment + " ").contains("recruitment", "56/56", "COMPLETED");
        assertThat(heads.get(2)).startsWith(after + " ").contains(at(AFTER), "50/50", "COMPLETED",
                "magstim-bistim-lab serial:/dev/ttyUSB0?profile=magstim-bistim", "course pain-2026-07 session 10")
                .doesNotContain("SIMULATION");
        assertThat(heads.get(3)).startsWith(before + " ").contains(at(BEFORE), "sim:magstim-bistim",
                "course pain-2026-07 session 1", "SIMULATION");
        assertThat(out).contains("      test,sici-2,sici-3,icf-10,icf-12; 10 per condition; RMT 50% MSO, conditioning 80% "
                + "RMT, test 120% RMT");
        JsonNode recorded = JSON.readTree(beforeJson);
        String sici2 = "sici-2 " + ratio(beforeJson, "sici-2") + " [" + String.format(Locale.ROOT, "%.2f, %.2f",
                recorded.at("/conditions/1/ci95/0").asDouble(), recorded.at("/conditions/1/ci95/1").asDouble()) + "]";
        assertThat(out).contains("      test " + String.format(Locale.ROOT, "%.0f",
                recorded.at("/conditions/0/meanMicrovolts").asDouble()) + " uV; " + sici2 + "; sici-3 ");
        assertThat(out).containsPattern("      Boltzmann fit: MEPmax \\d+ uV \\[\\d+, \\d+\\], S50"
                + " \\d+\\.\\d %MSO \\[[\\d.]+, [\\d.]+\\], slope \\d\\.\\d{3} /%MSO \\[[\\d.]+, [\\d.]+\\] \\(95% intervals\\)");
        assertThat(out).contains("      no results (ended STOPPED)");
    }

    @Test
    void theJsonListHoldsEachMeasurementsFieldsAndItsRecordedResultsAsAnObject() throws Exception {
        assertThat(cli.run("", "excitability", "show", "PAT-0042 ", "--json")).as(cli.err()).isZero();
        JsonNode list = JSON.readTree(cli.out());
        assertThat(list).hasSize(4);
        JsonNode b = list.get(3);
        assertThat(b.path("id").asLong()).isEqualTo(before);
        assertThat(b.path("subject").asText()).isEqualTo(SUBJECT);
        assertThat(b.path("startedAt").asText()).isEqualTo(BEFORE.toString());
        assertThat(b.path("kind").asText()).isEqualTo("paired-pulse");
        assertThat(b.path("trialsGiven").asInt()).isEqualTo(50);
        assertThat(b.path("trialsPlanned").asInt()).isEqualTo(50);
        assertThat(b.path("outcome").asText()).isEqualTo("COMPLETED");
        assertThat(b.path("simulated").asBoolean()).isTrue();
        assertThat(b.path("course").asText()).isEqualTo(CourseScenario.NAME);
        assertThat(b.path("courseSession").asInt()).isEqualTo(1);
        assertThat(b.path("results").isObject()).isTrue();
        assertThat(b.path("results")).isEqualTo(JSON.readTree(beforeJson));
        assertThat(b.at("/ratios/0/condition").asText()).isEqualTo("sici-2");
        assertThat(b.at("/ratios/0/ratio").asDouble()).isEqualTo(recordedRatio(beforeJson, "sici-2"));
        assertThat(b.at("/ratios/0/ci95")).isEqualTo(JSON.readTree(beforeJson).at("/conditions/1/ci95"));
        assertThat(b.path("testMeanMicrovolts").asDouble()).isEqualTo(JSON.readTree(beforeJson)
                .at("/conditions/0/meanMicrovolts").asDouble());
        assertThat(list.get(1).at("/fit/mepMaxMicrovolts").isNumber()).isTrue();
        assertThat(list.get(0).path("results").isNull()).isTrue();
        assertThat(list.get(0).path("trialsGiven").asInt()).isEqualTo(7);
        assertThat(list.get(2).path("simulated").asBoolean()).isFalse();
    }

    @Test
    void oneMeasurementInFullGivesTheRecordedTableEveryTrialWithItsOutlierFlagAndTheRecordsStanding() throws Exception {
        assertThat(cli.run("", "excitability", "show", "--measurement", String.valueOf(before))).as(cli.err()).isZero();
        String out = cli.out();
        assertThat(out).startsWith("measurement " + before + "  paired-pulse  SIMULATION")
                .contains("  record         verified", "  trials         50 / 50", "  MEPs from      virtual:typical",
                        "  course         course pain-2026-07 session 1", "  intervals      every 5 s + up to 1.5 s jitter, seed 7");
        JsonNode recorded = JSON.readTree(beforeJson);
        assertThat(out).containsPattern("  sici-2          2 +60 +10 +\\d+ +\\d+ +" + ratio(beforeJson, "sici-2")
                .replace(".", "\\.") + "  \\[");
        // trial 4 read four times its condition's MEP: flagged, and kept
        String trial4 = out.lines().filter(l -> l.matches("\\s+4\\s+1\\s+.*")).findFirst().orElseThrow();
        assertThat(trial4).endsWith("outlier");
        assertThat(out.lines().filter(l -> l.matches("\\s+\\d+ .*outlier")).count()).isEqualTo(recordedOutliers(recorded));
        assertThat(out.lines().filter(l -> l.matches("\\s+\\d+\\s+\\d+\\s+(test|sici-\\d|icf-\\d+) .*")).count()).isEqualTo(50);
        assertThat(out).containsPattern("\\s+\\d+\\s+\\d+  sici-2\\s+40\\s+60\\s+2\\s+\\d+\\.\\d");
        assertThat(out).containsPattern("\\s+\\d+\\s+\\d+  test\\s+-\\s+60\\s+-\\s+\\d+\\.\\d");
    }

    private static long recordedOutliers(JsonNode results) {
        long n = 0;
        for (JsonNode c : results.path("conditions")) {
            n += c.path("outlierTrials").size();
        }
        return n;
    }

    @Test
    void anEditedAmplitudeMakesTheMeasurementsRecordFail() throws Exception {
        try (Connection c = TestStores.connect(TmsHome.resolve().database());
             Statement st = c.createStatement()) {
            st.executeUpdate("UPDATE excitability_trials SET amplitude_uv = 20 WHERE measurement_id = " + after
                    + " AND trial_index = 1");
        }
        assertThat(cli.run("", "excitability", "show", "--measurement", String.valueOf(after))).isZero();
        assertThat(cli.out()).containsPattern("  record         FAILS: .+");
        assertThat(cli.run("", "excitability", "show", "--measurement", String.valueOf(after), "--json")).isZero();
        JsonNode one = JSON.readTree(cli.out());
        assertThat(one.path("recordVerifies").asBoolean()).isFalse();
        assertThat(one.path("trials")).hasSize(50);
        assertThat(one.at("/trials/1/microvolts").asDouble()).isEqualTo(20.0);
    }

    @Test
    void oneMeasurementAsJsonHasEveryTrialAndTheResultsAsRecorded() throws Exception {
        assertThat(cli.run("", "excitability", "show", "--measurement", String.valueOf(before), "--json")).isZero();
        JsonNode one = JSON.readTree(cli.out());
        assertThat(one.path("results")).isEqualTo(JSON.readTree(beforeJson));
        assertThat(one.path("recordVerifies").asBoolean()).isTrue();
        assertThat(one.at("/trials/3/trial").asInt()).isEqualTo(4);
        assertThat(one.at("/trials/3/outlier").asBoolean()).isTrue();
        assertThat(one.at("/trials/3/microvolts").asDouble())
                .isEqualTo(JSON.readTree(beforeJson).at("/trials/3/microvolts").asDouble());
    }

    /** The record is a file sqlite3 can edit: what it holds is shown escaped, never acted on by the terminal. */
    @Test
    void recordTextIsShownEscaped() throws Exception {
        try (Connection c = TestStores.connect(TmsHome.resolve().database());
             var st = c.prepareStatement("UPDATE excitability_measurements SET profile_name = ?, mep_description = ? "
                     + "WHERE id = ?")) {
            st.setString(1, "bistim\u001b[2J");
            st.setString(2, "stream\n1 2026-01-01 fake line");
            st.setLong(3, before);
            st.executeUpdate();
        }
        assertThat(cli.run("", "excitability", "show", SUBJECT)).isZero();
        assertThat(cli.out()).doesNotContain("\u001b").contains("bistim\\u001B[2J", "course pain-2026-07 session 1");
        assertThat(cli.run("", "excitability", "show", "--measurement", String.valueOf(before))).isZero();
        assertThat(cli.out()).contains("  MEPs from      stream\\u000A1 2026-01-01 fake line").doesNotContain("\u001b");
        assertThat(cli.run("", "excitability", "show", "--measurement", String.valueOf(before), "--json")).isZero();
        assertThat(JSON.readTree(cli.out()).path("mep").asText()).isEqualTo("stream\n1 2026-01-01 fake line");
    }

    @Test
    void aSubjectWithoutMeasurementsIsSaidSoAndExitsZero() throws Exception {
        assertThat(cli.run("", "excitability", "show", "Nobody-1")).isZero();
        assertThat(cli.out()).isEqualTo("no measurements for nobody-1" + System.lineSeparator());
        assertThat(cli.run("", "excitability", "show", "nobody-1", "--json")).isZero();
        assertThat(JSON.readTree(cli.out())).isEmpty();
    }

    @Test
    void aRefusedSubjectIdAnUnknownMeasurementOrNeitherIsExit2() {
        assertThat(cli.run("", "excitability", "show", "pat 0042")).isEqualTo(2);
        assertThat(cli.err()).startsWith("error: ").contains("space inside");
        assertThat(cli.out()).isEmpty();
        assertThat(cli.run("", "excitability", "show", "pat\u001b[2J")).isEqualTo(2);
        assertThat(cli.err()).startsWith("error: ").doesNotContain("\u001b");
        assertThat(cli.run("", "excitability", "show", "--measurement", "999")).isEqualTo(2);
        assertThat(cli.err()).startsWith("error: no measurement 999 in the record");
        assertThat(cli.run("", "excitability", "show")).isEqualTo(2);
        assertThat(cli.err()).contains("give a SUBJECT or --measurement ID");
        assertThat(cli.run("", "excitability", "show", SUBJECT, "--measurement", "1")).isEqualTo(2);
    }
}
