package org.tmshost.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tmshost.testing.TestStores;
import org.tmshost.record.RecordStore;
import org.tmshost.testing.TmsHostCli;
import org.tmshost.yaml.ContentDigest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code run --course ID} on {@code sim:simulator} (issue 16): the course's findings join the
 * session's verdict; a refusal writes nothing.
 */
@Tag("unit")
class RunCourseCommandTest {
    /** 2 trains of 5 pulses at 10 Hz at 80% RMT: 40% MSO at an RMT of 50. */
    private static final String SHORT = """
            name: two short trains
            kind: rtms
            frequencyHz: 10
            pulsesPerTrain: 5
            trains: 2
            interTrainIntervalSeconds: 1
            intensity: 80% RMT
            """;

    @TempDir
    Path home;
    private TmsHostCli cli;
    private Path protocol;
    private Path profile;

    @BeforeEach
    void site() throws IOException {
        cli = new TmsHostCli(home);
        cli.addSiteUsers();
        protocol = Files.writeString(home.resolve("short.yaml"), SHORT);
        profile = cli.relaxedSimulatorProfile();
    }

    @AfterEach
    void restore() {
        cli.close();
    }

    private void plan(String... more) {
        String[] args = {"course", "plan", "c1", "--subject", "s1", "--new-subject", "--protocol", protocol.toString(),
                "--sessions", "3", "--schedule", "daily", "--operator", "op1"};
        assertThat(cli.run("", concat(args, more))).as(cli.err()).isZero();
    }

    private String[] run(String... more) {
        return concat(new String[]{"run", protocol.toString(), "--course", "c1", "--device", "sim:simulator",
                "--profile", profile.toString(), "--rmt", "50", "--mt-method", "emg", "--subject", "s1", "--operator",
                "op1", "--yes"}, more);
    }

    private JsonNode json(String... args) throws Exception {
        assertThat(cli.run("", args)).as(cli.err()).isZero();
        return new ObjectMapper().readTree(cli.out());
    }

    @Test
    void aSecondSessionTheSameDayNeedsASupervisorsApprovalWhichIsRecorded() throws Exception {
        plan();
        assertThat(cli.run("", run())).as(cli.out() + cli.err()).isZero();
        assertThat(cli.out()).contains("course c1: session 1 of 3 (0 done, 0 missed)").contains("COMPLETED");
        JsonNode c = json("course", "show", "c1", "--json");
        assertThat(c.get("completedSessions").asInt()).isEqualTo(1);
        JsonNode first = c.get("sessions").get(0);
        assertThat(first.get("number").asInt()).isEqualTo(1);
        assertThat(first.get("deliveredPulses").asInt()).isEqualTo(10);
        assertThat(first.get("maxOutputPercentMso").asInt()).isEqualTo(40);
        assertThat(first.get("date").asText()).isEqualTo(c.get("today").asText());

        assertThat(cli.run("", run())).as(cli.out() + cli.err()).isEqualTo(3);
        assertThat(cli.out()).contains("course c1: session 2 of 3 (1 done, 0 missed; needs course.same-day)")
                .contains("course.same-day");
        assertThat(cli.err()).contains("--approve-as");
        assertThat(json("course", "show", "c1", "--json").get("completedSessions").asInt()).isEqualTo(1);

        assertThat(cli.run("supervisor-pass\n", run("--approve-as", "sup", "--reason", "twice daily per amendment 3")))
                .as(cli.out() + cli.err()).isZero();
        assertThat(cli.out()).contains("overrides approved by sup: twice daily per amendment 3");
        c = json("course", "show", "c1", "--json");
        assertThat(c.get("completedSessions").asInt()).isEqualTo(2);
        long second = c.get("sessions").get(1).get("sessionId").asLong();
        assertThat(cli.run("", "sessions", "show", Long.toString(second))).isZero();
        assertThat(cli.out()).contains("override: course.same-day approved by sup: twice daily per amendment 3");
        assertThat(c.get("changes").get(c.get("changes").size() - 1).get("detail").asText())
                .contains("session " + second).contains("needing course.same-day");
    }

    /** Before its first session (no dose-ledger finding), the course's own findings alone refuse without approval. */
    @Test
    void anotherProtocolOrADayBeforeTheStartNeedsASupervisorsApproval() throws Exception {
        plan("--start", java.time.LocalDate.now(java.time.ZoneId.systemDefault()).plusDays(1).toString());
        assertThat(cli.run("", run())).as(cli.out() + cli.err()).isEqualTo(3);
        assertThat(cli.out()).contains("needs course.off-schedule").contains("NEEDS_OVERRIDE")
                .contains("is not a treatment day of course c1");
        assertThat(cli.err()).contains("NEEDS_OVERRIDE findings need a supervisor");

        Path other = Files.writeString(home.resolve("other.yaml"), SHORT.replace("trains: 2", "trains: 1"));
        String[] otherProtocol = run();
        otherProtocol[1] = other.toString();
        assertThat(cli.run("", otherProtocol)).isEqualTo(3);
        assertThat(cli.out()).contains("course.protocol").contains("is not the course's " + protocol);
        assertThat(json("course", "show", "c1", "--json").get("sessions")).isEmpty();
    }

