package org.tmshost.cli;

import org.tmshost.console.ExitCode;
import org.tmshost.profile.LimitsFile;
import org.tmshost.profile.SiteLimits;
import org.tmshost.safety.SafetyEnvelope;
import org.tmshost.yaml.InvalidFileException;
import org.tmshost.yaml.PrintableText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "policy", description = {"The site policy in force: installed into the site by a supervisor, else "
        + "the one shipped in the jar.", "A session under any other file (--policy FILE) needs a supervisor's "
        + "approval (rule site.policy-not-installed)."}, subcommands = PolicyCommand.Install.class)
final class PolicyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InvalidFileException {
        SafetyEnvelope envelope = SafetyEnvelope.inForce(SiteLimits.current());
        LimitsFile file = envelope.policyFile();
        PrintWriter out = spec.commandLine().getOut();
        out.println("policy    " + PrintableText.escaped(envelope.policyName()));
        out.println("file      " + PrintableText.escaped(file.path()));
        out.println("sha256    " + file.sha256());
        out.println("standing  " + file.standing().label() + " (" + PrintableText.escaped(file.provenance()) + ")");
        return file.standing().inForce() ? ExitCode.OK : ExitCode.SAFETY_REFUSED;
    }

    @Command(name = "install", description = {"Install a site policy ($TMSHOST_HOME/limits/site-policy.yaml), "
            + "replacing the one in force; recorded with its text, SHA-256, who and when.", "Needs a supervisor: "
            + "--as NAME, the password asked without echo or read from standard input (one line)."})
    static final class Install implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "FILE")
        Path file;

        @Mixin
        SupervisorCredentials supervisor;

        @Override
        public Integer call() throws InvalidFileException, IOException {
            String text = LimitsInstaller.read(file, "site policy");
            // validated (hard bounds included) before anyone is asked for a password
            SafetyEnvelope envelope = SafetyEnvelope.withPolicy(file);
            return LimitsInstaller.install("policy", envelope.policyName(), file, text, supervisor,
                    (site, by, at) -> site.installPolicy(text, by, at),
                    spec.commandLine().getOut(), spec.commandLine().getErr());
        }
    }
}
