package org.tmshost.cli;

import org.tmshost.console.ExitCode;
import org.tmshost.profile.HardwareProfile;
import org.tmshost.profile.HardwareProfiles;
import org.tmshost.profile.LimitsFile;
import org.tmshost.yaml.PrintableText;
import org.tmshost.yaml.InvalidFileException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "profiles", description = {"Hardware profiles (./hardware-profiles or $TMSHOST_PROFILES, then those "
        + "installed into the site, then the jar's own).", "A profile not byte-identical to one shipped or installed "
        + "needs a supervisor's approval for each session (rule site.profile-not-installed)."},
        subcommands = {ProfilesCommand.Show.class, ProfilesCommand.Install.class})
final class ProfilesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InvalidFileException {
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "%-22s %-18s %6s %9s  %-23s %s%n", "NAME", "WIRE", "MAX%", "MIN-IPI", "STANDING",
                "MODEL");
        for (String name : HardwareProfiles.names()) {
            HardwareProfile profile = HardwareProfiles.load(name);
            out.printf(Locale.ROOT, "%-22s %-18s %6d %6s ms  %-23s %s%s%n", PrintableText.escaped(name),
                    profile.wireProtocol(), profile.limits().maxOutputPercentMso(),
                    profile.limits().minInterPulseIntervalMs().stripTrailingZeros().toPlainString(),
                    profile.file().standing().label(), PrintableText.escaped(profile.model()),
                    profile.simulation() ? "  [SIMULATION]" : "");
        }
        return ExitCode.OK;
    }

    @Command(name = "install", description = {"Install a hardware profile into the site ($TMSHOST_HOME/limits), "
            + "under the name it gives itself, replacing a shipped or installed one of that name; recorded with "
            + "its text, SHA-256, who and when.", "Needs a supervisor: --as NAME, the password asked without echo "
            + "or read from standard input (one line)."})
    static final class Install implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "FILE")
        Path file;

        @Mixin
        SupervisorCredentials supervisor;

        @Override
        public Integer call() throws InvalidFileException, IOException {
            String text = LimitsInstaller.read(file, "hardware profile");
            // validated (hard bounds included) before anyone is asked for a password
            HardwareProfile profile = HardwareProfiles.parse(LimitsFile.of(file.toString(), text,
                    LimitsFile.Standing.NOT_INSTALLED, "being installed"));
            return LimitsInstaller.install("profile", profile.name(), file, text, supervisor,
                    (site, by, at) -> site.installProfile(profile.name(), text, by, at),
                    spec.commandLine().getOut(), spec.commandLine().getErr());
        }
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
