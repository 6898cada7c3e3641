package org.tmshost.console;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@Tag("unit")
class ConsoleCompleterTest {
    private final ConsoleCompleter completer = new ConsoleCompleter(() -> List.of("s1", "s2"));

    @Test
    void completesCommandsProtocolsProfilesSubjectsAndThresholdWords() {
        assertThat(completer.candidates(List.of(""), 0)).contains("load", "arm", "start", "stop", "quit", "approve");
        assertThat(completer.candidates(List.of("load", ""), 1)).contains("itbs", "ctbs600");
        assertThat(completer.candidates(List.of("profile", ""), 1)).contains("simulator", "magstim-rapid2");
        assertThat(completer.candidates(List.of("device", ""), 1)).contains("sim:simulator");
        assertThat(completer.candidates(List.of("subject", ""), 1)).containsExactly("s1", "s2");
        assertThat(completer.candidates(List.of("threshold", ""), 1)).containsExactly("rmt", "amt", "hunt");
        assertThat(completer.candidates(List.of("threshold", "hunt", ""), 2)).containsExactly("rmt", "amt");
        assertThat(completer.candidates(List.of("threshold", "hunt", "rmt", "--algorithm", ""), 4))
                .containsExactly("mlpest", "rossini", "two-threshold", "samt");
        assertThat(completer.candidates(List.of("threshold", "hunt", "rmt", "--mep", ""), 4)).contains("operator",
                "virtual", "stream:");
        assertThat(completer.candidates(List.of("threshold", "hunt", "rmt", ""), 3)).contains("--algorithm", "--evidence", "--fast")
                .doesNotContain("--method");
        assertThat(completer.candidates(List.of("threshold", "rmt", "50", "--evidence", ""), 4))
                .containsExactly("emg", "visual");
        assertThat(completer.candidates(List.of("threshold", "rmt", "50", ""), 3)).containsExactly("--evidence");
    }
}
