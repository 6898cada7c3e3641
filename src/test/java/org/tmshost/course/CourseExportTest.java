package org.tmshost.course;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tmshost.course.ExportedCourse.SetClock;
import org.tmshost.record.RecordStore;
import org.tmshost.yaml.ContentDigest;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code course export}: tidy rows per score and per session, adverse events, the JSON (docs/exports.md). */
@Tag("unit")
class CourseExportTest {
    private static final String P = ContentDigest.sha256(ExportedCourse.PROTOCOL);
    private static final String E = ContentDigest.sha256(ExportedCourse.EDITED_PROTOCOL);
    private static final LocalDate TODAY = ExportedCourse.FOLLOW_UP_DAY;

    @TempDir
    Path dir;
    private RecordStore store;
    private final SetClock clock = new SetClock(Instant.EPOCH);

    @BeforeEach
    void open() {
        store = RecordStore.open(dir.resolve("records.db"));
    }

    @AfterEach
    void close() {
        store.close();
    }

    private CourseExport export(String protocolName, String note, LocalDate today) throws Exception {
        return CourseExport.of(store, ExportedCourse.record(store, clock, protocolName, note), today);
    }

    /** Every row of a CSV text, header first, as the cells jackson's CSV reader gives back. */
    static List<List<String>> rows(String csv) throws Exception {
        List<List<String>> rows = new ArrayList<>();
        try (MappingIterator<List<String>> it = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY)
                .readerFor(List.class).readValues(csv)) {
            it.forEachRemaining(rows::add);
        }
        return rows;
    }

    private static List<String> row(String... cells) {
        return List.of(cells);
    }

    @Test
    void theScoresTableHasARowPerScoreAndPerSessionWithoutOneWithTheSessionsFigures() throws Exception {
        List<List<String>> rows = rows(export("m1-short", "", TODAY).scoresCsv());
        assertThat(rows.get(0)).containsExactlyElementsOf(CourseExport.SCORE_COLUMNS);
        String[] s1 = {"c1", "p7", "m1-short", P, "1", "1", "2026-06-01", "COMPLETED", "4", "4", "42", "52.5", P};
        String[] s2 = {"c1", "p7", "m1-short", P, "2", "2", "2026-06-03", "COMPLETED", "4", "4", "42", "52.5", P};
        String[] s3 = {"c1", "p7", "m1-short", P, "3", "3", "2026-06-04", "COMPLETED", "4", "4", "42", "52.5", E};
        assertThat(rows.subList(1, rows.size())).containsExactly(
                join(s1, "pain-nrs", "before", "7", "points", "7", "0.00", "false"),
                join(s1, "pain-nrs", "after", "6", "points", "7", "-14.29", "false"),
                join(s1, "pain-vas", "before", "70", "mm", "70", "0.00", "false"),
                join(s1, "pain-vas", "after", "62", "mm", "70", "-11.43", "false"),
                // UTC Tuesday 22:30 is Wednesday in Berlin: the course's local day
                join(s2, "pain-nrs", "before", "6", "points", "7", "-14.29", "false"),
                join(s2, "pain-nrs", "after", "5", "points", "7", "-28.57", "false"),
                join(s3, "pain-nrs", "before", "5", "points", "7", "-28.57", "false"),
                join(s3, "pain-nrs", "after", "4", "points", "7", "-42.86", "false"),
                // session 4 was cut short and has no score; the attempt before it fired nothing and is no row
                row("c1", "p7", "m1-short", P, "4", "5", "2026-06-05", "ABORTED", "2", "4", "42", "52.5", P,
                        "", "", "", "", "", "", "true"),
                // a follow-up has no session; simulation: the course had a simulated session
                row("c1", "p7", "m1-short", P, "", "", "2026-06-18", "", "", "", "", "", "",
                        "pain-nrs", "follow-up", "3", "points", "7", "-57.14", "true"));
    }

    private static List<String> join(String[] session, String... score) {
        List<String> row = new ArrayList<>(List.of(session));
        row.addAll(List.of(score));
        return row;
    }

    @Test
    void theEventsTableHasEveryAdverseEventWithItsSessionAndWhenItWasEntered() throws Exception {
        List<List<String>> rows = rows(export("m1-short", "after the session, gone by evening", TODAY).eventsCsv());
        assertThat(rows).containsExactly(CourseExport.EVENT_COLUMNS,
                row("c1", "p7", "2026-06-02", "scalp-discomfort", "moderate", "", "", "", "op1",
                        "2026-06-02T14:00:00.000000+02:00", "true"),
                row("c1", "p7", "2026-06-03", "headache", "mild", "after the session, gone by evening", "2", "2", "op1",
                        "2026-06-03T01:00:00.000000+02:00", "false"));
    }

    /** Text a lab did not type as data (a protocol named like a formula, a note) opens as text in a spreadsheet. */
    @Test
    void aFormulaInTheProtocolNameOrANoteIsWrittenAsText() throws Exception {
        String name = "=HYPERLINK(\"http://x.invalid\",\"open\")";
        String note = "@SUM(1+1)*cmd|' /C calc'!A0";
        CourseExport export = export(name, note, TODAY);
        List<List<String>> scores = rows(export.scoresCsv());
        assertThat(scores.subList(1, scores.size())).extracting(r -> r.get(2)).containsOnly("'" + name);
        List<List<String>> events = rows(export.eventsCsv());
        assertThat(events.get(2).get(5)).isEqualTo("'" + note);
        // numbers are never guarded: a negative change stays a number
        assertThat(scores.get(2).get(18)).isEqualTo("-14.29");
        // the JSON is data, not a spreadsheet: as recorded
        JsonNode json = new ObjectMapper().readTree(export.json());
        assertThat(json.get("course").get("protocol").asText()).isEqualTo(name);
        assertThat(json.get("adverseEvents").get(1).get("note").asText()).isEqualTo(note);
    }

    @Test
    void theJsonHasThePlanTheStandingEverySessionScoreEventAndEachMeasuresSummary() throws Exception {
        JsonNode json = new ObjectMapper().readTree(export("m1-short", "", TODAY).json());
        assertThat(json.fieldNames()).toIterable().containsExactly("course", "sessions", "scores", "adverseEvents",
                "summaries", "changes");
        JsonNode course = json.get("course");
        assertThat(course.get("id").asText()).isEqualTo("c1");
        assertThat(course.get("subject").asText()).isEqualTo("p7");
        assertThat(course.get("protocolSha256").asText()).isEqualTo(P);
        assertThat(course.get("protocolText").asText()).isEqualTo(ExportedCourse.PROTOCOL);
        assertThat(course.get("plannedSessions").asInt()).isEqualTo(5);
        assertThat(course.get("schedule").asText()).isEqualTo("weekdays");
        assertThat(course.get("targetSite").asText()).isEqualTo("M1 contralateral to pain");
        assertThat(course.get("intensityRule").asText()).isEqualTo("80% RMT");
        assertThat(course.get("outcomes")).extracting(JsonNode::asText).containsExactly("pain-nrs", "pain-vas");
        assertThat(course.get("state").asText()).isEqualTo("ACTIVE");
        assertThat(course.get("simulation").asBoolean()).isTrue();
        JsonNode standing = course.get("standing");
        assertThat(standing.get("today").asText()).isEqualTo("2026-06-18");
        assertThat(standing.get("phase").asText()).isEqualTo("induction");
        assertThat(standing.get("completedSessions").asInt()).isEqualTo(3);
        assertThat(standing.get("missedSessions").asInt()).isEqualTo(9);
        assertThat(standing.get("missedDays")).extracting(JsonNode::asText).containsExactly("2026-06-02",
                "2026-06-08", "2026-06-09", "2026-06-10", "2026-06-11", "2026-06-12", "2026-06-15", "2026-06-16",
                "2026-06-17");
        assertThat(standing.get("nextDue").asText()).isEqualTo("2026-06-18");

        JsonNode sessions = json.get("sessions");
        assertThat(sessions).extracting(s -> s.get("number").asInt()).containsExactly(1, 2, 3, 4);
        assertThat(sessions).extracting(s -> s.get("sessionId").asLong()).containsExactly(1L, 2L, 3L, 5L);
        assertThat(sessions).extracting(s -> s.get("date").asText()).containsExactly("2026-06-01", "2026-06-03",
                "2026-06-04", "2026-06-05");
        assertThat(sessions).extracting(s -> s.get("deliveredPulses").asInt()).containsExactly(4, 4, 4, 2);
        assertThat(sessions).extracting(s -> s.get("done").asBoolean()).containsExactly(true, true, true, false);
        assertThat(sessions).extracting(s -> s.get("maxOutputPercentMso").asInt()).containsOnly(42);
        assertThat(sessions).extracting(s -> s.get("protocolSha256").asText()).containsExactly(P, P, E, P);
        assertThat(sessions.get(0).get("rmtPercentMso").asDouble()).isEqualTo(52.5);
        assertThat(sessions.get(1).get("startedAt").asText()).isEqualTo("2026-06-02T22:30:00Z");

        JsonNode scores = json.get("scores");
        assertThat(scores).hasSize(9);
        JsonNode followUp = scores.get(8);
        assertThat(followUp.get("phase").asText()).isEqualTo("follow-up");
        assertThat(followUp.get("value").decimalValue()).isEqualByComparingTo("3");
        assertThat(followUp.get("unit").asText()).isEqualTo("points");
        assertThat(followUp.get("sessionNumber").isNull()).isTrue();
        assertThat(followUp.get("baseline").decimalValue()).isEqualByComparingTo("7");
        assertThat(followUp.get("changeFromBaselinePercent").decimalValue()).isEqualByComparingTo("-57.14");
        assertThat(scores.get(0).get("sessionNumber").asInt()).isEqualTo(1); // entered before the session, matched by day

        assertThat(json.get("adverseEvents")).extracting(e -> e.get("kind").asText())
                .containsExactly("scalp-discomfort", "headache");
        assertThat(json.get("adverseEvents").get(1).get("sessionNumber").asInt()).isEqualTo(2);

        JsonNode nrs = json.get("summaries").get(0);
        assertThat(nrs.get("measure").asText()).isEqualTo("pain-nrs");
        assertThat(nrs.get("primary").asBoolean()).isTrue();
        assertThat(nrs.get("baseline").decimalValue()).isEqualByComparingTo("7");
        assertThat(nrs.get("latest").decimalValue()).isEqualByComparingTo("3");
        assertThat(nrs.get("latestDate").asText()).isEqualTo("2026-06-18");
        assertThat(nrs.get("changeFromBaselinePercent").decimalValue()).isEqualByComparingTo("-57.14");
        assertThat(nrs.get("improvementPercent").decimalValue()).isEqualByComparingTo("57.14");
        assertThat(nrs.get("responder30").asBoolean()).isTrue();
        assertThat(nrs.get("responder50").asBoolean()).isTrue();
        assertThat(nrs.get("mcidReached").asBoolean()).isTrue();
        JsonNode vas = json.get("summaries").get(1);
        assertThat(vas.get("primary").asBoolean()).isFalse();
        assertThat(vas.get("latest").decimalValue()).isEqualByComparingTo("62");
        assertThat(vas.get("improvementPercent").decimalValue()).isEqualByComparingTo("11.43");
        assertThat(vas.get("responder30").asBoolean()).isFalse();
        assertThat(vas.get("mcidReached").asBoolean()).isFalse(); // 8 mm, the MCID is 13

        assertThat(json.get("changes")).extracting(c -> c.get("action").asText()).startsWith("plan", "session");
    }

    /** Where the course stands is read for the day given: the export itself reads no clock. */
    @Test
    void theStandingIsTheOneOfTheDayGiven() throws Exception {
        CourseExport export = export("m1-short", "", LocalDate.parse("2026-06-10"));
        JsonNode standing = new ObjectMapper().readTree(export.json()).get("course").get("standing");
        assertThat(standing.get("today").asText()).isEqualTo("2026-06-10");
        assertThat(standing.get("missedDays")).extracting(JsonNode::asText).containsExactly("2026-06-02",
                "2026-06-08", "2026-06-09");
        assertThat(standing.get("nextDue").asText()).isEqualTo("2026-06-10");
    }

    /** A seizure suspends the course: the export says so, and no session is due until a supervisor acts. */
    @Test
    void aSuspendedCourseSaysSoAndHasNoSessionDue() throws Exception {
        ExportedCourse.record(store, clock, "m1-short", "");
        Courses courses = new Courses(store, OutcomeMeasures.bundled(), clock, ExportedCourse.BERLIN);
        courses.recordEvent("c1", "seizure", "severe", "", Optional.empty(), Optional.empty(), "op1");
        CourseExport export = CourseExport.of(store, courses.course("c1"), TODAY);
        JsonNode course = new ObjectMapper().readTree(export.json()).get("course");
        assertThat(course.get("state").asText()).isEqualTo("SUSPENDED");
        assertThat(course.get("standing").get("nextDue").isNull()).isTrue();
        assertThat(rows(export.eventsCsv()).get(3)).startsWith("c1", "p7", "2026-06-18", "seizure", "severe");
    }

    /**
     * A score of a site's measure the host no longer defines (its file removed) is still exported,
     * as entered, without a unit or a baseline it cannot judge.
     */
    @Test
    void aScoreOfAMeasureTheHostNoLongerDefinesIsStillExported() throws Exception {
        Path site = Files.createDirectories(dir.resolve("outcomes"));
        Files.writeString(site.resolve("sleep.yaml"), """
                name: sleep-quality
                title: Sleep quality, 0 to 10
                unit: points
                min: 0
                max: 10
                decimals: 1
                better: higher
                mcid: 1
                citation: a site's own scale
                """);
        clock.set("2026-06-01T06:00:00Z");
        Courses withSite = new Courses(store, OutcomeMeasures.load(site), clock, ExportedCourse.BERLIN);
        withSite.plan(new CoursePlanRequest("c2", "p8", "m1-short", ExportedCourse.PROTOCOL, 5, "daily",
                Optional.empty(), Optional.empty(), "", "M1 left", List.of("pain-nrs", "sleep-quality"), "session", 1,
                true, "op1"));
        withSite.recordOutcome("c2", "sleep-quality", Optional.of(new BigDecimal("6.5")), Optional.empty(),
                Optional.empty(), Optional.empty(), "op1");
        Course c2 = new Courses(store, OutcomeMeasures.bundled(), clock, ExportedCourse.BERLIN).course("c2");
        CourseExport export = CourseExport.of(store, c2, TODAY);
        List<List<String>> rows = rows(export.scoresCsv());
        assertThat(rows).hasSize(2);
        assertThat(rows.get(1).subList(13, 20)).containsExactly("sleep-quality", "before", "6.5", "", "", "", "false");
        JsonNode json = new ObjectMapper().readTree(export.json());
        assertThat(json.get("scores").get(0).get("unit").isNull()).isTrue();
        assertThat(json.get("summaries")).extracting(m -> m.get("measure").asText()).containsExactly("pain-nrs");
    }
}
