package org.tmshost.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tmshost.protocol.ProtocolLibrary;
import org.tmshost.record.CourseRow;
import org.tmshost.record.RecordStore;
import org.tmshost.record.TmsHome;
import org.tmshost.testing.TmsHostCli;
import org.tmshost.yaml.ContentDigest;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * {@code tmshost course} without a device (issue 16, contracts.md §6): plan, list, show, outcome,
 * event, resume, close, their JSON, and every bad input refused with exit 2 and nothing written. Days
 * are the host's "today" (the wall clock in the system's zone), as the commands count them.
 */
@Tag("unit")
class CourseCommandTest {
    @TempDir
    Path home;
    private TmsHostCli cli;
    private LocalDate today;

    @BeforeEach
    void useTempHome() {
        cli = new TmsHostCli(home);
        today = LocalDate.now(ZoneId.systemDefault());
    }

    @AfterEach
    void restore() {
        cli.close();
    }

    private int tmshost(String... args) {
        return cli.run("", args);
    }

    private JsonNode json(String... args) throws Exception {
        assertThat(tmshost(args)).as(cli.err()).isZero();
        return new ObjectMapper().readTree(cli.out());
    }

    private void planC1() {
        assertThat(tmshost("course", "plan", "c1", "--subject", "s1", "--new-subject", "--protocol", "m1-10hz-pain",
                "--sessions", "10", "--schedule", "daily", "--outcome", "pain-nrs,pain-vas", "--target",
                "left M1, hand knob", "--operator", "op1")).as(cli.err()).isZero();
    }

