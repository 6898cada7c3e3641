package org.tmshost.report;

import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tmshost.course.Course;
import org.tmshost.course.OutcomeMeasures;
import org.tmshost.record.NewSession;
import org.tmshost.record.PulseRow;
import org.tmshost.record.RecordStore;
import org.tmshost.yaml.ContentDigest;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The course report a clinician prints and signs (issue 16), from {@link CourseScenario}: ten weekday
 * sessions with a missed Friday, pain NRS 7 before the first and 3 after the last, a headache whose note
 * holds markup and scalp discomfort.
 */
@Tag("unit")
class CourseReportTest {
    private static final String HOSTILE_NOTE = "<script>alert('x')</script> dull, frontal";
    private static final String HOSTILE_TARGET = "<img src=x onerror=alert(1)> hand knob";
    private static final LocalDate LAST_DAY = LocalDate.of(2026, 12, 21);

    @TempDir
    Path dir;

    private RecordStore store;
    private CourseScenario scenario;

    @BeforeEach
    void openStore() {
        store = RecordStore.open(dir.resolve("records.db"));
        scenario = new CourseScenario(store);
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    private String tenSessions() throws Exception {
        return CourseReport.render(store, scenario.run(10, CourseScenario.TARGET, HOSTILE_NOTE), LAST_DAY);
    }

    private static String between(String text, String from, String to) {
        int start = text.indexOf(from);
        assertThat(start).as("'%s' in the report", from).isNotNegative();
        return text.substring(start, text.indexOf(to, start));
    }

    private static String chart(String report, String id) {
        return between(report, "<svg id='chart-" + id + "'", "</svg>");
    }

    @Test
    void theSummaryPageSaysWhereTheCourseStandsAndThatThePatientResponds() throws Exception {
        String summary = between(tenSessions(), "<section class='summary'>", "<section class='detail'>");
        String sha = ContentDigest.sha256(scenario.protocolText);
        assertThat(summary).contains("<tr><th>Subject</th><td>pat-0042</td></tr>",
                "<tr><th>Protocol</th><td>m1-10hz-pain &middot; SHA-256 <code>" + sha.substring(0, 16) + "…</code>",
                "<tr><th>Target</th><td>left M1 hand knob (contralateral to right-arm pain); standard site: M1 "
                        + "contralateral to pain</td></tr>",
                "<tr><th>Schedule</th><td>10 sessions, weekdays from 2026-12-07, 1 a day; no maintenance</td></tr>",
                "<tr><th>Intensity</th><td>80% RMT; motor threshold measured every session</td></tr>",
                "<tr><th>State</th><td>ACTIVE, every planned session done</td></tr>",
                "<tr><th>Sessions</th><td>10 done of 10 planned</td></tr>",
                "<tr><th>Missed days</th><td>1 (2026-12-11)</td></tr>",
                "<tr><th>Next due</th><td>none: every planned session is done</td></tr>",
                "<tr><th>Adverse events</th><td>2: <span>headache (mild, 2026-12-08)</span>, "
                        + "<span>scalp-discomfort (moderate, 2026-12-15)</span></td></tr>",
                "<tr><th>Record</th><td>verified against its seal</td></tr>");
        assertThat(summary).contains("<th>pain-nrs (primary)</th>", "<tr><th>Baseline</th><td>7 points</td></tr>",
                "<tr><th>Latest</th><td>3 points on 2026-12-21</td></tr>",
                "<tr><th>Change from baseline</th><td>-57.1% (a 57% reduction, better)</td></tr>",
                "<tr><th>Responder &ge;30%</th><td><span class='yes'>yes</span></td></tr>",
                "<tr><th>Responder &ge;50%</th><td><span class='yes'>yes</span></td></tr>",
                "<tr><th>MCID reached</th><td><span class='yes'>yes</span> (MCID 2 points)</td></tr>",
                "IMMPACT (Dworkin RH et al., J Pain 2008;9(2):105-121)", "pain-nrs: Farrar JT et al.");
        assertThat(summary).contains("<h3>Clinician</h3>", "<h3>Supervisor</h3>");
        assertThat(count(summary, "<span>Signature</span><span class='line'>")).isEqualTo(2);
    }

    @Test
    void aCourseHalfWayStandsWhereTheGivenDaySaysNotWhereTheWallClockIs() throws Exception {
        Course course = scenario.run(7, CourseScenario.TARGET, "");
        String onTheNextDay = CourseReport.render(store, course, LocalDate.of(2026, 12, 17));
        assertThat(onTheNextDay).contains("<tr><th>Sessions</th><td>7 done of 10 planned</td></tr>",
                "<tr><th>State</th><td>ACTIVE, induction phase</td></tr>",
                "<tr><th>Missed days</th><td>1 (2026-12-11)</td></tr>",
                "<tr><th>Next due</th><td>2026-12-17</td></tr>", "as it stands on 2026-12-17");
        String aDayLater = CourseReport.render(store, course, LocalDate.of(2026, 12, 18));
        assertThat(aDayLater).contains("<tr><th>Missed days</th><td>2 (2026-12-11, 2026-12-17)</td></tr>",
                "<tr><th>Next due</th><td>2026-12-18</td></tr>");
        assertThat(onTheNextDay).contains("<tr><th>Change from baseline</th><td>-42.9% (a 43% reduction, better)</td></tr>",
                "<tr><th>Responder &ge;30%</th><td><span class='yes'>yes</span></td></tr>",
                "<tr><th>Responder &ge;50%</th><td><span class='no'>no</span></td></tr>");
    }

    @Test
    void aCourseJustPlannedSaysWhatIsNotThereYetInsteadOfDrawingIt() throws Exception {
        String report = CourseReport.render(store, scenario.run(0, CourseScenario.TARGET, ""), CourseScenario.PLANNED);
        assertThat(report).contains("<tr><th>Sessions</th><td>0 done of 10 planned</td></tr>",
                "<tr><th>Missed days</th><td>none</td></tr>", "<tr><th>Next due</th><td>2026-12-07</td></tr>",
                "<tr><th>Adverse events</th><td>none recorded</td></tr>",
                "<tr><th>Baseline</th><td>none (no score before a session)</td></tr>",
                "<tr><th>Responder &ge;30%</th><td>not judged</td></tr>", "<p>No score recorded.</p>",
                "<p>No session delivered a pulse yet.</p>", "<p>None recorded.</p>");
        assertThat(report).doesNotContain("<svg");
    }

    @Test
    void thePainChartAndItsTableHoldTheTenSessionsBeforeAndAfter() throws Exception {
        String report = tenSessions();
        String table = between(report, "<th>Change in the session</th>", "</table>");
        Matcher row = Pattern.compile("<tr><td class='num'>(\\d+)</td><td class='num'>([0-9-]+)</td>"
                + "<td class='num'>(\\d+)</td><td class='num'>(\\d+)</td>").matcher(table);
        var rows = new ArrayList<String>();
        while (row.find()) {
            rows.add(row.group(1) + " " + row.group(2) + " " + row.group(3) + "->" + row.group(4));
        }
        var expected = new ArrayList<String>();
        for (int i = 0; i < 10; i++) {
            expected.add((i + 1) + " " + CourseScenario.DAYS.get(i) + " " + CourseScenario.BEFORE[i] + "->"
                    + CourseScenario.AFTER[i]);
        }
        assertThat(rows).containsExactlyElementsOf(expected);

        Course course = scenario.courses.course(CourseScenario.NAME);
        XYSeriesCollection points = CourseCharts.scoreData(CourseFacts.scores(course, course.primaryMeasure()));
        assertThat(xy(points.getSeries(0))).isEqualTo(xy(CourseScenario.BEFORE));
        assertThat(xy(points.getSeries(1))).isEqualTo(xy(CourseScenario.AFTER));
        String chart = chart(report, "scores");
        for (int n = 1; n <= 10; n++) {
            assertThat(chart).as("session %d on the x axis", n).contains(">" + n + "</text>");
        }
        assertThat(chart).contains(">session</text>",
                ">before the session</text>", ">after the session</text>");
    }

    private static List<String> xy(XYSeries series) {
        var points = new ArrayList<String>();
        for (int i = 0; i < series.getItemCount(); i++) {
            points.add(series.getX(i).intValue() + ":" + series.getY(i).doubleValue());
        }
        return points;
    }

    private static List<String> xy(int[] scores) {
        var points = new ArrayList<String>();
        for (int i = 0; i < scores.length; i++) {
            points.add((i + 1) + ":" + (double) scores[i]);
        }
        return points;
    }

    @Test
    void thePainChartDrawsTheBaselineAndTheResponderLinesAt70And50PercentOfIt() throws Exception {
        String report = tenSessions();
        assertThat(chart(report, "scores")).contains(">baseline 7</text>", ">30% (4.9)</text>", ">50% (3.5)</text>");
        assertThat(report).contains("Dashed lines: the baseline (7) and the scores of a responder: "
                + "30% improvement at 4.9, 50% improvement at 3.5.");
    }

    @Test
    void perSessionThePulsesDeliveredAndTheHighestOutputTheDeviceDidNotDisown() throws Exception {
        Course course = scenario.run(10, CourseScenario.TARGET, "");
        // an eleventh session whose last two pulses, at a higher output, the device did not confirm
        scenario.at(LocalDate.of(2026, 12, 22));
        long id = store.createSession(new NewSession(CourseScenario.SUBJECT, "op-lee", "m1-10hz-pain",
                scenario.protocolText, "simulator", "p", "e", "sim:simulator", true, "PASS", 20, Optional.of(50.0),
                Optional.empty(), "EMG"), scenario.now());
        store.joinCourse(course.row().id(), id, "op-lee", "an extra session", scenario.now());
        store.recordStart(id, 0, scenario.now());
        var pulses = new ArrayList<PulseRow>();
        for (int p = 0; p < 20; p++) {
            pulses.add(new PulseRow(p, p * 100_000_000L, p * 100_000_000L + 2_000, p < 18 ? 40 : 60, 0));
        }
        store.appendPulses(id, pulses);
        store.endSession(id, "RUNNING", "ABORTED", "ABORTED", "stopped", "op-lee", scenario.now().plusSeconds(2),
                Optional.of(18));
        store.confirmPulses(id, 18);
        String report = CourseReport.render(store, scenario.courses.course(CourseScenario.NAME), LocalDate.of(2026, 12, 22));

        String table = between(report, "<th>Pulses delivered / planned</th>", "</table>");
        assertThat(table).contains("<tr><td class='num'>1</td><td class='num'>2026-12-07</td>",
                "<td>COMPLETED</td><td class='num'>20 / 20</td><td class='num'>40% MSO</td>",
                "<td class='num'>3</td><td class='num'>2026-12-09</td>",
                "<td>COMPLETED</td><td class='num'>20 / 20</td><td class='num'>39% MSO</td>",
                "<td>COMPLETED</td><td class='num'>20 / 20</td><td class='num'>41% MSO</td>",
                "<tr class='short'><td class='num'>11</td><td class='num'>2026-12-22</td><td class='num'>" + id
                        + "</td><td>ABORTED</td><td class='num'>18 / 20</td><td class='num'>40% MSO</td>");
        assertThat(count(table, "<td>COMPLETED</td><td class='num'>20 / 20</td>")).isEqualTo(10);
        assertThat(chart(report, "deliveries")).contains(">session</text>", ">planned</text>", ">delivered</text>",
                ">highest output (% MSO)</text>");
    }

    @Test
    void theMotorThresholdOfEachSessionOverTheCoursesDays() throws Exception {
        String report = tenSessions();
        String table = between(report, "<th>RMT</th>", "</table>");
        for (int i = 0; i < 10; i++) {
            assertThat(table).contains("<td class='num'>" + CourseScenario.DAYS.get(i) + "</td><td class='num'>"
                    + SessionFacts.number(CourseScenario.RMT[i]) + "% MSO</td><td class='num'>–</td><td>EMG</td>");
        }
        String chart = chart(report, "thresholds");
        assertThat(chart).contains(">resting motor threshold (RMT)</text>", ">day</text>",
                ">12-07</text>", ">12-21</text>").doesNotContain("active motor threshold");
    }

    @Test
    void adverseEventsAreMarkedWithKindAndSeverityOnTheDaysAndASeizureIsRed() throws Exception {
        scenario.run(10, CourseScenario.TARGET, "");
        scenario.at(LAST_DAY);
        scenario.courses.recordEvent(CourseScenario.NAME, "seizure", "severe", "brief focal seizure", Optional.of(10),
                Optional.empty(), "dr-ames");
        String report = CourseReport.render(store, scenario.courses.course(CourseScenario.NAME), LAST_DAY.plusDays(1));
        String chart = chart(report, "events");
        String red = "fill: rgb(179,38,30)";
        assertThat(label(chart, "seizure (severe)")).contains(red);
        assertThat(label(chart, "headache (mild)")).doesNotContain(red);
        assertThat(label(chart, "scalp-discomfort (moderate)")).doesNotContain(red);
        assertThat(chart).contains(">session held</text>", ">missed day</text>");
        assertThat(report).contains("<tr class='seizure'><td class='when'>2026-12-21</td><td class='num'>10</td>"
                        + "<td>seizure</td><td>severe</td><td>brief focal seizure</td><td>dr-ames</td></tr>",
                "<tr><td class='when'>2026-12-08</td><td class='num'>2</td><td>headache</td><td>mild</td>",
                "<strong class='seizure'>seizure (severe, 2026-12-21)</strong>",
                "<span class='state SUSPENDED'>SUSPENDED</span>",
                "<tr><th>Next due</th><td>none: the course is suspended</td></tr>");
    }

    /** The text element of the label {@code text}. */
    private static String label(String svg, String text) {
        Matcher m = Pattern.compile("<text[^>]*>" + Pattern.quote(text) + "</text>").matcher(svg);
        assertThat(m.find()).as("label '%s' drawn", text).isTrue();
        return m.group();
    }

    @Test
    void recordTextIsEscapedAndThePageNeedsNothingFromOutside() throws Exception {
        String report = CourseReport.render(store, scenario.run(10, HOSTILE_TARGET, HOSTILE_NOTE), LAST_DAY);
        assertThat(report).doesNotContain(HOSTILE_NOTE, HOSTILE_TARGET)
                .contains("<td>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; dull, frontal</td>",
                        "&lt;img src=x onerror=alert(1)&gt; hand knob; standard site: M1 contralateral to pain");
        assertThat(report).doesNotContain("<script", "<img", "<link", "<iframe", "@import", "url(http");
        assertThat(report).doesNotContainPattern("(?i)(src|href)\\s*=\\s*['\"]?\\s*(https?:)?//");
    }

    @Test
    void responderLinesFallBelowTheBaselineWhenLowerIsBetterAndRiseAboveItOtherwise() throws Exception {
        Course course = scenario.run(10, CourseScenario.TARGET, "");
        assertThat(CourseFacts.responderLines(course.summary(course.primaryMeasure())))
                .extracting(CourseFacts.ResponderLine::value).containsExactly(4.9, 3.5);
        var lower = OutcomeMeasures.bundled().named("pain-nrs").orElseThrow();
        var higher = new org.tmshost.course.OutcomeMeasure("function", "Function", "points", lower.min(),
                java.math.BigDecimal.valueOf(100), 0, org.tmshost.course.OutcomeMeasure.Better.HIGHER, lower.mcid(), "test");
        var summary = new org.tmshost.course.OutcomeSummary(higher, Optional.of(40.0), Optional.of(50.0),
                Optional.of(LAST_DAY), Optional.of(25.0), Optional.of(25.0), true);
        assertThat(CourseFacts.responderLines(summary)).extracting(CourseFacts.ResponderLine::value)
                .containsExactly(52.0, 60.0);
        var noBaseline = new org.tmshost.course.OutcomeSummary(lower, Optional.of(0.0), Optional.of(3.0),
                Optional.of(LAST_DAY), Optional.empty(), Optional.empty(), false);
        assertThat(CourseFacts.responderLines(noBaseline)).isEmpty();
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }
}