    @Test
    void aProtocolFileChangedSinceTheCourseWasPlannedIsRefusedNamingBothHashesAndWritesNothing() throws Exception {
        plan();
        String planned = ContentDigest.sha256(SHORT);
        String changed = SHORT.replace("pulsesPerTrain: 5", "pulsesPerTrain: 6");
        Files.writeString(protocol, changed);

        assertThat(cli.run("", run())).as(cli.out() + cli.err()).isEqualTo(2);
        assertThat(cli.err()).startsWith("error: protocol " + protocol + " changed since course c1 was planned")
                .contains(planned).contains(ContentDigest.sha256(changed));
        assertThat(json("sessions", "--json")).as("no session prepared").isEmpty();
        assertThat(json("course", "show", "c1", "--json").get("changes")).as("no course change").hasSize(1);

        // the course keeps the text it was planned with: run that, byte for byte
        Path kept = home.resolve("c1.yaml");
        assertThat(cli.run("", "course", "protocol", "c1", "--output", kept.toString())).as(cli.err()).isZero();
        assertThat(Files.readString(kept)).isEqualTo(SHORT);
        assertThat(cli.run("", "course", "protocol", "c1", "--output", kept.toString())).isEqualTo(2);
        assertThat(cli.err()).contains("exists");
        assertThat(Files.readString(kept)).isEqualTo(SHORT);

        String[] anotherSubject = run();
        anotherSubject[Arrays.asList(anotherSubject).indexOf("s1")] = "s2";
        assertThat(cli.run("", anotherSubject)).isEqualTo(2);
        assertThat(cli.err()).contains("course c1 is subject s1's, not s2's");
        assertThat(json("sessions", "--json")).isEmpty();
    }

    @Test
    void aSeizureBlocksTheCourseUntilASupervisorResumesItAndAClosedCourseRunsNothing() throws Exception {
        plan();
        assertThat(cli.run("", "course", "event", "c1", "--kind", "seizure", "--severity", "moderate", "--operator",
                "op1")).isZero();

        assertThat(cli.run("supervisor-pass\n", run("--approve-as", "sup", "--reason", "try anyway")))
                .as("BLOCKED: no approval lets it run").isEqualTo(3);
        assertThat(cli.out()).contains("course.suspended").contains("BLOCKED");
        assertThat(cli.run("operator-pass\n", "course", "resume", "c1", "--as", "op1", "--reason", "fine now"))
                .isEqualTo(2);
        assertThat(cli.run("", run())).isEqualTo(3);

        assertThat(cli.run("supervisor-pass\n", "course", "resume", "c1", "--as", "sup", "--reason", "EEG normal"))
                .as(cli.err()).isZero();
        assertThat(cli.run("", run())).as(cli.out() + cli.err()).isZero();
        JsonNode c = json("course", "show", "c1", "--json");
        assertThat(c.get("completedSessions").asInt()).isEqualTo(1);
        assertThat(c.get("sessions")).hasSize(1);

        assertThat(cli.run("", "course", "close", "c1", "--reason", "withdrew consent", "--operator", "op1")).isZero();
        assertThat(cli.run("supervisor-pass\n", run("--approve-as", "sup", "--reason", "one more"))).isEqualTo(3);
        assertThat(cli.out()).contains("course.closed");
        assertThat(json("course", "show", "c1", "--json").get("completedSessions").asInt()).isEqualTo(1);
    }

    @Test
    void aWeeklyCourseRunsWithoutRmtOnTheSubjectsStoredOneAndAPerSessionCourseDoesNot() throws Exception {
        plan("--thresholds", "week");
        try (RecordStore store = TestStores.open(home.resolve("records.db"))) {
            store.recordThreshold("s1", "RMT", 50.0, "EMG", Instant.now().minusSeconds(3600), "simulator");
        }
        String[] withoutRmt = java.util.Arrays.stream(run()).filter(a -> !a.equals("--rmt") && !a.equals("50"))
                .toArray(String[]::new);
        assertThat(cli.run("", withoutRmt)).as(cli.out() + cli.err()).isZero();
        try (RecordStore store = TestStores.open(home.resolve("records.db"))) {
            var session = store.courseSessions(store.course("c1").orElseThrow().id()).get(0);
            assertThat(session.state()).isEqualTo("COMPLETED");
            assertThat(session.rmtPercentMso()).contains(50.0);
            assertThat(session.mtMethod()).contains("EMG");
        }

        cli.run("", "course", "plan", "c2", "--subject", "s1", "--protocol", protocol.toString(), "--sessions", "3",
                "--schedule", "daily", "--operator", "op1");
        String[] c2 = java.util.Arrays.stream(withoutRmt).map(a -> a.equals("c1") ? "c2" : a).toArray(String[]::new);
        assertThat(cli.run("supervisor-pass\n", concat(c2, "--approve-as", "sup", "--reason", "second course")))
                .as("a per-session course needs today's RMT").isEqualTo(3);
        assertThat(cli.out() + cli.err()).contains("mt.missing").contains("BLOCKED");
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
