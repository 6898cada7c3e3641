package org.tmshost.cli;

import org.tmshost.console.ExitCode;
import org.tmshost.console.LocalTimes;
import org.tmshost.record.MeasurementRow;
import org.tmshost.record.RecordStore;
import org.tmshost.record.SubjectId;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "excitability", description = {"Cortical excitability measurements on record (issue 17): "
        + "paired-pulse SICI/ICF and recruitment curves, as 'measure excitability|recruitment' recorded them.",
        "Docs: docs/excitability.md."}, subcommands = ExcitabilityCommand.Show.class)
final class ExcitabilityCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return ExitCode.OK;
    }

    @Command(name = "show", description = {"A subject's measurements, newest first: when, kind, conditions, trials "
            + "given / planned, outcome, device, course, and the results recorded at completion (the test-alone MEP "
            + "and each ratio with its 95%% CI; a recruitment curve's Boltzmann fit).",
            "With --measurement ID: one measurement in full, its results table, every trial, and whether its "
                    + "record verifies.",
            "Exit codes: 0 shown (also when the subject has none); 2 a refused subject id or an unknown measurement."})
    static final class Show implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "SUBJECT", arity = "0..1", description = "The subject (or --measurement).")
        String subject;

        @Option(names = "--measurement", paramLabel = "ID", description = "One measurement in full.")
        Long measurement;

        @Option(names = "--json", description = "JSON: an array of measurements (one object with its trials "
                + "with --measurement), each with the recorded results under \"results\".")
        boolean json;

        @Override
        public Integer call() throws IOException {
            if ((subject == null) == (measurement == null)) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "give a SUBJECT or --measurement ID (one of them)");
            }
            PrintWriter out = spec.commandLine().getOut();
            // a refused id (a control character, a space inside) is SubjectIdRefused: error: ..., exit 2
            Optional<String> id = Optional.ofNullable(subject).map(s -> SubjectId.of(s).value());
            try (RecordStore store = SessionsCommand.open()) {
                MeasurementListing listing = new MeasurementListing(store, LocalTimes.ofSystem());
                if (id.isPresent()) {
                    return listing.list(id.get(), json, out);
                }
                Optional<MeasurementRow> row = store.measurement(measurement);
                if (row.isEmpty()) {
                    spec.commandLine().getErr().println("error: no measurement " + measurement
                            + " in the record; 'tmshost excitability show SUBJECT' lists a subject's");
                    return ExitCode.BAD_INPUT;
                }
                return listing.show(row.get(), json, out);
            }
        }
    }
}