    @Test
    void aPlannedCourseIsListedShownScoredAndClosedWithEveryChangeAudited() throws Exception {
        planC1();
        assertThat(cli.out()).contains("course c1 planned for subject s1: 10 sessions of m1-10hz-pain")
                .contains("next: today");

        assertThat(tmshost("course", "list")).isZero();
        assertThat(cli.out().lines().filter(l -> l.startsWith("c1 "))).singleElement().asString()
                .contains("s1").contains("m1-10hz-pain").contains("0/10").contains("today").endsWith("-");

        assertThat(tmshost("course", "outcome", "c1", "--measure", "pain-nrs", "--before", "7", "--operator", "op1"))
                .as(cli.err()).isZero();
        assertThat(tmshost("course", "outcome", "c1", "--measure", "pain-nrs", "--after", "4", "--operator", "op1"))
                .as(cli.err()).isZero();
        assertThat(cli.out()).contains("pain-nrs: baseline 7, latest 4");
        assertThat(tmshost("course", "outcome", "c1", "--measure", "pain-vas", "--before", "80", "--after", "30",
                "--operator", "op2")).as(cli.err()).isZero();
        assertThat(tmshost("course", "event", "c1", "--kind", "headache", "--severity", "mild", "--note",
                "after the coil was placed", "--operator", "op1")).as(cli.err()).isZero();

        assertThat(tmshost("course", "list")).isZero();
        assertThat(cli.out()).contains("pain-nrs 4 on " + today);
        JsonNode listed = json("course", "list", "--json");
        assertThat(listed).singleElement().satisfies(l -> {
            assertThat(l.get("id").asText()).isEqualTo("c1");
            assertThat(l.get("plannedSessions").asInt()).isEqualTo(10);
            assertThat(l.get("completedSessions").asInt()).isZero();
            assertThat(l.get("missedSessions").asInt()).isZero();
            assertThat(l.get("nextDue").asText()).isEqualTo(today.toString());
            assertThat(l.get("primaryMeasure").asText()).isEqualTo("pain-nrs");
            assertThat(l.get("latest").asDouble()).isEqualTo(4.0);
            assertThat(l.get("latestDate").asText()).isEqualTo(today.toString());
        });

        JsonNode c = json("course", "show", "c1", "--json");
        for (String field : new String[]{"id", "subject", "protocol", "plannedSessions", "completedSessions",
                "missedSessions", "nextDue", "sessions", "baseline", "changeFromBaselinePercent", "responder",
                "adverseEvents", "state", "missedDays", "protocolSha256", "outcomeSummaries", "changes"}) {
            assertThat(c.has(field)).as(field).isTrue();
        }
        assertThat(c.get("id").asText()).isEqualTo("c1");
        assertThat(c.get("subject").asText()).isEqualTo("s1");
        assertThat(c.get("protocol").asText()).isEqualTo("m1-10hz-pain");
        assertThat(c.get("protocolSha256").asText()).isEqualTo(ContentDigest.sha256(
                ProtocolLibrary.builtIn("m1-10hz-pain").orElseThrow().text()));
        assertThat(c.get("target").asText()).isEqualTo("left M1, hand knob");
        assertThat(c.get("targetSite").asText()).isEqualTo("M1 contralateral to pain");
        assertThat(c.get("plannedSessions").asInt()).isEqualTo(10);
        assertThat(c.get("completedSessions").asInt()).isZero();
        assertThat(c.get("missedSessions").asInt()).isZero();
        assertThat(c.get("nextDue").asText()).isEqualTo(today.toString());
        assertThat(c.get("state").asText()).isEqualTo("ACTIVE");
        assertThat(c.get("sessions")).isEmpty();
        // primary measure pain-nrs: 7 -> 4 is a 42.9% reduction, a responder at 30% but not at 50% (IMMPACT)
        assertThat(c.get("baseline").asDouble()).isEqualTo(7.0);
        assertThat(c.get("changeFromBaselinePercent").asDouble()).isCloseTo(-42.857, within(0.001));
        assertThat(c.get("improvementPercent").asDouble()).isCloseTo(42.857, within(0.001));
        assertThat(c.get("responder").get("30").asBoolean()).isTrue();
        assertThat(c.get("responder").get("50").asBoolean()).isFalse();
        assertThat(c.get("mcidReached").asBoolean()).isTrue();
        JsonNode vas = c.get("outcomeSummaries").get(1);
        assertThat(vas.get("measure").asText()).isEqualTo("pain-vas");
        assertThat(vas.get("baseline").asDouble()).isEqualTo(80.0);
        assertThat(vas.get("responder").get("50").asBoolean()).isTrue(); // 80 -> 30: 62.5%
        assertThat(c.get("outcomes")).hasSize(4);
        assertThat(c.get("adverseEvents")).singleElement().satisfies(e -> {
            assertThat(e.get("kind").asText()).isEqualTo("headache");
            assertThat(e.get("severity").asText()).isEqualTo("mild");
            assertThat(e.get("note").asText()).isEqualTo("after the coil was placed");
            assertThat(e.get("date").asText()).isEqualTo(today.toString());
        });
        assertThat(c.get("changes")).singleElement().satisfies(change -> {
            assertThat(change.get("action").asText()).isEqualTo("plan");
            assertThat(change.get("user").asText()).isEqualTo("op1");
        });

        assertThat(tmshost("course", "show", "c1")).isZero();
        assertThat(cli.out()).contains("course c1  ACTIVE  induction")
                .contains("m1-10hz-pain  SHA-256 " + c.get("protocolSha256").asText().substring(0, 12))
                .contains("left M1, hand knob (M1 contralateral to pain)")
                .contains("daily from " + today + ", 10 sessions")
                .contains("80% RMT, threshold re-measured every session")
                .contains("pain-nrs 0-10 points, lower is better; MCID 2")
                .contains("record       verified")
                .contains("0 of 10 done").contains("sessions: none held yet")
                .contains("headache (mild): after the coil was placed  [op1")
                .contains("pain-nrs: baseline 7, latest 4 on " + today + ", change -42.9% (improvement 42.9%); "
                        + "responder >=30% yes, >=50% no; MCID 2 points reached")
                .contains("[op1] plan -> ACTIVE: planned 10 sessions");

        assertThat(tmshost("course", "close", "c1", "--reason", "moved away", "--operator", "op1")).isZero();
        assertThat(tmshost("course", "list")).isZero();
        assertThat(cli.out()).contains("no active courses").doesNotContain("c1 ");
        assertThat(tmshost("course", "list", "--all")).isZero();
        assertThat(cli.out().lines().filter(l -> l.startsWith("c1 "))).singleElement().asString().contains("closed");
        JsonNode closed = json("course", "show", "c1", "--json");
        assertThat(closed.get("state").asText()).isEqualTo("CLOSED");
        assertThat(closed.get("changes").get(1).get("detail").asText()).isEqualTo("moved away");
        assertThat(json("course", "list", "--json")).isEmpty();
        assertThat(json("course", "list", "--all", "--json")).singleElement()
                .satisfies(l -> assertThat(l.get("state").asText()).isEqualTo("CLOSED"));
    }

