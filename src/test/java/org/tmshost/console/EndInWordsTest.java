package org.tmshost.console;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.tmshost.record.SessionRow;

import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 15: the CAUSE column says why a session ended, shortened, never a repeat of its state. */
@Tag("unit")
class EndInWordsTest {
    private static SessionRow ended(String state, String cause, String reason) {
        Instant at = Instant.parse("2026-11-29T13:03:12Z");
        return new SessionRow(1, "s1", "op1", "itbs", "simulator", "p", "e", "sim:simulator", true, "PASS", state,
                Optional.of(cause), Optional.of(reason), 600, 0, Optional.empty(), Optional.empty(), at,
                Optional.empty(), Optional.of(at), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    @Test
    void interlockCausesInAFewWords() {
        assertThat(EndInWords.of(ended("ABORTED", "CONSOLE_STOP", "stopped by the operator: stopped by op1 (Space)")))
                .isEqualTo("stopped by operator");
        assertThat(EndInWords.of(ended("FAULTED", "COIL_OVER_TEMPERATURE", "coil over temperature; let the coil cool "
                + "before another session: coil at 41.2 C, stop temperature 41.0 C, after 30 pulses")))
                .isEqualTo("coil too hot (41.2 °C)");
        assertThat(EndInWords.of(ended("FAULTED", "COIL_OVER_TEMPERATURE", "the device stopped over its coil's "
                + "temperature after 3 pulses"))).isEqualTo("coil too hot");
        assertThat(EndInWords.of(ended("FAULTED", "LINK_LOSS", "the link to the stimulator was lost; ...")))
                .isEqualTo("link lost");
        assertThat(EndInWords.of(ended("ABORTED", "STOP_BUTTON", "the stop button was pressed: ...")))
                .isEqualTo("stop button pressed");
    }

    @Test
    void anEndWithoutAnInterlockCauseIsSaidFromItsReason() {
        assertThat(EndInWords.of(ended("ABORTED", "ABORTED", "envelope refused: verdict BLOCKED")))
                .isEqualTo("envelope BLOCKED");
        assertThat(EndInWords.of(ended("ABORTED", "ABORTED", "override refused: operators cannot approve")))
                .isEqualTo("override not approved");
        assertThat(EndInWords.of(ended("FAULTED", "FAULTED", "arming failed (NOT_READY): the device did not report "
                + "READY within 5 s"))).isEqualTo("arming failed (NOT_READY)");
        assertThat(EndInWords.of(ended("ABORTED", "ABORTED", "settings changed before arming: protocol")))
                .isEqualTo("settings changed before arming");
        String long1 = EndInWords.of(ended("ABORTED", "ABORTED", "a reason a later door records that runs on and on "
                + "far beyond any column"));
        assertThat(long1).hasSize(EndInWords.LONGEST).endsWith("…");
    }

    @Test
    void neverTheStateAgain() {
        for (String state : new String[]{"ABORTED", "FAULTED", "INTERRUPTED", "COMPLETED"}) {
            assertThat(EndInWords.of(ended(state, state, ""))).doesNotContain(state);
        }
    }
}
