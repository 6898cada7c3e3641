package org.tmshost.cli;

import org.tmshost.console.ExitCode;
import org.tmshost.course.Course;
import org.tmshost.course.CourseExport;
import org.tmshost.course.CourseInputRefused;
import org.tmshost.course.Courses;
import org.tmshost.course.OutcomeMeasures;
import org.tmshost.record.RecordStore;
import org.tmshost.record.TmsHome;
import org.tmshost.yaml.InvalidFileException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Path;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.concurrent.Callable;

/**
 * {@code course export ID --format csv|json [--table scores|events] [--output FILE]}: a course's
 * record as tidy tables (docs/exports.md). Bad input is exit 2 naming the option or the course.
 */
@Command(name = "export", description = {"A course as tidy CSV (one row per outcome score, plus one per session "
        + "without a score; --table events: the adverse events) or as one JSON object (plan, standing, sessions, "
        + "scores, adverse events, per-measure summaries).", "Columns and fields: docs/exports.md."})
final class CourseExportCommand implements Callable<Integer> {
    static final String SCORES = "scores";
    static final String EVENTS = "events";

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "ID", description = "The course.")
    String id;

    @Option(names = "--format", required = true, paramLabel = "csv|json",
            description = "csv: one table (--table); json: the whole course in one object.")
    String format;

    @Option(names = "--table", paramLabel = "scores|events", defaultValue = SCORES,
            description = "CSV only: the scores table (default) or the adverse events table; the JSON holds both.")
    String table;

    @Option(names = "--output", paramLabel = "FILE", description = "Write to FILE instead of standard output.")
    Path output;

    /** Where "today" comes from (where the course stands, which days were missed); tests set a fixed one. */
    InstantSource clock = InstantSource.system();

    @Override
    public Integer call() throws IOException, InvalidFileException {
        if (!format.equals("csv") && !format.equals("json")) {
            throw bad("--format must be csv or json, not '" + format + "'");
        }
        if (!table.equals(SCORES) && !table.equals(EVENTS)) {
            throw bad("--table must be scores or events, not '" + table + "'");
        }
        if (format.equals("json") && !table.equals(SCORES)) {
            throw bad("--table applies to --format csv; the JSON holds the scores and the adverse events");
        }
        OutcomeMeasures measures = OutcomeMeasures.load(TmsHome.resolve().outcomes());
        String text;
        try (RecordStore store = SessionsCommand.open()) {
            Course course;
            try {
                course = new Courses(store, measures, clock, ZoneId.systemDefault()).course(id);
            } catch (CourseInputRefused e) {
                throw bad(e.getMessage());
            }
            LocalDate today = clock.instant().atZone(course.zone()).toLocalDate();
            CourseExport export = CourseExport.of(store, course, today);
            text = format.equals("json") ? export.json() : table.equals(EVENTS) ? export.eventsCsv() : export.scoresCsv();
        }
        if (output == null) {
            spec.commandLine().getOut().print(text);
            spec.commandLine().getOut().flush();
        } else {
            ExportRequest.write(output, text, spec);
        }
        return ExitCode.OK;
    }

    private CommandLine.ParameterException bad(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
