package org.tmshost.console;

import org.jline.utils.AttributedString;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.tmshost.session.SessionState;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The live panel as a pure function of a snapshot: what the technician reads, in 80 columns, with or without colour. */
@Tag("unit")
class StatusPanelTest {
    private static StatusSnapshot running(double coil, String trip) {
        return new StatusSnapshot(true, 7, "itbs", trip == null ? SessionState.RUNNING : SessionState.ABORTED, 123, 600,
                5, 20, 41_000_000_000L, 151_000_000_000L, 6_100_000_000L, 32, coil, 40, 43, 210_000, trip);
    }

    @Test
    void showsStateTrainPulsesTimesOutputCoilAndTimingWithTheSimulationBanner() {
        String text = String.join("\n", StatusPanel.lines(running(27.3, null), 79).stream()
                .map(AttributedString::toString).toList());
        assertThat(text).contains("SIMULATION").contains("RUNNING").contains("train 5/20")
                .contains("123 / 600 pulses · 2 min 31 s left").contains("output 32% MSO").contains("elapsed 41 s")
                .contains("next train in 6.1 s").contains("coil 27.3 C").contains("warn 40, stop 43")
                .contains("p99 late 0.21 ms").contains("Space".toUpperCase()).doesNotContain("TRIPPED");
        assertThat(text).contains("[" + "#".repeat(14) + "-").contains(" 20%"); // floor(123/600 x 70) = 14
    }

    @Test
    void neverWiderThanTheTerminalSoARedrawNeverWraps() {
        for (int width : new int[]{40, 79, 99}) {
            List<AttributedString> lines = StatusPanel.lines(running(27.3, "CONSOLE_STOP: stopped by the operator: "
                    + "stopped by op1 (Space), a long detail that would wrap an 80-column terminal twice over"), width);
            assertThat(lines).allSatisfy(line -> assertThat(line.columnLength()).isLessThanOrEqualTo(width));
        }
    }

    @Test
    void marksTheCoilWarnAndStopInWordsNotOnlyColour() {
        assertThat(StatusPanel.lines(running(41, null), 79).get(4).toString()).contains("coil 41.0 C WARN");
        assertThat(StatusPanel.lines(running(43.5, null), 79).get(4).toString()).contains("coil 43.5 C STOP");
        assertThat(StatusPanel.line(running(41, null))).contains("WARN");
    }

    @Test
    void aTripIsShownInRedWithItsCauseInsteadOfTheKeys() {
        AttributedString last = StatusPanel.lines(running(27, "COIL_OVER_TEMPERATURE: coil at 43.2 C"), 79).get(5);
        assertThat(last.toString()).isEqualTo("TRIPPED COIL_OVER_TEMPERATURE: coil at 43.2 C");
        assertThat(last.toAnsi()).contains("\033[").contains("31"); // red
    }

    /** Issue 18: a site's server out of reach is said in place of the keys, in yellow: the treatment goes on. */
    @Test
    void recordsOutOfReachAreSaidInsteadOfTheKeysNotAsAnAlarm() {
        StatusSnapshot behind = new StatusSnapshot(true, 7, "itbs", SessionState.RUNNING, 123, 600, 5, 20,
                41_000_000_000L, 151_000_000_000L, 6_100_000_000L, 32, 27, 40, 43, 210_000, null,
                "the site's records are out of reach (connection refused); the session goes on");
        AttributedString last = StatusPanel.lines(behind, 79).get(5);
        assertThat(last.toString()).startsWith("RECORDS the site's records are out of reach");
        assertThat(last.toAnsi()).contains("33").doesNotContain("31"); // yellow, not red
        assertThat(StatusPanel.line(behind)).contains("RUNNING").contains("RECORDS the site's records are out of reach")
                .doesNotContain("TRIPPED");
    }

    @Test
    void thePlainLineCarriesEverythingOnOneLine() {
        assertThat(StatusPanel.line(running(27.3, null))).isEqualTo("SIMULATION RUNNING train 5/20 123 / 600 pulses "
                + "· 2 min 31 s left 20% output 32% MSO elapsed 41 s coil 27.3 C p99 late 0.21 ms");
    }

    /** Issue 15: once ended, delivered / planned alone (nothing is left). */
    @Test
    void anEndedSessionShowsDeliveredOfPlannedWithoutTimeLeft() {
        StatusSnapshot ended = new StatusSnapshot(false, 7, "itbs", SessionState.COMPLETED, 600, 600, 20, 20,
                192_000_000_000L, 0, -1, 32, Double.NaN, 40, 43, 210_000, null);
        assertThat(StatusPanel.line(ended)).startsWith("COMPLETED train 20/20 600 / 600 pulses 100%")
                .doesNotContain("left").contains("elapsed 3 min 12 s");
        assertThat(StatusPanel.lines(ended, 79).get(1).toString()).endsWith("600 / 600 pulses");
    }
}
