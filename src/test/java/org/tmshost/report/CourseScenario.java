package org.tmshost.report;

import org.tmshost.course.Course;
import org.tmshost.course.CourseInputRefused;
import org.tmshost.course.CoursePlanRequest;
import org.tmshost.course.Courses;
import org.tmshost.course.OutcomeMeasures;
import org.tmshost.record.NewSession;
import org.tmshost.record.PulseRow;
import org.tmshost.record.RecordStore;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A weekday course of the bundled {@code m1-10hz-pain} protocol (shortened in the record to 20 pulses
 * a session) on a clock the test steps by hand: planned on Monday 2026-12-07, sessions 1-4 Monday to
 * Thursday, Friday 12-11 missed, sessions 5-10 from Monday 12-14 to Monday 12-21; pain NRS 7 before the
 * first session falling to 3 after the tenth; RMT re-measured each session; a headache after session 2
 * and scalp discomfort after session 6. Built on a store the caller owns.
 */
public final class CourseScenario {
    public static final String NAME = "pain-2026-07";
    public static final String SUBJECT = "pat-0042";
    public static final LocalDate PLANNED = LocalDate.of(2026, 12, 7);
    public static final LocalDate MISSED = LocalDate.of(2026, 12, 11);
    public static final List<LocalDate> DAYS = List.of(LocalDate.of(2026, 12, 7), LocalDate.of(2026, 12, 8),
            LocalDate.of(2026, 12, 9), LocalDate.of(2026, 12, 10), LocalDate.of(2026, 12, 14),
            LocalDate.of(2026, 12, 15), LocalDate.of(2026, 12, 16), LocalDate.of(2026, 12, 17),
            LocalDate.of(2026, 12, 18), LocalDate.of(2026, 12, 21));
    public static final int[] BEFORE = {7, 7, 6, 6, 6, 5, 5, 4, 4, 4};
    public static final int[] AFTER = {6, 6, 5, 5, 5, 4, 4, 4, 3, 3};
    public static final double[] RMT = {50, 50, 49, 51, 50, 48, 50, 52, 50, 50};
    public static final int PULSES = 20;
    public static final String TARGET = "left M1 hand knob (contralateral to right-arm pain)";

    public final RecordStore store;
    public final Courses courses;
    public final String protocolText;
    private Instant now = PLANNED.atTime(7, 30).toInstant(ZoneOffset.UTC);

    public CourseScenario(RecordStore store) {
        this.store = store;
        this.courses = new Courses(store, OutcomeMeasures.bundled(), () -> now, ZoneOffset.UTC);
        this.protocolText = bundledProtocol("m1-10hz-pain");
    }

    /** Plans the course and holds its first {@code sessions} sessions with their scores and events. */
    public Course run(int sessions, String target, String headacheNote) throws CourseInputRefused {
        courses.plan(new CoursePlanRequest(NAME, SUBJECT, "m1-10hz-pain", protocolText, 10, "weekdays",
                Optional.empty(), Optional.empty(), target, "M1 contralateral to pain", List.of("pain-nrs"), "session",
                1, true, "dr-ames"));
        long courseId = courses.course(NAME).row().id();
        for (int i = 0; i < sessions; i++) {
            now = DAYS.get(i).atTime(9, 0).toInstant(ZoneOffset.UTC);
            hold(courseId, i);
            now = now.plus(Duration.ofMinutes(30));
            courses.recordOutcome(NAME, "pain-nrs", Optional.of(BigDecimal.valueOf(BEFORE[i])),
                    Optional.of(BigDecimal.valueOf(AFTER[i])), Optional.of(i + 1), Optional.empty(), "nurse-kim");
            if (i == 1) {
                courses.recordEvent(NAME, "headache", "mild", headacheNote, Optional.of(2), Optional.empty(), "nurse-kim");
            }
            if (i == 5) {
                courses.recordEvent(NAME, "scalp-discomfort", "moderate", "tingling under the coil, eased by the end",
                        Optional.of(6), Optional.empty(), "nurse-kim");
            }
        }
        return courses.course(NAME);
    }

    /** A session at 80% of the day's RMT (rounded down), 20 pulses, joined to the course before it fires. */
    private void hold(long courseId, int i) {
        int output = (int) Math.floor(0.8 * RMT[i]);
        long id = store.createSession(new NewSession(SUBJECT, "op-lee", "m1-10hz-pain", protocolText, "simulator",
                "p-sha", "e-sha", "sim:simulator", true, "PASS", PULSES, Optional.of(RMT[i]), Optional.empty(), "EMG"), now);
        store.joinCourse(courseId, id, "op-lee", "session " + id + " on " + DAYS.get(i), now);
        store.recordStart(id, 0, now);
        var pulses = new ArrayList<PulseRow>();
        for (int p = 0; p < PULSES; p++) {
            pulses.add(new PulseRow(p, p * 100_000_000L, p * 100_000_000L + 3_000, output, 0));
        }
        store.appendPulses(id, pulses);
        store.endSession(id, "RUNNING", "COMPLETED", "all pulses delivered", "op-lee", now.plusSeconds(2));
    }

    /** Steps the clock to 10:00 on {@code day}. */
    public void at(LocalDate day) {
        now = day.atTime(10, 0).toInstant(ZoneOffset.UTC);
    }

    public Instant now() {
        return now;
    }

    static String bundledProtocol(String name) {
        try (InputStream in = CourseScenario.class.getResourceAsStream("/protocols/" + name + ".yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