    /** A seizure suspends the course; an operator cannot resume it, a supervisor can, with the reason audited. */
    @Test
    void aSeizureSuspendsTheCourseUntilASupervisorResumesIt() throws Exception {
        cli.addSiteUsers();
        planC1();
        assertThat(tmshost("course", "event", "c1", "--kind", "seizure", "--severity", "severe", "--operator", "op1"))
                .as(cli.err()).isZero();
        assertThat(cli.out()).contains("SUSPENDED").contains("tmshost course resume c1 --as SUPERVISOR");
        assertThat(tmshost("course", "list")).isZero();
        assertThat(cli.out()).contains("suspended");

        assertThat(cli.run("operator-pass\n", "course", "resume", "c1", "--as", "op1", "--reason", "seen by neuro"))
                .isEqualTo(2);
        assertThat(cli.err()).contains("error: op1 (operator) is not a supervisor");
        assertThat(cli.run("wrong\n", "course", "resume", "c1", "--as", "sup", "--reason", "seen by neuro"))
                .isEqualTo(2);
        assertThat(cli.err()).contains("wrong password").contains("stays suspended");
        assertThat(json("course", "show", "c1", "--json").get("state").asText()).isEqualTo("SUSPENDED");

        assertThat(cli.run("supervisor-pass\n", "course", "resume", "c1", "--as", "sup", "--reason", "seen by neuro"))
                .as(cli.err()).isZero();
        JsonNode c = json("course", "show", "c1", "--json");
        assertThat(c.get("state").asText()).isEqualTo("ACTIVE");
        JsonNode resume = c.get("changes").get(c.get("changes").size() - 1);
        assertThat(resume.get("action").asText()).isEqualTo("resume");
        assertThat(resume.get("user").asText()).isEqualTo("sup");
        assertThat(resume.get("detail").asText()).isEqualTo("seen by neuro");
        assertThat(cli.run("supervisor-pass\n", "course", "resume", "c1", "--as", "sup", "--reason", "again"))
                .isEqualTo(2);
        assertThat(cli.err()).contains("not suspended");
    }

    /** Once a site has users, a course is changed by one of them only. */
    @Test
    void aNonUserCannotPlanOrScoreACourseOnASiteWithUsers() throws Exception {
        cli.addSiteUsers();
        String before = records();
        assertThat(tmshost("course", "plan", "c1", "--subject", "s1", "--new-subject", "--protocol", "m1-10hz-pain",
                "--sessions", "10", "--schedule", "daily", "--operator", "walk-in")).isEqualTo(2);
        assertThat(cli.err()).contains("'walk-in' is not a site user");
        assertThat(records()).isEqualTo(before);
    }

