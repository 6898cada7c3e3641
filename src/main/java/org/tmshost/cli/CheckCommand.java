package org.tmshost.cli;

import org.tmshost.console.CheckOutput;
import org.tmshost.console.ExitCode;
import org.tmshost.console.SubjectEntry;
import org.tmshost.profile.HardwareProfile;
import org.tmshost.protocol.ProtocolLibrary;
import org.tmshost.record.RecordStore;
import org.tmshost.record.SubjectId;
import org.tmshost.record.TmsHome;
import org.tmshost.safety.DoseHistory;
import org.tmshost.safety.SafetyEnvelope;
import org.tmshost.safety.Severity;
import org.tmshost.safety.Verdict;
import org.tmshost.session.DoseLedger;
import org.tmshost.yaml.InvalidFileException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.Callable;

@Command(name = "check", description = "Expand a protocol and check it against the safety envelope; nothing fires.")
final class CheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    PlanRequest request;

    @Option(names = "--json", description = "Machine-readable output (contracts.md §3).")
    boolean json;

    @Option(names = "--subject", paramLabel = "ID", description = "Subject id: the dose ledger (pulses today, the "
            + "intersession interval) under $TMSHOST_HOME is consulted too. Normalised as 'run' does.")
    String subject;

    @Override
    public Integer call() throws InvalidFileException {
        ProtocolLibrary.Entry entry = request.protocolEntry();
        HardwareProfile hardware = request.hardwareProfile();
        SafetyEnvelope envelope = request.envelope();
        Verdict verdict = envelope.check(entry.protocol(), request.motorThresholds(spec), hardware,
                doseHistory(envelope, Instant.now()));
        var out = spec.commandLine().getOut();
        if (json) {
            CheckOutput.printJson(out, CheckOutput.json(entry.name(), hardware, entry.protocol(), verdict));
        } else {
            CheckOutput.printText(out, entry.name(), hardware, entry.protocol(), verdict);
        }
        return exitCode(verdict);
    }

    /** None without {@code --subject}; else the subject's ledger, as 'run' would check it. */
    private DoseHistory doseHistory(SafetyEnvelope envelope, Instant now) {
        if (subject == null) {
            return DoseHistory.none(now);
        }
        try (RecordStore store = RecordStore.open(TmsHome.resolve())) {
            SubjectId id = SubjectEntry.admit(store, subject, envelope);
            return new DoseLedger(store, ZoneId.systemDefault()).history(id.value(), now);
        }
    }

    static int exitCode(Verdict verdict) {
        return verdict.level() == Severity.PASS ? ExitCode.OK : ExitCode.SAFETY_REFUSED;
    }
}
