package org.tmshost.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tmshost.course.Course;
import org.tmshost.course.CourseExport;
import org.tmshost.course.ExportedCourse;
import org.tmshost.course.ExportedCourse.SetClock;
import org.tmshost.record.RecordStore;
import org.tmshost.record.TmsHome;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code course export ID --format csv|json [--table scores|events] [--output FILE]}. */
@Tag("unit")
class CourseExportCommandTest {
    @TempDir
    Path home;
    private String previousHome;
    private String scores;
    private String events;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void record() throws Exception {
        previousHome = System.getProperty(TmsHome.PROPERTY);
        System.setProperty(TmsHome.PROPERTY, home.toString());
        try (RecordStore store = RecordStore.open(TmsHome.resolve().database())) {
            Course course = ExportedCourse.record(store, new SetClock(Instant.EPOCH), "m1-short", "gone by evening");
            CourseExport export = CourseExport.of(store, course, ExportedCourse.FOLLOW_UP_DAY);
            scores = export.scoresCsv();
            events = export.eventsCsv();
        }
    }

    @AfterEach
    void restore() {
        if (previousHome == null) {
            System.clearProperty(TmsHome.PROPERTY);
        } else {
            System.setProperty(TmsHome.PROPERTY, previousHome);
        }
    }

    /** Runs the command on the follow-up day (10:00 in Berlin). */
    private int run(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        CourseExportCommand command = new CourseExportCommand();
        command.clock = () -> Instant.parse("2026-06-18T08:00:00Z");
        CommandLine line = new CommandLine(command);
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        return line.execute(args);
    }

    @Test
    void writesTheScoresTableToStandardOutputAndTheEventsTableToAFile() throws Exception {
        assertThat(run("c1", "--format", "csv")).as(err.toString()).isZero();
        assertThat(out.toString()).isEqualTo(scores).startsWith("course,subject,protocol,");
        Path file = home.resolve("c1-events.csv");
        assertThat(run("c1", "--format", "csv", "--table", "events", "--output", file.toString())).as(err.toString())
                .isZero();
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo(events).contains("gone by evening");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void theJsonStandsOnTheCommandsToday() throws Exception {
        assertThat(run(" c1 ", "--format", "json")).as(err.toString()).isZero();
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.get("course").get("standing").get("today").asText()).isEqualTo("2026-06-18");
        assertThat(json.get("sessions")).hasSize(4);
        assertThat(json.get("adverseEvents")).hasSize(2);
        assertThat(out.toString()).endsWith("}\n");
    }

    @Test
    void anUnknownCourseIsBadInputNamingTheCoursesThereAre() {
        assertThat(run("c9", "--format", "csv")).isEqualTo(2);
        assertThat(err.toString()).contains("no course 'c9' on this host; the courses are: c1");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void aFormatOrTableItDoesNotWriteIsBadInputAndWritesNothing() {
        Path file = home.resolve("x.csv");
        assertThat(run("c1", "--format", "xlsx", "--output", file.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--format must be csv or json, not 'xlsx'");
        assertThat(run("c1", "--format", "csv", "--table", "pulses", "--output", file.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--table must be scores or events, not 'pulses'");
        assertThat(run("c1", "--format", "json", "--table", "events", "--output", file.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--table applies to --format csv");
        assertThat(file).doesNotExist();
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void anOutputThatCannotBeWrittenIsBadInputNamingTheFile() {
        Path file = home.resolve("no-such-dir").resolve("c1.csv");
        assertThat(run("c1", "--format", "csv", "--output", file.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--output " + file + ": cannot write it: its directory does not exist");
    }
}
