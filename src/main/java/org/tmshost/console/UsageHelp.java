package org.tmshost.console;

import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.IHelpSectionRenderer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntSupplier;

/**
 * The usage help of a picocli command tree (the command line's and the console's): every command and
 * sub-command answers {@code -h} and {@code --help}, and its help is wrapped at word boundaries at the
 * terminal's width ({@link WordWrap}). Picocli lays the help out at a width wide enough never to wrap
 * (its own wrapping breaks inside words, after a '/', '?' or '|'), and {@link WordWrap} then wraps
 * each section: option and command lists under their description column, the synopsis under the
 * command's arguments.
 */
public final class UsageHelp {
    /** Picocli's layout width: no line of our help is this long, so picocli itself never wraps. */
    static final int LAYOUT_WIDTH = 1000;

    private UsageHelp() {
    }

    /** Configures {@code root} and every command under it; {@code width} is read each time help is shown. */
    public static void install(CommandLine root, IntSupplier width) {
        for (CommandLine command : tree(root)) {
            CommandSpec spec = command.getCommandSpec();
            addHelpOption(spec);
            spec.usageMessage().width(LAYOUT_WIDTH);
            spec.usageMessage().sectionMap(wrapped(spec.usageMessage().sectionMap(), width));
        }
    }

    /** {@code root} and every command under it, each once (an alias names the same command). */
    public static List<CommandLine> tree(CommandLine root) {
        Set<CommandLine> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<CommandLine> all = new ArrayList<>();
        collect(root, seen, all);
        return all;
    }

    private static void collect(CommandLine command, Set<CommandLine> seen, List<CommandLine> all) {
        if (seen.add(command)) {
            all.add(command);
            for (CommandLine sub : command.getSubcommands().values()) {
                collect(sub, seen, all);
            }
        }
    }

    /** {@code -h, --help} where the command has neither (the root's standard options and picocli's help command keep theirs). */
    private static void addHelpOption(CommandSpec spec) {
        List<String> names = new ArrayList<>();
        for (String name : List.of("-h", "--help")) {
            if (spec.findOption(name) == null) {
                names.add(name);
            }
        }
        if (names.size() == 2 && spec.options().stream().noneMatch(OptionSpec::usageHelp)) {
            spec.addOption(OptionSpec.builder(names.toArray(String[]::new)).usageHelp(true)
                    .description("Show this help and exit.").build());
        }
    }

    private static Map<String, IHelpSectionRenderer> wrapped(Map<String, IHelpSectionRenderer> sections,
                                                             IntSupplier width) {
        Map<String, IHelpSectionRenderer> result = new LinkedHashMap<>();
        sections.forEach((key, section) -> result.put(key, switch (key) {
            case CommandLine.Model.UsageMessageSpec.SECTION_KEY_SYNOPSIS_HEADING -> help -> "";
            case CommandLine.Model.UsageMessageSpec.SECTION_KEY_SYNOPSIS -> help -> synopsis(help, section, width);
            default -> help -> WordWrap.wrap(section.render(help), width.getAsInt());
        }));
        return result;
    }

    /**
     * "Usage: " and the synopsis as one, continuation lines under the arguments; the console's
     * commands have a root without a name, which picocli would show as a second space.
     */
    private static String synopsis(Help help, IHelpSectionRenderer section, IntSupplier width) {
        String heading = help.synopsisHeading();
        String synopsis = section.render(help).stripLeading();
        int indent = heading.length() + help.commandSpec().qualifiedName().strip().length() + 1;
        return WordWrap.wrap(heading + synopsis, width.getAsInt(), indent);
    }
}
