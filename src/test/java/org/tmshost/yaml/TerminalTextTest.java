package org.tmshost.yaml;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 14: what reaches a terminal acts on nothing: control, C1, DEL and bidirectional characters are shown. */
@Tag("unit")
class TerminalTextTest {
    @Test
    void aValueShowsEveryCharacterATerminalWouldActOn() {
        assertThat(TerminalText.of("a\u001b[2J\nb\r\u007f\u0085\u009b\u202a\u202e\u2066\u2069\u2028c"))
                .isEqualTo("a\\u001B[2J\\u000Ab\\u000D\\u007F\\u0085\\u009B\\u202A\\u202E\\u2066\\u2069\\u2028c");
        assertThat(TerminalText.of("Müller µs 10 Hz, 80% RMT")).isEqualTo("Müller µs 10 Hz, 80% RMT");
        assertThat(TerminalText.of(null)).isEqualTo("-");
    }

    @Test
    void theGuardPassesLineBreaksAndEscapesEverythingElse() {
        StringWriter captured = new StringWriter();
        PrintWriter guarded = TerminalText.guard(new PrintWriter(captured));
        guarded.print("verdict: BLOCKED\rverdict: PASS\u001b[2J\u009b\u202e\tend\r\n");
        guarded.println("next");
        guarded.print("lone\r");
        guarded.flush();
        assertThat(captured.toString()).isEqualTo("verdict: BLOCKED\\u000Dverdict: PASS\\u001B[2J\\u009B\\u202E\tend\r\n"
                + "next" + System.lineSeparator() + "lone\\u000D");
    }
}
