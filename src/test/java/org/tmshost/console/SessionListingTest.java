package org.tmshost.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tmshost.record.NewSession;
import org.tmshost.record.PulseRow;
import org.tmshost.record.RecordStore;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 15, records people read: {@code sessions} lists treatments and counts the attempts that
 * delivered nothing apart, says why each ended in words, and gives times in local time with the
 * zone, to the second; the JSON keeps every session and every field, and marks attempts.
 */
@Tag("unit")
class SessionListingTest {
    /** 13:03:12.123456789 UTC is 14:03:12 in Berlin in November (CET). */
    private static final Instant AT = Instant.parse("2026-11-29T13:03:12.123456789Z");
    private static final LocalTimes BERLIN = new LocalTimes(ZoneId.of("Europe/Berlin"));

    @TempDir
    Path dir;
    private RecordStore store;
    private long completed;
    private long refused;
    private long cancelled;
    private long interrupted;
    private long linkLost;
    private long coil;

    @BeforeEach
    void record() {
        store = RecordStore.open(dir.resolve("records.db"));
        completed = delivered(3, "COMPLETED", "COMPLETED", "completed: all 3 pulses fired", 3);
        refused = store.createSession(session(600), AT);
        store.endSession(refused, "PREPARED", "ABORTED", "arming refused: PreArm: [thresholds] thresholds: no RMT "
                + "measured today; PreArm: [coil] coil: 41 C", "op1", AT.plusSeconds(5));
        cancelled = store.createSession(session(600), AT);
        store.endSession(cancelled, "ARMED", "ABORTED", "disarmed at quit, not started", "op1", AT.plusSeconds(9));
        interrupted = store.createSession(session(600), AT);
        store.recordStart(interrupted, 0, AT);
        store.endSession(interrupted, "RUNNING", "INTERRUPTED", "INTERRUPTED", "tmshost stopped while this session "
                + "was RUNNING (process killed, crashed or power lost); it had not started firing", null, AT,
                Optional.empty());
        linkLost = store.createSession(session(600), AT); // nothing on record, but the device may have delivered 2
        store.recordStart(linkLost, 0, AT);
        store.recordMayHaveDelivered(linkLost, 2);
        store.endSession(linkLost, "RUNNING", "FAULTED", "LINK_LOSS", "the link to the stimulator was lost; check the "
                + "cable and the device: link lost (TIMEOUT): no reply", null, AT.plusSeconds(1), Optional.empty());
        coil = delivered(2, "FAULTED", "COIL_OVER_TEMPERATURE", "coil over temperature; let the coil cool before "
                + "another session: coil at 43.25 C, stop temperature 43.0 C, after 2 pulses", 600);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static NewSession session(int planned) {
        return new NewSession("s1", "op1", "itbs", "name: iTBS\n", "simulator", "p-sha", "e-sha", "sim:simulator",
                true, "PASS", planned);
    }

    /** A session that started at {@link #AT}, delivered {@code pulses} and ended 192.4 s later. */
    private long delivered(int pulses, String state, String cause, String reason, int planned) {
        long id = store.createSession(session(planned), AT.minusSeconds(30));
        store.recordStart(id, 0, AT);
        List<PulseRow> rows = new ArrayList<>();
        for (int i = 0; i < pulses; i++) {
            rows.add(new PulseRow(i, i * 100_000_000L, i * 100_000_000L + 1_000, 40, 0));
        }
        store.appendPulses(id, rows);
        store.endSession(id, "RUNNING", state, cause, reason, null, AT.plusMillis(192_400), Optional.empty());
        return id;
    }

    private String list(boolean json, boolean attempts) {
        StringWriter text = new StringWriter();
        assertThat(SessionListing.list(store, new SessionListing.View(json, attempts, BERLIN), new PrintWriter(text,
                true))).isZero();
        return text.toString();
    }

    private static String row(String listing, long id) {
        return listing.lines().filter(l -> l.matches(id + " +\\d{4}-.*")).findFirst().orElse("(no row " + id + ")");
    }

    @Test
    void listsTreatmentsAndSaysHowManyAttemptsItLeftOutAndHowToSeeThem() {
        String listing = list(false, false);
        assertThat(row(listing, completed)).contains("COMPLETED");
        assertThat(row(listing, coil)).contains("FAULTED");
        assertThat(row(listing, interrupted)).as("INTERRUPTED is always a treatment").contains("INTERRUPTED");
        assertThat(row(listing, linkLost)).as("the device may have delivered pulses").contains("FAULTED");
        assertThat(row(listing, refused)).startsWith("(no row");
        assertThat(row(listing, cancelled)).startsWith("(no row");
        assertThat(listing).contains("2 attempts that delivered no pulse").contains("--attempts");

        String all = list(false, true);
        assertThat(row(all, refused)).contains("ABORTED");
        assertThat(row(all, cancelled)).contains("ABORTED");
        assertThat(all).doesNotContain("attempts that delivered no pulse");
    }

    @Test
    void theJsonListsEverySessionWithItsFieldsAndMarksAttempts() throws Exception {
        JsonNode list = new ObjectMapper().readTree(list(true, false));
        assertThat(list).hasSize(6);
        for (JsonNode s : list) {
            for (String field : new String[]{"id", "subject", "operator", "protocol", "profile", "state", "cause",
                    "reason", "verdict", "deliveredPulses", "deviceReportedPulses", "plannedPulses", "createdAt",
                    "startedAt", "endedAt", "simulation", "device", "deviceModel", "profileSha256", "envelopeSha256",
                    "rmtPercentMso", "amtPercentMso", "mtMethod", "attempt", "causeInWords", "startedAtLocal",
                    "endedAtLocal"}) {
                assertThat(s.has(field)).as(field).isTrue();
            }
            long id = s.get("id").asLong();
            assertThat(s.get("attempt").asBoolean()).as("session " + id).isEqualTo(id == refused || id == cancelled);
        }
        JsonNode first = list.get(0);
        assertThat(first.get("startedAt").asText()).as("JSON keeps the ISO-8601 instant")
                .isEqualTo("2026-11-29T13:03:12.123456789Z");
        assertThat(first.get("startedAtLocal").asText()).isEqualTo("2026-11-29 14:03:12 CET");
    }

    @Test
    void theCauseSaysWhyInWordsNotTheState() {
        String listing = list(false, true);
        assertThat(row(listing, completed)).contains("plan delivered");
        assertThat(row(listing, coil)).contains("coil too hot (43.3 °C)");
        assertThat(row(listing, linkLost)).contains("link lost");
        assertThat(row(listing, refused)).contains("arming refused: thresholds, coil");
        assertThat(row(listing, cancelled)).contains("quit before start");
        assertThat(row(listing, interrupted)).contains("tmshost stopped mid-session");
        for (long id : new long[]{refused, cancelled}) {
            assertThat(row(listing, id).split("ABORTED", -1)).as("ABORTED once: the state, not the cause").hasSize(2);
        }
    }

    @Test
    void timesAreLocalWithTheZoneToTheSecondAndDurationsReadAsMinutesAndSeconds() {
        String listing = list(false, true);
        assertThat(row(listing, completed)).contains("2026-11-29 14:03:12 CET").contains("3 min 12 s");
        assertThat(row(listing, refused)).as("never started: when it was prepared").contains("2026-11-29 14:03:12 CET");
        assertThat(listing).doesNotContain("T13:03").doesNotContain("123456789").doesNotContain(" min\n")
                .doesNotContainPattern("\\d\\.\\d+ min");

        StringWriter shown = new StringWriter();
        SessionListing.show(store, store.session(coil).orElseThrow(), false, BERLIN, new PrintWriter(shown, true));
        assertThat(shown.toString()).contains("startedAt             2026-11-29 14:03:12 CET")
                .contains("endedAt               2026-11-29 14:06:24 CET").contains("lasted                3 min 12 s")
                .contains("ended because         coil too hot (43.3 °C)").doesNotContain("T13:0")
                .doesNotContain("123456789");
    }

    @Test
    void theHuntListGivesLocalTimesToo() {
        long hunt = store.startHunt(new org.tmshost.record.NewHunt("s1", "op1", "RMT", "EMG", 50.0, "virtual",
                "simulator", "sim:simulator", true), AT);
        store.endHunt(hunt, "THRESHOLD_FOUND", 42.0, AT.plusSeconds(60));
        StringWriter text = new StringWriter();
        SessionListing.hunts(store, "s1", false, BERLIN, new PrintWriter(text, true));
        assertThat(text.toString()).contains("2026-11-29 14:03:12 CET").doesNotContain("123456789");
    }
}