    @Test
    void everyBadInputIsRefusedWithExitTwoAndNothingWritten() throws Exception {
        planC1();
        assertThat(tmshost("course", "plan", "known", "--subject", "s0", "--new-subject", "--protocol", "itbs",
                "--sessions", "1", "--schedule", "daily", "--operator", "op1")).isZero();
        String before = records();

        refused("scored from 0 to 10 points, not 11", "course", "outcome", "c1", "--measure", "pain-nrs", "--before",
                "11", "--operator", "op1");
        refused("scored from 0 to 10 points, not -1", "course", "outcome", "c1", "--measure", "pain-nrs", "--after",
                "-1", "--operator", "op1");
        refused("in steps of 1 points, not 6.5", "course", "outcome", "c1", "--measure", "pain-nrs", "--before",
                "6.5", "--operator", "op1");
        refused("--before must be a number, not 'seven'", "course", "outcome", "c1", "--measure", "pain-nrs",
                "--before", "seven", "--operator", "op1");
        refused("unknown outcome measure 'pain-xyz'; the measures are: pain-nrs, pain-vas", "course", "outcome", "c1",
                "--measure", "pain-xyz", "--before", "3", "--operator", "op1");
        refused("unknown outcome measure 'pain-xyz'", "course", "plan", "c2", "--subject", "s1", "--protocol",
                "m1-10hz-pain", "--sessions", "10", "--schedule", "daily", "--outcome", "pain-xyz", "--operator", "op1");
        refused("course known does not record pain-vas", "course", "outcome", "known", "--measure", "pain-vas",
                "--before", "30", "--operator", "op1");
        refused("no course 'c9' on this host; the courses are: c1, known", "course", "outcome", "c9", "--measure",
                "pain-nrs", "--before", "3", "--operator", "op1");
        refused("subject nobody has no record on this host", "course", "plan", "c2", "--subject", "nobody",
                "--protocol", "m1-10hz-pain", "--sessions", "10", "--schedule", "daily", "--operator", "op1");
        refused("--start " + today.minusDays(1) + " is in the past (today is " + today + ")", "course", "plan", "c2",
                "--subject", "s1", "--protocol", "m1-10hz-pain", "--sessions", "10", "--schedule", "daily", "--start",
                today.minusDays(1).toString(), "--operator", "op1");
        refused("--start " + today.plusDays(366) + " is more than 365 days ahead", "course", "plan", "c2", "--subject",
                "s1", "--protocol", "m1-10hz-pain", "--sessions", "10", "--schedule", "daily", "--start",
                today.plusDays(366).toString(), "--operator", "op1");
        refused("--schedule date " + today.minusDays(2) + " is in the past", "course", "plan", "c2", "--subject", "s1",
                "--protocol", "m1-10hz-pain", "--sessions", "1", "--schedule", today.minusDays(2) + "," + today,
                "--start", today.toString(), "--operator", "op1");
        refused("--start must be a date YYYY-MM-DD, not 'tomorrow'", "course", "plan", "c2", "--subject", "s1",
                "--protocol", "m1-10hz-pain", "--sessions", "10", "--schedule", "daily", "--start", "tomorrow",
                "--operator", "op1");
        refused("--at " + today.plusDays(1) + " is in the future", "course", "outcome", "c1", "--measure", "pain-nrs",
                "--after", "3", "--at", today.plusDays(1).toString(), "--operator", "op1");
        refused("course c1 already exists", "course", "plan", "c1", "--subject", "s1", "--protocol", "m1-10hz-pain",
                "--sessions", "10", "--schedule", "daily", "--operator", "op1");
        refused("unknown target site 'knee'", "course", "plan", "c2", "--subject", "s1", "--protocol", "m1-10hz-pain",
                "--sessions", "10", "--schedule", "daily", "--site", "knee", "--operator", "op1");
        refused("not a built-in protocol", "course", "plan", "c2", "--subject", "s1", "--protocol", "no-such-protocol",
                "--sessions", "10", "--schedule", "daily", "--operator", "op1");
        refused("subjectIdPattern", "course", "plan", "c2", "--subject", "New*Subject", "--new-subject", "--protocol",
                "m1-10hz-pain", "--sessions", "10", "--schedule", "daily", "--operator", "op1");
        refused("--kind must be one of headache, scalp-discomfort, syncope, seizure, other, not 'nausea'", "course",
                "event", "c1", "--kind", "nausea", "--severity", "mild", "--operator", "op1");
        refused("--severity must be one of mild, moderate, severe, not 'awful'", "course", "event", "c1", "--kind",
                "headache", "--severity", "awful", "--operator", "op1");
        refused("course c1 has no session 3 (0 held)", "course", "event", "c1", "--kind", "headache", "--severity",
                "mild", "--session", "3", "--operator", "op1");
        refused("course c1 is ACTIVE, not suspended", "course", "resume", "c1", "--as", "sup", "--password-stdin",
                "--reason", "why not");
        refused("closing a course needs --reason", "course", "close", "c1", "--reason", " ", "--operator", "op1");
        assertThat(records()).as("nothing written by a refused command").isEqualTo(before);
    }

    private void refused(String error, String... args) {
        assertThat(cli.run("supervisor-pass\n", args)).as(String.join(" ", args) + "\n" + cli.err()).isEqualTo(2);
        assertThat(cli.err()).as(String.join(" ", args)).startsWith("error: ").contains(error);
    }

    /** Every course with its changes, scores and events, the subjects and the sessions, as text to compare. */
    private String records() {
        try (RecordStore store = RecordStore.open(TmsHome.resolve().database())) {
            List<String> all = new ArrayList<>();
            for (CourseRow c : store.courses()) {
                all.add(c.toString());
                all.add(store.courseChanges(c.id()).toString());
                all.add(store.courseOutcomes(c.id()).toString());
                all.add(store.adverseEvents(c.id()).toString());
            }
            all.add(store.allSessions().toString());
            for (String subject : new String[]{"s1", "s0", "nobody", "new*subject", "c2"}) {
                all.add(subject + " " + store.subjectOnRecord(subject));
            }
            return String.join("\n", all);
        }
    }
}
