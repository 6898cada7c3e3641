package org.tmshost.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tmshost.record.RecordStore;
import org.tmshost.record.TmsHome;
import org.tmshost.report.CourseScenario;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code course report ID [--output FILE.html]} on a temporary home holding {@link CourseScenario}'s course. */
@Tag("unit")
class CourseReportCommandTest {
    private static final InstantSource DAY_AFTER = () -> Instant.parse("2026-12-22T10:00:00Z");

    @TempDir
    Path home;
    @TempDir
    Path here;

    private String previousHome;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void aHomeWithTheCourse() throws Exception {
        previousHome = System.getProperty(TmsHome.PROPERTY);
        System.setProperty(TmsHome.PROPERTY, home.toString());
        try (RecordStore store = RecordStore.open(TmsHome.resolve().database())) {
            new CourseScenario(store).run(10, CourseScenario.TARGET, "dull, frontal");
        }
    }

    @AfterEach
    void restoreHome() {
        if (previousHome == null) {
            System.clearProperty(TmsHome.PROPERTY);
        } else {
            System.setProperty(TmsHome.PROPERTY, previousHome);
        }
    }

    private int run(String... args) {
        CommandLine command = new CommandLine(new CourseReportCommand(DAY_AFTER, here));
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        return command.execute(args);
    }

    @Test
    void writesCourseIdDotHtmlInTheCurrentDirectoryAsTheCourseStandsToday() throws Exception {
        assertThat(run(CourseScenario.NAME)).as(err.toString()).isZero();
        Path file = here.resolve("course-" + CourseScenario.NAME + ".html");
        assertThat(out.toString()).isEqualTo("report: " + file + System.lineSeparator());
        String html = Files.readString(file);
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<tr><th>Sessions</th><td>10 done of 10 planned</td></tr>",
                "-57.1% (a 57% reduction, better)", "<tr><th>Responder &ge;50%</th><td><span class='yes'>yes</span>",
                "as it stands on 2026-12-22");
    }

    @Test
    void writesWhereOutputSays() throws Exception {
        Path file = home.resolve("for-the-file.html");
        assertThat(run(CourseScenario.NAME, "--output", file.toString())).as(err.toString()).isZero();
        assertThat(Files.readString(file)).contains("TMS treatment course report");
        assertThat(here.resolve("course-" + CourseScenario.NAME + ".html")).doesNotExist();
    }

    @Test
    void anUnknownCourseIsBadInputNamingTheCoursesThereAre() {
        assertThat(run("no-such-course")).isEqualTo(2);
        assertThat(err.toString()).contains("no course 'no-such-course' on this host; the courses are: "
                + CourseScenario.NAME);
        assertThat(here).isEmptyDirectory();
    }

    @Test
    void anOutputThatCannotBeWrittenIsBadInputSayingWhy() {
        Path file = here.resolve("no-such-dir/report.html");
        assertThat(run(CourseScenario.NAME, "--output", file.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--output " + file + ": cannot write it: its directory does not exist");
    }

    @Test
    void aBrokenSiteOutcomeMeasureIsBadInputNamingItsFile() throws Exception {
        Path measures = Files.createDirectories(home.resolve("outcomes"));
        Files.writeString(measures.resolve("broken.yaml"), "name: broken\nmin: ten\n");
        assertThat(run(CourseScenario.NAME)).isEqualTo(2);
        assertThat(err.toString()).contains("broken.yaml").contains("min");
        assertThat(here).isEmptyDirectory();
    }
}
