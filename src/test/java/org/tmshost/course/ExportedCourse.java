package org.tmshost.course;

import org.tmshost.record.NewSession;
import org.tmshost.record.PulseRow;
import org.tmshost.record.RecordStore;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A course recorded for the export tests, on a clock the test sets, in Berlin (UTC+2 in June, so a
 * session at 22:30 UTC is held on the next local day):
 * <ul>
 *   <li>c1 for p7, 5 weekday sessions from Mon 2026-06-01, pain-nrs (primary) and pain-vas;</li>
 *   <li>session 1 Mon 06-01 (NRS 7 before, entered before it was held, matched by day; 6 after;
 *       VAS 70 → 62), session 2 on local Wed 06-03 (UTC Tue 22:30; NRS 6 → 5), session 3 Thu 06-04
 *       (NRS 5 → 4; it ran an edited protocol file), an attempt Fri 06-05 that fired nothing, session
 *       4 Fri 06-05 cut short after 2 of 4 pulses without scores; a follow-up NRS 3 on 06-18;</li>
 *   <li>a headache (mild, on session 2, with {@code eventNote}) and a scalp discomfort on Tue 06-02,
 *       a day without a session.</li>
 * </ul>
 * Pulses are 4 per session at outputs 40, 42, 42, 41 %MSO; RMT 52.5 %MSO. Sessions 1-3 ran on a stimulator,
 * the attempt and session 4 on the simulator (so the course's data counts as simulated).
 */
public final class ExportedCourse {
    public static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    public static final LocalDate FOLLOW_UP_DAY = LocalDate.parse("2026-06-18");
    public static final String PROTOCOL = """
            name: M1 10 Hz short
            kind: rtms
            frequencyHz: 10
            pulsesPerTrain: 4
            trains: 1
            interTrainIntervalSeconds: 1
            intensity: 80% RMT
            """;
    /** The file session 3 ran: the course's with a line added (a supervisor's override, say). */
    public static final String EDITED_PROTOCOL = PROTOCOL + "# edited on the day\n";

    /** A clock the test moves. */
    public static final class SetClock implements InstantSource {
        private Instant now;

        public SetClock(Instant now) {
            this.now = now;
        }

        public void set(String instant) {
            now = Instant.parse(instant);
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private ExportedCourse() {
    }

    /** Records course c1 in {@code store}; the clock ends on the follow-up day (08:00 UTC). */
    public static Course record(RecordStore store, SetClock clock, String protocolName, String eventNote)
            throws CourseInputRefused {
        clock.set("2026-06-01T06:00:00Z");
        Courses courses = new Courses(store, OutcomeMeasures.bundled(), clock, BERLIN);
        Course c1 = courses.plan(new CoursePlanRequest("c1", "p7", protocolName, PROTOCOL, 5, "weekdays",
                Optional.empty(), Optional.empty(), "left M1, hand knob", "M1 contralateral to pain",
                List.of("pain-nrs", "pain-vas"), "session", 1, true, "op1"));
        long course = c1.row().id();
        clock.set("2026-06-01T06:30:00Z");
        courses.recordOutcome("c1", "pain-nrs", score(7), Optional.empty(), Optional.empty(), Optional.empty(), "op1");
        courses.recordOutcome("c1", "pain-vas", score(70), Optional.empty(), Optional.empty(), Optional.empty(), "op1");

        session(store, course, protocolName, PROTOCOL, "2026-06-01T07:00:00Z", 4, "COMPLETED", false);
        clock.set("2026-06-01T07:30:00Z");
        courses.recordOutcome("c1", "pain-nrs", Optional.empty(), score(6), Optional.of(1), Optional.empty(), "op1");
        courses.recordOutcome("c1", "pain-vas", Optional.empty(), score(62), Optional.of(1), Optional.empty(), "op1");

        clock.set("2026-06-02T12:00:00Z");
        courses.recordEvent("c1", "scalp-discomfort", "moderate", "", Optional.empty(), Optional.empty(), "op1");
        session(store, course, protocolName, PROTOCOL, "2026-06-02T22:30:00Z", 4, "COMPLETED", false);
        clock.set("2026-06-02T23:00:00Z");
        courses.recordOutcome("c1", "pain-nrs", score(6), score(5), Optional.of(2), Optional.empty(), "op1");
        courses.recordEvent("c1", "headache", "mild", eventNote, Optional.of(2), Optional.empty(), "op1");

        session(store, course, protocolName, EDITED_PROTOCOL, "2026-06-04T07:00:00Z", 4, "COMPLETED", false);
        clock.set("2026-06-04T08:00:00Z");
        courses.recordOutcome("c1", "pain-nrs", score(5), score(4), Optional.of(3), Optional.empty(), "op1");

        session(store, course, protocolName, PROTOCOL, "2026-06-05T07:00:00Z", 0, "ABORTED", true);
        session(store, course, protocolName, PROTOCOL, "2026-06-05T08:00:00Z", 2, "ABORTED", true);

        clock.set("2026-06-18T08:00:00Z");
        courses.recordOutcome("c1", "pain-nrs", Optional.empty(), score(3), Optional.empty(),
                Optional.of(FOLLOW_UP_DAY), "op1");
        return courses.course("c1");
    }

    private static Optional<BigDecimal> score(int value) {
        return Optional.of(BigDecimal.valueOf(value));
    }

    /** A session of the course started at {@code startedAt} that delivered {@code pulses} of its 4. */
    private static void session(RecordStore store, long course, String protocolName, String protocolText,
                                String startedAt, int pulses, String state, boolean simulated) {
        Instant at = Instant.parse(startedAt);
        String device = simulated ? "sim:simulator" : "serial:/dev/ttyUSB0?profile=magstim-rapid2";
        long id = store.createSession(new NewSession("p7", "op1", protocolName, protocolText, "simulator", "p", "e",
                device, simulated, "PASS", 4, Optional.of(52.5), Optional.empty(), "EMG"), at);
        store.joinCourse(course, id, "op1", "session " + id, at);
        store.recordStart(id, 0, at);
        int[] outputs = {40, 42, 42, 41};
        List<PulseRow> rows = new ArrayList<>();
        for (int i = 0; i < pulses; i++) {
            rows.add(new PulseRow(i, i * 100_000_000L, i * 100_000_000L + 20_000, outputs[i], 0));
        }
        if (!rows.isEmpty()) {
            store.appendPulses(id, rows);
        }
        store.endSession(id, "RUNNING", state, "test", "op1", at.plusSeconds(60));
    }
}
