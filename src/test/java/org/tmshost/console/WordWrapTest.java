package org.tmshost.console;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 15: long lines broke mid-word. Text wraps at spaces only, at the terminal's width. */
@Tag("unit")
class WordWrapTest {
    private static final String FINDING = "  NEEDS_OVERRIDE  rossi2009.train-duration  a 10 s train at 10 Hz exceeds "
            + "the 5 s the table allows at 110% MT; serial:/dev/ttyUSB0?profile=magstim-rapid2 needs approval";

    static List<String> words(String text) {
        return Arrays.stream(text.split("\\s+")).filter(w -> !w.isEmpty()).toList();
    }

    @Test
    void aLongLineWrapsAtSpacesWithinTheWidthAndKeepsEveryWordWhole() {
        String wrapped = WordWrap.wrap(FINDING, 30);
        assertThat(wrapped.lines()).hasSizeGreaterThan(3)
                .allSatisfy(line -> assertThat(line.length() <= 30 || words(line).size() == 1).as(line).isTrue());
        assertThat(words(wrapped)).isEqualTo(words(FINDING));
    }

    @Test
    void aWrappedLineContinuesUnderItsSecondColumn() {
        String wrapped = WordWrap.wrap("  show  Print a protocol file from the library or a path", 30);
        assertThat(wrapped).isEqualTo("  show  Print a protocol file\n        from the library or a\n        path");
    }

    @Test
    void aWordWiderThanTheLineStaysWholeOnItsOwnLine() {
        String uri = "tcp://127.0.0.1:5555?profile=magstim-super-rapid2";
        assertThat(WordWrap.wrap("device " + uri + " is open", 20)).isEqualTo("device\n" + uri + "\nis open");
    }

    @Test
    void aFixedIndentContinuesASynopsisUnderItsArguments() {
        assertThat(WordWrap.wrap("Usage: tmshost users add [-h] [--as=SUPERVISOR] [--password-stdin] NAME", 60, 25))
                .isEqualTo("Usage: tmshost users add [-h] [--as=SUPERVISOR]\n"
                        + "                         [--password-stdin] NAME");
    }

    @Test
    void textWithinTheWidthPassesUnchangedAndNoWidthMeansNoWrapping() {
        String table = "ID    SUBJECT   STATE\n1     s1        COMPLETED\n\n";
        assertThat(WordWrap.wrap(table, 80)).isEqualTo(table);
        assertThat(WordWrap.wrap(FINDING, 0)).isEqualTo(FINDING);
    }

    @Test
    void wideCharactersCountTwoColumns() {
        String wrapped = WordWrap.wrap("名前名前名前 名前名前名前 ok", 14);
        assertThat(wrapped).isEqualTo("名前名前名前\n名前名前名前\nok");
    }

    /** The console's output path: the terminal guard, then the wrap; a flushed partial line goes on where it stopped. */
    @Test
    void theConsolesTerminalOutputWrapsEveryLineAtTheTerminalsWidth() {
        StringWriter terminal = new StringWriter();
        PrintWriter out = ConsoleShell.terminalOutput(terminal, () -> 31);
        out.print("arming refused: hearing protection ");
        out.flush();
        out.println("not confirmed; type 'confirm --hearing-protection' and then arm");
        out.println(FINDING);
        out.println("\u001b[2J escaped");
        out.flush();
        String shown = terminal.toString();
        assertThat(shown.lines()).allSatisfy(line ->
                assertThat(line.length() <= 30 || words(line).size() == 1).as(line).isTrue());
        assertThat(words(shown)).containsSubsequence("refused:", "hearing", "protection", "not", "confirmed;")
                .contains("'confirm", "--hearing-protection'", "serial:/dev/ttyUSB0?profile=magstim-rapid2");
        assertThat(shown).doesNotContain("\u001b").contains("\\u001B[2J");
    }
}
