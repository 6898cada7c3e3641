package org.tmshost.cli;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.tmshost.console.ExitCode;
import org.tmshost.console.UsageHelp;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 15: {@code protocols --help} and {@code users add --help} were errors. Every command and
 * sub-command of picocli's whole tree (a command added later included) answers {@code --help} and
 * {@code -h} with exit 0 and its usage; the help wraps at word boundaries at the terminal's width.
 */
@Tag("unit")
class UsageHelpTest {
    private record Run(int exitCode, String out, String err) {
    }

    private static CommandLine tree(int width) {
        return TmsHostCommand.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()),
                () -> width);
    }

    /** Each command's words after {@code tmshost}, e.g. [users, add]. */
    private static List<List<String>> everyCommand() {
        List<List<String>> all = new ArrayList<>();
        for (CommandLine command : UsageHelp.tree(tree(80))) {
            List<String> path = new ArrayList<>(Arrays.asList(command.getCommandSpec().qualifiedName().split(" ")));
            all.add(path.subList(1, path.size()));
        }
        return all;
    }

    private static Run run(List<String> args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = TmsHostCommand.execute(args.toArray(String[]::new), new PrintWriter(out, true),
                new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void everyCommandAndSubCommandAnswersHelpAndDashHWithItsUsage() {
        List<List<String>> commands = everyCommand();
        assertThat(commands).contains(List.of(), List.of("protocols"), List.of("protocols", "show"),
                List.of("users", "add"), List.of("sessions", "export"), List.of("bench", "timing"));
        assertThat(commands).hasSizeGreaterThan(30);
        for (List<String> command : commands) {
            for (String flag : List.of("--help", "-h")) {
                List<String> args = new ArrayList<>(command);
                args.add(flag);
                Run run = run(args);
                String name = String.join(" ", command);
                assertThat(run.exitCode()).as("tmshost %s %s: %s", name, flag, run.err()).isEqualTo(ExitCode.OK);
                assertThat(run.err()).as("tmshost %s %s", name, flag).isEmpty();
                String synopsis = ("Usage: tmshost " + name).strip();
                assertThat(run.out().lines()).as("tmshost %s %s", name, flag)
                        .anyMatch(line -> line.equals(synopsis) || line.startsWith(synopsis + " "))
                        .anyMatch(line -> line.contains("-h, --help"));
            }
        }
    }

    private static String help(CommandLine command) {
        StringWriter text = new StringWriter();
        command.usage(new PrintWriter(text, true));
        return text.toString();
    }

    private static List<String> words(String text) {
        return Arrays.stream(text.split("\\s+")).filter(w -> !w.isEmpty()).toList();
    }

    /** At 40 columns no line is wider, unless it is one word; the words are those of the unwrapped help, none split. */
    @Test
    void everyCommandsHelpWrapsAtWordBoundariesAtTheTerminalsWidth() {
        List<CommandLine> narrow = UsageHelp.tree(tree(40));
        List<CommandLine> wide = UsageHelp.tree(tree(900));
        assertThat(narrow).hasSameSizeAs(wide);
        for (int i = 0; i < narrow.size(); i++) {
            String wrapped = help(narrow.get(i));
            String name = narrow.get(i).getCommandSpec().qualifiedName();
            assertThat(wrapped.lines()).as(name).allSatisfy(line ->
                    assertThat(line.length() <= 40 || words(line).size() == 1).as("%s: '%s'", name, line).isTrue());
            assertThat(words(wrapped)).as(name).isEqualTo(words(help(wide.get(i))));
        }
        assertThat(help(narrow.get(0)).lines()).as("the narrow help is wrapped").anyMatch(line -> line.length() > 30);
    }
}
