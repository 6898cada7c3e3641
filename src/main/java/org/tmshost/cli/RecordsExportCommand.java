package org.tmshost.cli;

import org.tmshost.console.ExitCode;
import org.tmshost.record.PseudonymKey;
import org.tmshost.record.PseudonymisedExport;
import org.tmshost.record.RecordStore;
import org.tmshost.record.ResearchDataset;
import org.tmshost.session.UserAudit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.concurrent.Callable;

/**
 * {@code records export --pseudonymise --key-file F --output DIR}: this host's record as a pooled
 * research dataset (docs/records.md). A key file others can read, or too short, and an output that is
 * not a new or empty directory, are bad input (exit 2) and nothing is written.
 */
@Command(name = "export", description = {"This host's record as a pseudonymised research dataset for pooling "
        + "across centres: tidy CSV and JSON per table, a data dictionary and a manifest (docs/records.md).",
        "Subjects become keyed pseudonyms and every date of a subject's record moves by the subject's keyed shift; "
                + "names, free text and paths are left out. One key gives the same pseudonyms on every host."})
final class RecordsExportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--pseudonymise", required = true, description = "Required: the only export this command "
            + "writes is pseudonymised.")
    boolean pseudonymise;

    @Option(names = "--key-file", required = true, paramLabel = "FILE", description = "The study's key: one line of "
            + "at least 64 hex digits (openssl rand -hex 32), readable by its owner only (chmod 600).")
    Path keyFile;

    @Option(names = "--output", required = true, paramLabel = "DIR", description = "A new or empty directory.")
    Path output;

    /** The manifest's export time; tests set a fixed one. */
    InstantSource clock = InstantSource.system();

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        PseudonymKey key;
        try {
            key = PseudonymKey.read(keyFile);
            ResearchDataset.checkOutput(output);
        } catch (PseudonymKey.Refused | IllegalArgumentException e) {
            err.println("error: " + e.getMessage() + "; nothing was written");
            err.flush();
            return ExitCode.BAD_INPUT;
        }
        String version = TmsHostCommand.class.getPackage().getImplementationVersion();
        ResearchDataset.Written written;
        try (RecordStore store = SessionsCommand.open()) { // the pulse tables are read as they are written
            written = ResearchDataset.write(output, PseudonymisedExport.tables(store, key), key,
                    new ResearchDataset.Provenance(version == null ? "development build" : version,
                            UserAudit.localHostName(), clock.instant()));
        }
        out.println("records export: " + written.files().size() + " files in " + output + " (key check "
                + key.check() + ")");
        written.rows().forEach((table, rows) -> out.printf("  %-26s %9d rows%n", table, rows));
        for (ResearchDataset.WrittenFile f : written.files()) {
            out.printf("  %-32s %11d bytes  sha256 %s%n", f.name(), f.bytes(), f.sha256());
        }
        out.flush();
        return ExitCode.OK;
    }
}
