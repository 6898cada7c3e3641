package org.tmshost.cli;

import org.tmshost.console.CheckOutput;
import org.tmshost.console.ExitCode;
import org.tmshost.profile.HardwareProfile;
import org.tmshost.protocol.ProtocolLibrary;
import org.tmshost.safety.DoseHistory;
import org.tmshost.safety.Severity;
import org.tmshost.safety.Verdict;
import org.tmshost.yaml.InvalidFileException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.time.Instant;
import java.util.concurrent.Callable;

@Command(name = "check", description = "Expand a protocol and check it against the safety envelope; nothing fires.")
final class CheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    PlanRequest request;

    @Option(names = "--json", description = "Machine-readable output (contracts.md §3).")
    boolean json;

    @Override
    public Integer call() throws InvalidFileException {
        ProtocolLibrary.Entry entry = request.protocolEntry();
        HardwareProfile hardware = request.hardwareProfile();
        Verdict verdict = request.envelope().check(entry.protocol(), request.motorThresholds(spec), hardware,
                DoseHistory.none(Instant.now()));
        var out = spec.commandLine().getOut();
        if (json) {
            CheckOutput.printJson(out, CheckOutput.json(entry.name(), hardware, entry.protocol(), verdict));
        } else {
            CheckOutput.printText(out, entry.name(), hardware, entry.protocol(), verdict);
        }
        return exitCode(verdict);
    }

    static int exitCode(Verdict verdict) {
        return verdict.level() == Severity.PASS ? ExitCode.OK : ExitCode.SAFETY_REFUSED;
    }
}
