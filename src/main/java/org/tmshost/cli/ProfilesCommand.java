package org.tmshost.cli;

import org.tmshost.console.ExitCode;
import org.tmshost.profile.HardwareProfile;
import org.tmshost.profile.HardwareProfiles;
import org.tmshost.yaml.InvalidFileException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "profiles", description = "Hardware profiles (./hardware-profiles or $TMSHOST_PROFILES, then the jar's own).",
        subcommands = ProfilesCommand.Show.class)
final class ProfilesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InvalidFileException {
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "%-22s %-18s %6s %9s  %s%n", "NAME", "WIRE", "MAX%", "MIN-IPI", "MODEL");
        for (String name : HardwareProfiles.names()) {
            HardwareProfile profile = HardwareProfiles.load(name);
            out.printf(Locale.ROOT, "%-22s %-18s %6d %6s ms  %s%s%n", name, profile.wireProtocol(),
                    profile.limits().maxOutputPercentMso(),
                    profile.limits().minInterPulseIntervalMs().stripTrailingZeros().toPlainString(), profile.model(),
                    profile.simulation() ? "  [SIMULATION]" : "");
        }
        return ExitCode.OK;
    }

    @Command(name = "show", description = "Print a hardware profile file.")
    static final class Show implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "NAME")
        String name;

        @Override
        public Integer call() throws InvalidFileException {
            HardwareProfiles.load(name); // validates it, so a broken profile is reported, not printed
            spec.commandLine().getOut().print(HardwareProfiles.text(name));
            return ExitCode.OK;
        }
    }
}
