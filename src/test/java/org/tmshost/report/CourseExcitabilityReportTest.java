package org.tmshost.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tmshost.course.Course;
import org.tmshost.record.RecordStore;
import org.tmshost.testing.RecordedMeasurements;
import org.tmshost.testing.RecordedMeasurements.Attachment;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The course report's cortical excitability page (issue 17), on {@link CourseScenario}'s course: a
 * paired-pulse measurement before the first session (reduced SICI) and one after the tenth (SICI
 * restored), as {@link RecordedMeasurements} writes them; the page's numbers are the record's.
 */
@Tag("unit")
class CourseExcitabilityReportTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final LocalDate LAST_DAY = LocalDate.of(2026, 12, 21);
    private static final Instant BEFORE = Instant.parse("2026-12-07T08:30:00Z");
    private static final Instant AFTER = Instant.parse("2026-12-21T10:00:00Z");
    private static final List<String> CONDITIONED = List.of("sici-2", "sici-3", "icf-10", "icf-12");

    @TempDir
    Path dir;

    private RecordStore store;
    private CourseScenario scenario;
    private RecordedMeasurements measurements;

    @BeforeEach
    void openStore() {
        store = RecordStore.open(dir.resolve("records.db"));
        scenario = new CourseScenario(store);
        measurements = new RecordedMeasurements(store);
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    private Course courseMeasuredBeforeAndAfter() throws Exception {
        scenario.run(10, CourseScenario.TARGET, "dull");
        long course = store.course(CourseScenario.NAME).orElseThrow().id();
        measurements.pairedPulse(new Attachment(CourseScenario.SUBJECT, BEFORE, Optional.of(course), Optional.of(1), true),
                10, 1000, Map.of("sici-2", 0.85, "sici-3", 0.9, "icf-10", 1.3, "icf-12", 1.25), 21);
        measurements.pairedPulse(new Attachment(CourseScenario.SUBJECT, AFTER, Optional.of(course), Optional.of(10), false),
                10, 1200, Map.of("sici-2", 0.45, "sici-3", 0.5, "icf-10", 1.4, "icf-12", 1.35), 22);
        return scenario.courses.course(CourseScenario.NAME);
    }

    private JsonNode recorded(long id) throws Exception {
        return JSON.readTree(store.measurement(id).orElseThrow().resultsJson().orElseThrow());
    }

    private static String between(String text, String from, String to) {
        int start = text.indexOf(from);
        assertThat(start).as("'%s' in the report", from).isNotNegative();
        return text.substring(start, text.indexOf(to, start));
    }

    private static String two(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    @Test
    void thePageTablesEachConditionsRecordedRatioWithItsIntervalAndTheTestMepPerMeasurement() throws Exception {
        String report = CourseReport.render(store, courseMeasuredBeforeAndAfter(), LAST_DAY);
        String page = between(report, "<section class='excitability'>", "</section>");
        assertThat(page).contains("<h2>Cortical excitability</h2>", "2 measurements recorded with this course",
                "<svg id='chart-excitability-ratios'", "<svg id='chart-excitability-test'");
        Matcher row = Pattern.compile("<tr><td class='when'>([0-9-]+ [0-9:]+)</td><td class='num'>(\\d+)</td>"
                + "<td class='num'>(\\d+)</td><td>([a-z0-9-]+)</td><td class='num'>([0-9.]+)</td>"
                + "<td class='num'>\\[([0-9.]+), ([0-9.]+)\\]</td><td class='num'>(\\d+) µV</td><td>(.*?)</td></tr>")
                .matcher(page);
        var rows = new ArrayList<String>();
        while (row.find()) {
            rows.add(String.join(" | ", row.group(1), row.group(2), row.group(3), row.group(4), row.group(5),
                    row.group(6), row.group(7), row.group(8), row.group(9).isEmpty() ? "real" : "sim"));
        }
        var expected = new ArrayList<String>();
        long id = 1;
        for (String[] m : new String[][]{{"2026-12-07 08:30", "1", "sim"}, {"2026-12-21 10:00", "10", "real"}}) {
            JsonNode results = recorded(id);
            for (int c = 1; c <= CONDITIONED.size(); c++) {
                JsonNode condition = results.path("conditions").get(c);
                assertThat(condition.path("name").asText()).isEqualTo(CONDITIONED.get(c - 1));
                expected.add(String.join(" | ", m[0], m[1], String.valueOf(id), CONDITIONED.get(c - 1),
                        two(condition.path("ratio").asDouble()), two(condition.at("/ci95/0").asDouble()),
                        two(condition.at("/ci95/1").asDouble()), String.format(Locale.ROOT, "%.0f",
                                results.at("/conditions/0/meanMicrovolts").asDouble()), m[2]));
            }
            id++;
        }
        assertThat(rows).containsExactlyElementsOf(expected);
        // the course's reduced SICI before it, restored after: what the page is for
        assertThat(recorded(1).at("/conditions/1/ratio").asDouble()).isGreaterThan(0.7);
        assertThat(recorded(2).at("/conditions/1/ratio").asDouble()).isLessThan(0.6);
        assertThat(report).contains("<span class='sim'>SIMULATION</span> <span class='state");
    }

    @Test
    void theRatioChartDrawsEachConditionsRatioAndIntervalOnItsDayAndTheTestMepChartTheMeans() throws Exception {
        Course course = courseMeasuredBeforeAndAfter();
        List<CourseFacts.Excitability> facts = CourseFacts.excitability(course, store);
        CourseFacts.Span span = CourseFacts.span(course, CourseFacts.deliveries(course, store), facts);
        YIntervalSeriesCollection data = CourseCharts.ratioData(facts, span);
        assertThat(data.getSeriesCount()).isEqualTo(CONDITIONED.size());
        for (int s = 0; s < CONDITIONED.size(); s++) {
            YIntervalSeries series = data.getSeries(s);
            assertThat(series.getKey()).isEqualTo(CONDITIONED.get(s));
            assertThat(series.getItemCount()).isEqualTo(2);
            for (int m = 0; m < 2; m++) {
                JsonNode condition = recorded(m + 1).path("conditions").get(s + 1);
                assertThat(series.getYValue(m)).isEqualTo(condition.path("ratio").asDouble());
                assertThat(series.getYLowValue(m)).isEqualTo(condition.at("/ci95/0").asDouble());
                assertThat(series.getYHighValue(m)).isEqualTo(condition.at("/ci95/1").asDouble());
                LocalDate day = m == 0 ? LocalDate.of(2026, 12, 7) : LAST_DAY;
                // on its day (within the half day either side the conditions are spread over)
                assertThat(Math.abs(series.getX(m).doubleValue() - day.toEpochDay() * 86_400_000.0))
                        .isLessThan(43_200_000.0);
            }
        }
        // the conditions stand apart on a day, so their bars do not hide each other
        assertThat(data.getSeries(0).getX(0).doubleValue()).isLessThan(data.getSeries(1).getX(0).doubleValue());
        assertThat(facts).extracting(f -> f.testMeanMicrovolts().getAsDouble()).containsExactly(
                recorded(1).at("/conditions/0/meanMicrovolts").asDouble(),
                recorded(2).at("/conditions/0/meanMicrovolts").asDouble());
        String ratios = CourseCharts.ratios(facts, span);
        assertThat(ratios).contains("1: no effect", ">sici-2<", ">icf-12<");
    }

    @Test
    void aCourseWithoutMeasurementsHasNoExcitabilityPage() throws Exception {
        scenario.run(10, CourseScenario.TARGET, "dull");
        // the subject's measurement outside the course is not the course's
        measurements.pairedPulse(Attachment.alone(CourseScenario.SUBJECT, AFTER), 5, 1000, Map.of("sici-2", 0.5), 3);
        String report = CourseReport.render(store, scenario.courses.course(CourseScenario.NAME), LAST_DAY);
        assertThat(report).doesNotContain("Cortical excitability", "excitability-ratios", "class='excitability'");
        assertThat(report).contains("<h2>Motor threshold over the course</h2>", "<h2>Adverse events</h2>");
    }

    @Test
    void aMeasurementWithoutResultsIsNamedNotDrawnAndARecruitmentCurveGivesItsFit() throws Exception {
        scenario.run(10, CourseScenario.TARGET, "dull");
        long course = store.course(CourseScenario.NAME).orElseThrow().id();
        long stopped = measurements.stopped(new Attachment(CourseScenario.SUBJECT, BEFORE, Optional.of(course),
                Optional.empty(), true), 10, 4, "STOPPED", 5);
        long curve = measurements.recruitment(new Attachment(CourseScenario.SUBJECT, AFTER, Optional.of(course),
                Optional.of(10), true), 6, 6);
        String page = between(CourseReport.render(store, scenario.courses.course(CourseScenario.NAME), LAST_DAY),
                "<section class='excitability'>", "</section>");
        assertThat(page).contains("<p>No paired-pulse measurement of this course has results.</p>",
                "Without results, not drawn: measurement " + stopped + " (2026-12-07, paired-pulse, ended STOPPED)",
                "<h3>Recruitment curves: Boltzmann fit</h3>");
        JsonNode fit = JSON.readTree(store.measurement(curve).orElseThrow().resultsJson().orElseThrow()).path("fit");
        assertThat(page).contains("<td class='num'>" + curve + "</td><td class='num'>" + String.format(Locale.ROOT,
                "%.0f µV [%.0f, %.0f]", fit.path("mepMaxMicrovolts").asDouble(), fit.at("/mepMaxCi95/0").asDouble(),
                fit.at("/mepMaxCi95/1").asDouble()));
        assertThat(page).doesNotContain("<svg");
    }
}
