package org.tmshost.console;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tmshost.record.TmsHome;
import org.tmshost.safety.SafetyEnvelope;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 15: the console's help read {@code Usage:  [COMMAND]}, and an unknown command suggested
 * {@code help clear}, which fails. Every console command has help ({@code help COMMAND},
 * {@code COMMAND --help}); an unknown command suggests only commands the console accepts.
 */
@Tag("unit")
class ConsoleHelpTest {
    @TempDir
    Path home;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private SessionHost host;
    private ConsoleDesk desk;
    private int columns;

    /** A console whose terminal is {@link #columns} wide (0: not a terminal). */
    private final class Io implements ConsoleIo {
        final PrintWriter o = new PrintWriter(out, true);
        final PrintWriter e = new PrintWriter(err, true);

        @Override
        public PrintWriter out() {
            return o;
        }

        @Override
        public PrintWriter err() {
            return e;
        }

        @Override
        public int width() {
            return columns;
        }

        @Override
        public boolean interactive() {
            return false;
        }

        @Override
        public String ask(String prompt) {
            return null;
        }

        @Override
        public char[] askSecret(String prompt) {
            return new char[0];
        }

        @Override
        public void follow(StatusProbe probe, String operator) {
        }

        @Override
        public String waitUnlessStopped(long nanos, BooleanSupplier stopRequested) {
            return "stop";
        }
    }

    @BeforeEach
    void open() throws Exception {
        System.setProperty(TmsHome.PROPERTY, home.toString());
        host = SessionHost.open(new TmsHome(home), new PrintWriter(out, true), new PrintWriter(err, true)).orElseThrow();
        desk = new ConsoleDesk(host, SafetyEnvelope.bundled(), new Io());
    }

    @AfterEach
    void close() throws Exception {
        desk.close();
        host.close();
        System.clearProperty(TmsHome.PROPERTY);
    }

