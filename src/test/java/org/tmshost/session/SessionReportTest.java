package org.tmshost.session;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tmshost.record.RecordStore;
import org.tmshost.record.SessionRow;
import org.tmshost.report.SessionReport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The session report a clinician prints and signs (issue 15), from a known stepped session: 3 trains
 * of 10 pulses at 80% RMT of RMT 50 (40% MSO), paused after the first train, resumed, and stopped in
 * the third by an operator whose id holds markup.
 */
@Tag("unit")
class SessionReportTest {
    private static final String ODD_OPERATOR = "<img src=x onerror=alert(1)>";

    @TempDir
    Path dir;

    private String report;
    private SessionRow row;

    private void stoppedSession() throws Exception {
        try (SessionRig rig = new SessionRig(dir)) {
            Instant zero = Instant.now().plusSeconds(1).minusNanos(rig.clock.nanoTime()); // after the thresholds
            rig.settings = new SessionSettings(() -> zero.plusNanos(rig.clock.nanoTime()),
                    rig.settings.zone(), rig.settings.journalDirectory(), rig.settings.stopButton(),
                    rig.settings.monitorPeriod(), rig.settings.recorderPeriod(), rig.settings.readyTimeout(),
                    rig.settings.spinWindowNanos(), rig.settings.realTime(), rig.settings.virtualTime(),
                    rig.settings.freeSpace()); // the record's times on the session's virtual clock
            Session session = rig.started(SessionRig.PASSING);
            rig.awaitDelivered(3);
            session.pause("op1");
            rig.stepUntil(session, () -> session.state() == SessionState.PAUSED, "paused");
            rig.advance(2_000_000_000L);
            session.resume("op1");
            rig.awaitDelivered(25);
            session.stop(ODD_OPERATOR);
            assertThat(rig.end(session).state()).isEqualTo(SessionState.ABORTED);
            row = rig.row(session);
            report = SessionReport.render(rig.store, row, ZoneOffset.UTC);
        }
        Files.writeString(dir.resolve("report.html"), report);
    }

    @Test
    void theSummaryPageHoldsWhatAClinicianSignsFor() throws Exception {
        stoppedSession();
        String summary = report.substring(report.indexOf("<section class='summary'>"), report.indexOf("<section class='detail'>"));
        assertThat(summary).contains("<tr><th>Subject</th><td>subject-1</td></tr>", "<tr><th>Operator</th><td>op1</td></tr>",
                "<tr><th>Protocol</th><td>test</td></tr>", "<tr><th>Verdict</th><td>PASS</td></tr>",
                "<tr><th>Pulses</th><td>" + row.deliveredPulses() + " delivered of 30 planned",
                "80% RMT (RMT 50% MSO, EMG) \u2192 40% MSO", "<strong>ABORTED</strong> \u2014 cause CONSOLE_STOP",
                "<tr><th>Overrides</th><td>none</td></tr>", "verified against its seal",
                "<tr><th>Host</th><td>" + org.tmshost.record.HostName.local() + "</td></tr>");
        assertThat(row.deliveredPulses()).isBetween(25, 29);
        assertThat(summary).contains("<h3>Operator</h3>", "<h3>Supervisor</h3>");
        assertThat(count(summary, "<span>Signature</span><span class='line'>")).isEqualTo(2);
        assertThat(count(summary, "<span>Date</span>")).isEqualTo(2);
        assertThat(report).contains("@page{size:A4", ".summary{break-after:page");
    }

    @Test
    void perTrainTheDeliveredOutputAndPulses() throws Exception {
        stoppedSession();
        int third = row.deliveredPulses() - 20;
        assertThat(report).contains("<td class='num'>1</td><td class='num'>0.0 s</td><td class='num'>10 / 10</td><td class='num'>40% MSO</td>",
                "<td class='num'>2</td><td class='num'>1.5 s</td><td class='num'>10 / 10</td><td class='num'>40% MSO</td>",
                "<tr class='short'><td class='num'>3</td><td class='num'>3.0 s</td><td class='num'>" + third
                        + " / 10</td><td class='num'>40% MSO</td>");
        assertThat(report).contains("<svg id='chart-trains'");
    }

    @Test
    void latenessIsAHistogramWithBinsInMicrosecondsAndCounts() throws Exception {
        stoppedSession();
        String table = report.substring(report.indexOf("<th>Lateness (µs)</th>"));
        table = table.substring(0, table.indexOf("</table>"));
        Matcher bin = Pattern.compile("<td class='num'>(-?\\d+) to (-?\\d+) µs</td><td class='num'>(\\d+)</td>").matcher(table);
        int total = 0;
        int bins = 0;
        while (bin.find()) {
            total += Integer.parseInt(bin.group(3));
            bins++;
        }
        assertThat(bins).isPositive();
        assertThat(total).as("every pulse on record in a bin").isEqualTo(row.deliveredPulses());
        String chart = report.substring(report.indexOf("<svg id='chart-lateness'"));
        chart = chart.substring(0, chart.indexOf("</svg>"));
        assertThat(chart).contains("lateness: actual minus planned time (µs)", ">pulses<");
    }

    @Test
    void thePauseResumeAndStopAreMarkedOnTheTimelineAndTheCoilTemperatureIsDrawn() throws Exception {
        stoppedSession();
        String chart = report.substring(report.indexOf("<svg id='chart-timeline'"));
        chart = chart.substring(0, chart.indexOf("</svg>"));
        assertThat(chart).contains(">Paused<", ">Resumed<", ">Stopped (ABORTED)<", ">Trip: CONSOLE_STOP<",
                "time from the first pulse (s)", ">planned: 30<");
        assertThat(report).contains("<td>Paused</td><td>paused after 10 pulses (by op1)</td>");
        assertThat(report).containsPattern("<td class='num'>(\\d+\\.\\d{3}) s</td><td>Resumed</td>");
        assertThat(report).contains("<svg id='chart-temperature'").containsPattern("\\d+ samples: \\d+\\.\\d °C at the start");
    }

    @Test
    void recordTextIsEscapedAndThePageNeedsNothingFromOutside() throws Exception {
        stoppedSession();
        assertThat(report).doesNotContain(ODD_OPERATOR).contains("&lt;img src=x onerror=alert(1)&gt;");
        assertThat(report).doesNotContain("<script", "<link", "src=\"http", "href=\"http", "url(http", "<img");
    }

    @Test
    void aStoredReportOfASessionWithoutTemperaturesSaysSo() throws Exception {
        stoppedSession();
        try (RecordStore store = RecordStore.open(dir.resolve("records.db"))) {
            store.close();
        }
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("records.db"));
             var st = c.createStatement()) {
            st.execute("DELETE FROM coil_temperatures");
        }
        try (RecordStore store = RecordStore.open(dir.resolve("records.db"))) {
            String page = SessionReport.render(store, store.session(row.id()).orElseThrow(), ZoneOffset.UTC);
            assertThat(page).contains("No coil temperature on record").doesNotContain("chart-temperature")
                    .contains("FAILS verification: coil_temperatures removed");
        }
    }

    private static int count(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }
}
