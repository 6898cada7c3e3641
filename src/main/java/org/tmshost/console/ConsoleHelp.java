package org.tmshost.console;

import picocli.CommandLine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import static org.tmshost.yaml.TerminalText.of;

/**
 * The console's help and its answer to a line it cannot run: {@code help COMMAND} and
 * {@code COMMAND --help} for every command, wrapped at the terminal's width; an unknown command is
 * answered with the real commands closest to it (edit distance, or the commands it begins), never
 * with a {@code help} for a command that does not exist.
 */
final class ConsoleHelp {
    private ConsoleHelp() {
    }

    /** Usage help on every command of the desk's command line, and the handler for what does not parse. */
    static void install(CommandLine desk, ConsoleIo io) {
        // plain: picocli's colours on a terminal would reach it escaped, as visible \u001B sequences
        desk.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
        UsageHelp.install(desk, () -> io.width() > 0 ? io.width() - 1 : 80);
        desk.setParameterExceptionHandler((e, args) -> {
            String unknown = unknownCommand(desk, args);
            if (unknown != null) {
                io.err().println("error: unknown command '" + of(unknown) + "'" + didYouMean(desk, unknown));
                io.err().println("  'help' lists the commands");
            } else {
                io.err().println("error: " + e.getMessage());
                io.err().println("  'help " + e.getCommandLine().getCommandName() + "' shows how to use it");
            }
            return ExitCode.BAD_INPUT;
        });
    }

    /** The word of {@code args} that should have named a command and does not (also after {@code help}), or null. */
    private static String unknownCommand(CommandLine desk, String[] args) {
        if (args.length == 0) {
            return null;
        }
        if (!desk.getSubcommands().containsKey(args[0])) {
            return args[0];
        }
        if (args[0].equals("help") && args.length > 1 && !args[1].startsWith("-")
                && !desk.getSubcommands().containsKey(args[1])) {
            return args[1];
        }
        return null;
    }

    private static String didYouMean(CommandLine desk, String typed) {
        List<String> close = suggestions(desk.getSubcommands().keySet(), typed);
        if (close.isEmpty()) {
            return "";
        }
        return close.size() == 1 ? "; did you mean '" + close.get(0) + "'?"
                : "; did you mean one of: " + String.join(", ", close) + "?";
    }

    /**
     * The commands closest to {@code typed}: those within a small edit distance (a letter missed,
     * added, changed or two swapped; up to a third of the word), and those that {@code typed} begins.
     */
    static List<String> suggestions(Set<String> commands, String typed) {
        String word = typed.toLowerCase(Locale.ROOT);
        int allowed = Math.max(1, Math.min(3, word.length() / 3));
        TreeSet<String> close = new TreeSet<>(Comparator.comparingInt((String c) -> distance(word, c))
                .thenComparing(Comparator.naturalOrder()));
        for (String command : commands) {
            if (distance(word, command) <= allowed || (word.length() >= 2 && command.startsWith(word))) {
                close.add(command);
            }
        }
        return new ArrayList<>(close).subList(0, Math.min(3, close.size()));
    }

    /** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