    private int run(String... words) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        return desk.execute(List.of(words));
    }

    /** The console's commands and their aliases, as its help lists them. */
    private Set<String> commands() {
        assertThat(run("help")).isZero();
        Set<String> names = new TreeSet<>();
        boolean list = false;
        for (String line : out.toString().lines().toList()) {
            if (line.equals("Commands:")) {
                list = true;
            } else if (list && line.startsWith("  ") && !line.startsWith("   ")) {
                names.addAll(Arrays.asList(line.strip().split("\\s{2,}")[0].split(", ")));
            }
        }
        return names;
    }

    @Test
    void theHelpHeaderSaysWhatToTypeWithARealSynopsis() {
        assertThat(run("help")).isZero();
        List<String> lines = out.toString().lines().toList();
        assertThat(lines.get(0)).startsWith("tmshost console: type a command");
        assertThat(lines).contains("Usage: COMMAND [ARGUMENTS] [OPTIONS]").noneMatch(l -> l.startsWith("Usage:  "))
                .anyMatch(l -> l.contains("'help COMMAND'"));
    }

    @Test
    void helpCommandAndCommandDashDashHelpWorkForEveryConsoleCommand() {
        Set<String> commands = commands();
        assertThat(commands).containsAll(ConsoleDesk.COMMANDS).contains("exit");
        for (String command : commands) {
            for (List<String> line : List.of(List.of("help", command), List.of(command, "--help"), List.of(command, "-h"))) {
                assertThat(run(line.toArray(String[]::new))).as("%s: %s", line, err).isZero();
                assertThat(out.toString().lines()).as("%s", line)
                        .anyMatch(l -> l.startsWith("Usage: ") && !l.startsWith("Usage:  "));
                assertThat(err.toString()).as("%s", line).isEmpty();
            }
        }
    }

    private static final Pattern QUOTED = Pattern.compile("'([^']+)'");

    /** What the console suggests for {@code typo}: the quoted words after "did you mean". */
    private List<String> suggestionsFor(String... typo) {
        assertThat(run(typo)).as("%s", List.of(typo)).isEqualTo(ExitCode.BAD_INPUT);
        String said = err.toString();
        assertThat(said).contains("unknown command").doesNotContain("'help " + typo[typo.length - 1] + "'");
        List<String> suggested = new ArrayList<>();
        int at = said.indexOf("did you mean");
        if (at >= 0) {
            String rest = said.substring(at, said.indexOf('\n', at));
            Matcher quoted = QUOTED.matcher(rest);
            while (quoted.find()) {
                suggested.add(quoted.group(1));
            }
            if (suggested.isEmpty()) { // "one of: a, b, c?"
                suggested.addAll(Arrays.asList(rest.substring(rest.indexOf(':') + 1).replace("?", "").strip()
                        .split(",\\s*")));
            }
        }
        return suggested;
    }

    @Test
    void anUnknownCommandSuggestsOnlyCommandsTheConsoleAccepts() {
        List<String> typos = List.of("staus", "chekc", "lod", "stpo", "sesions", "hlep", "quti", "aprove", "devise",
                "subjet", "thresold", "confrim", "reprot", "pasue", "resme", "strat", "arn", "profle", "sess", "thr",
                "clera", "clear", "xyzzy", "stat", "wiat", "opertor", "contineu");
        int suggested = 0;
        for (String typo : typos) {
            for (String[] line : List.of(new String[]{typo}, new String[]{"help", typo})) {
                List<String> suggestions = suggestionsFor(line);
                suggested += suggestions.isEmpty() ? 0 : 1;
                for (String suggestion : suggestions) {
                    assertThat(run("help", suggestion)).as("%s -> help %s: %s", typo, suggestion, err).isZero();
                    assertThat(run(suggestion, "--help")).as("%s -> %s --help: %s", typo, suggestion, err).isZero();
                }
            }
        }
        assertThat(suggested).isGreaterThan(40);
        assertThat(suggestionsFor("staus")).startsWith("status");
        assertThat(suggestionsFor("chekc")).startsWith("check");
        assertThat(suggestionsFor("thr")).containsExactly("threshold");
        assertThat(suggestionsFor("help", "sesions")).containsExactly("sessions");
    }

    @Test
    void aBadValueForARealCommandPointsToThatCommandsHelp() {
        assertThat(run("load")).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(err.toString()).contains("'help load' shows how to use it");
        assertThat(run("load", "--help")).isZero();
    }

    /** On a terminal picocli would colour the help; the guard then showed its escapes as visible \u001B text. */
    @Test
    void theHelpIsPlainEvenWherePicocliWouldColourIt() {
        System.setProperty("picocli.ansi", "true");
        try {
            assertThat(run("help", "device")).isZero();
            assertThat(out.toString()).contains("Usage: device").doesNotContain("\u001b");
        } finally {
            System.clearProperty("picocli.ansi");
        }
    }

    private static List<String> words(String text) {
        return Arrays.stream(text.split("\\s+")).filter(w -> !w.isEmpty()).toList();
    }

    /** At a 40-column terminal every help fits in 39 columns (one spare) unless a line is one word; no word is split. */
    @Test
    void theHelpWrapsAtWordBoundariesAtTheTerminalsWidth() {
        for (String command : List.of("threshold", "device", "continue", "approve", "help")) {
            columns = 1001;
            assertThat(run("help", command)).isZero();
            String wide = out.toString();
            columns = 40;
            assertThat(run("help", command)).isZero();
            String narrow = out.toString();
            assertThat(narrow.lines()).as(command).allSatisfy(line ->
                    assertThat(line.length() <= 39 || words(line).size() == 1).as("%s: '%s'", command, line).isTrue());
            assertThat(words(narrow)).as(command).isEqualTo(words(wide));
            assertThat(narrow.lines().count()).as(command).isGreaterThan(wide.lines().count());
        }
    }
}
