package org.tmshost.cli;

import org.tmshost.console.ExitCode;
import org.tmshost.course.Course;
import org.tmshost.course.CourseInputRefused;
import org.tmshost.course.Courses;
import org.tmshost.course.OutcomeMeasures;
import org.tmshost.record.RecordStore;
import org.tmshost.record.TmsHome;
import org.tmshost.report.CourseReport;
import org.tmshost.yaml.InvalidFileException;
import org.tmshost.yaml.TerminalText;
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
 * {@code course report ID [--output FILE.html]} (contracts.md §6): the course's self-contained HTML
 * report, as it stands today in the course's own zone, written to {@code course-ID.html} in the
 * current directory unless {@code --output} says where.
 */
@Command(name = "report", description = {"A treatment course's self-contained HTML report, to print on A4 and sign: "
        + "a one-page summary (where the course stands, change from baseline, responder status, adverse events), "
        + "then pain before and after each session with the responder lines, pulses and output per session, motor "
        + "threshold over time and adverse events on the same days; every chart also as a table.",
        "Writes course-ID.html in the current directory unless --output names the file."})
public final class CourseReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "ID", description = "The course ('tmshost course list' lists them).")
    String id;

    @Option(names = "--output", paramLabel = "FILE.html", description = "Where to write the report "
            + "(default: course-ID.html in the current directory).")
    Path output;

    private final InstantSource clock;
    private final Path directory;

    public CourseReportCommand() {
        this(InstantSource.system(), Path.of(""));
    }

    /**
     * On {@code clock} (the day the report says the course stands on), writing by default into
     * {@code directory} (tests set both).
     */
    CourseReportCommand(InstantSource clock, Path directory) {
        this.clock = clock;
        this.directory = directory;
    }

    @Override
    public Integer call() throws IOException {
        TmsHome home = TmsHome.resolve();
        OutcomeMeasures measures;
        try {
            measures = OutcomeMeasures.load(home.outcomes());
        } catch (InvalidFileException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        try (RecordStore store = SessionsCommand.open()) {
            Course course;
            try {
                course = new Courses(store, measures, clock, ZoneId.systemDefault()).course(id);
            } catch (CourseInputRefused e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
            LocalDate today = clock.instant().atZone(course.zone()).toLocalDate();
            Path file = output != null ? output : directory.resolve("course-" + course.name() + ".html");
            ExportRequest.write(file, CourseReport.render(store, course, today), spec);
            spec.commandLine().getOut().println("report: " + TerminalText.of(file.toString()));
            return ExitCode.OK;
        }
    }
}
