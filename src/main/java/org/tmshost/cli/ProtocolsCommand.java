package org.tmshost.cli;

import org.tmshost.yaml.Durations;
import org.tmshost.console.ExitCode;
import org.tmshost.protocol.ProtocolLibrary;
import org.tmshost.protocol.PulsePlan;
import org.tmshost.yaml.InvalidFileException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "protocols", description = "The built-in protocol library.",
        subcommands = ProtocolsCommand.Show.class)
final class ProtocolsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "%-16s %-13s %7s %12s  %s%n", "NAME", "KIND", "PULSES", "DURATION", "CITATION");
        for (ProtocolLibrary.Entry entry : ProtocolLibrary.all()) {
            PulsePlan timeline = entry.protocol().timeline();
            out.printf(Locale.ROOT, "%-16s %-13s %7d %12s  %s%n", entry.name(), entry.protocol().kind().fileName(),
                    timeline.pulseCount(), Durations.human(timeline.durationNanos()), entry.protocol().citation());
        }
        return ExitCode.OK;
    }

    @Command(name = "show", description = "Print a protocol file (library name or path).")
    static final class Show implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "NAME")
        String name;

        @Override
        public Integer call() throws InvalidFileException {
            spec.commandLine().getOut().print(ProtocolLibrary.resolve(name).text());
            return ExitCode.OK;
        }
    }
}
