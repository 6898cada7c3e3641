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

    @Test
    void completesCourseIdsActionsAndTheirValues() {
        ConsoleCompleter withCourses = new ConsoleCompleter(() -> List.of("s1"), () -> List.of("c1", "pain-2026"));
        assertThat(withCourses.candidates(List.of(""), 0)).contains("course");
        assertThat(withCourses.candidates(List.of("course", ""), 1)).containsExactly("c1", "pain-2026", "none",
                "outcome", "event", "resume");
        assertThat(withCourses.candidates(List.of("course", "outcome", ""), 2)).contains("--measure", "--before",
                "--after");
        assertThat(withCourses.candidates(List.of("course", "outcome", "--measure", ""), 3))
                .contains("pain-nrs", "pain-vas");
        assertThat(withCourses.candidates(List.of("course", "event", "--kind", ""), 3)).contains("seizure", "headache");
        assertThat(withCourses.candidates(List.of("course", "event", "--kind", "seizure", "--severity", ""), 5))
                .containsExactly("mild", "moderate", "severe");
        assertThat(withCourses.candidates(List.of("course", "resume", ""), 2)).containsExactly("--as", "--reason");
    }
}
