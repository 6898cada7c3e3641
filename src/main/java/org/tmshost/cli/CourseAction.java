package org.tmshost.cli;

import org.tmshost.console.ExitCode;
import org.tmshost.course.CourseInputRefused;
import org.tmshost.course.Courses;
import org.tmshost.course.OutcomeMeasures;
import org.tmshost.record.RecordStore;
import org.tmshost.record.TmsHome;
import org.tmshost.yaml.InvalidFileException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.InstantSource;
import java.time.ZoneId;
import java.util.concurrent.Callable;

import static org.tmshost.yaml.TerminalText.of;

/**
 * What every {@code course} sub-command does: opens the records as {@code sessions} does (without
 * the host lock, so a course is read and scored while a session runs), takes this host's courses on
 * them with the site's outcome measures, and turns a refusal into {@code error: ...} and exit 2.
 * The course core checks every input before it writes, so a refused command has written nothing.
 */
abstract class CourseAction implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    /** What the command sees: the home, the records, their courses, where to print. */
    record Desk(TmsHome home, RecordStore store, Courses courses, PrintWriter out, PrintWriter err) {
    }

    @Override
    public final Integer call() throws IOException, InvalidFileException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        TmsHome home = TmsHome.resolve();
        try (RecordStore store = SessionsCommand.open()) {
            return run(new Desk(home, store, courses(home, store), out, err));
        } catch (CourseInputRefused e) {
            err.println("error: " + of(e.getMessage()));
            return ExitCode.BAD_INPUT;
        }
    }

    /**
     * The courses on {@code store}, on the wall clock in the system's zone: the clock and zone
     * sessions record their days in ({@code SessionSettings.defaults}), so a course and its
     * sessions agree on what "today" is.
     */
    static Courses courses(TmsHome home, RecordStore store) throws InvalidFileException {
        return new Courses(store, OutcomeMeasures.load(home.outcomes()), InstantSource.system(), ZoneId.systemDefault());
    }

    /** Runs the command; returns its exit code. */
    abstract int run(Desk desk) throws CourseInputRefused, IOException, InvalidFileException;
}
