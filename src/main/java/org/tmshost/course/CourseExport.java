package org.tmshost.course;

import org.tmshost.record.AdverseEventRow;
import org.tmshost.record.CourseOutcomeRow;
import org.tmshost.record.CsvTable;
import org.tmshost.record.PulseRow;
import org.tmshost.record.RecordStore;
import org.tmshost.record.SessionRow;
import org.tmshost.yaml.ContentDigest;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A course's record as tidy tables for R and pandas ({@code course export}): one row per outcome
 * score (course, session and score columns repeated, so rows stack across courses) plus one row per
 * held session without a score, and a table of adverse events; the JSON ({@link CourseExportJson})
 * holds the same rows with the plan, where the course stands on {@code today} and each measure's
 * summary. Scores are exact decimals at the measure's precision; percentages are rounded to 0.01.
 * {@code today} is given, never read from a clock, so an export is reproducible. docs/exports.md
 * describes every column.
 */
public final class CourseExport {
    /** The scores table's columns, in order. */
    public static final List<String> SCORE_COLUMNS = List.of("course", "subject", "protocol", "protocol_sha256",
            "session_number", "session_id", "date", "state", "delivered_pulses", "planned_pulses",
            "max_output_percent_mso", "rmt_percent_mso", "session_protocol_sha256", "measure", "phase", "value", "unit",
            "baseline", "change_from_baseline_percent", "simulation");
    /** The adverse events table's columns ({@code --table events}), in order. */
    public static final List<String> EVENT_COLUMNS = List.of("course", "subject", "date", "kind", "severity", "note",
            "session_number", "session_id", "entered_by", "entered_at", "simulation");

    /** ISO-8601 to the microsecond with the zone's numeric offset, as the session exports write wall-clock times. */
    static final DateTimeFormatter WALL_CLOCK = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSxxx");
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    /**
     * A session held for the course with what the record says it delivered.
     *
     * @param maxOutputPercentMso the highest output a recorded pulse was delivered at
     * @param protocolSha256      of the protocol file the session ran (empty if the record lacks it); differs
     *                            from the course's when a supervisor let a session run another protocol
     */
    public record HeldSession(CourseSession held, Optional<Integer> maxOutputPercentMso,
                              Optional<String> protocolSha256) {
        public SessionRow row() {
            return held.session();
        }
    }

    /**
     * One outcome score as exported.
     *
     * @param measure  empty for a measure the course no longer knows (a site file removed since)
     * @param value    the score at its measure's precision
     * @param baseline the measure's baseline (its first score before a session)
     * @param changeFromBaselinePercent (value − baseline) / |baseline| × 100, signed as measured, to 0.01;
     *                 empty without a baseline or for a baseline of 0
     */
    public record Score(CourseOutcomeRow row, Optional<OutcomeMeasure> measure, Optional<HeldSession> session,
                        BigDecimal value, Optional<BigDecimal> baseline, Optional<BigDecimal> changeFromBaselinePercent) {
    }

    private final Course course;
    private final LocalDate today;
    private final List<HeldSession> held;
    private final List<Score> scores;

    private CourseExport(Course course, LocalDate today, List<HeldSession> held) {
        this.course = course;
        this.today = today;
        this.held = List.copyOf(held);
        this.scores = scores(course, this.held);
    }

    /** The export of {@code course} as it stands on {@code today}; pulses and protocol files are read from {@code store}. */
    public static CourseExport of(RecordStore store, Course course, LocalDate today) {
        var held = new ArrayList<HeldSession>();
        for (CourseSession s : course.held()) {
            long id = s.session().id();
            Optional<Integer> maxOutput = store.pulses(id).stream().map(PulseRow::outputPercentMso)
                    .max(Comparator.naturalOrder());
            held.add(new HeldSession(s, maxOutput, store.protocolText(id).map(ContentDigest::sha256)));
        }
        return new CourseExport(course, today, held);
    }

    public Course course() {
        return course;
    }

    public LocalDate today() {
        return today;
    }

    public CourseStanding standing() {
        return course.standing(today);
    }

    public List<HeldSession> held() {
        return held;
    }

    /** Every score, in the order the scores table lists them. */
    public List<Score> scores() {
        return scores;
    }

    /**
     * Whether the course's data is simulated: any of its sessions ran on a simulated device. Rows
     * without a session (a follow-up) carry this, so filtering out simulation never keeps a simulated
     * course's follow-ups as clinical data.
     */
    public boolean simulation() {
        return held.stream().anyMatch(h -> h.row().simulated());
    }

    /** A score's value in % of {@code baseline}'s distance from 0, signed, to 0.01; empty for a baseline of 0. */
    static Optional<BigDecimal> changePercent(BigDecimal baseline, BigDecimal value) {
        if (baseline.signum() == 0) {
            return Optional.empty();
        }
        return Optional.of(value.subtract(baseline).multiply(HUNDRED).divide(baseline.abs(), 2, RoundingMode.HALF_EVEN));
    }

    /** A percentage computed elsewhere (in doubles), to 0.01. */
    static BigDecimal percent(double value) {
        return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_EVEN);
    }

    /** A stored score (a double) as the decimal it was entered as: at the measure's precision, else as short as it reads. */
    static BigDecimal decimal(Optional<OutcomeMeasure> measure, double value) {
        BigDecimal exact = BigDecimal.valueOf(value);
        if (measure.isPresent()) {
            return exact.setScale(measure.get().decimals(), RoundingMode.HALF_EVEN);
        }
        BigDecimal shortest = exact.stripTrailingZeros();
        return shortest.scale() < 0 ? shortest.setScale(0) : shortest;
    }

    private static List<Score> scores(Course course, List<HeldSession> held) {
        var out = new ArrayList<Score>();
        for (CourseOutcomeRow o : course.outcomes()) {
            Optional<OutcomeMeasure> measure = course.measures().stream().filter(m -> m.name().equals(o.measure()))
                    .findFirst();
            Optional<HeldSession> session = course.sessionOf(o).flatMap(s -> heldOf(held, s.session().id()));
            BigDecimal value = decimal(measure, o.value());
            Optional<BigDecimal> baseline = measure.flatMap(m -> course.summary(m).baseline().map(b -> decimal(measure, b)));
            out.add(new Score(o, measure, session, value, baseline, baseline.flatMap(b -> changePercent(b, value))));
        }
        out.sort(Comparator.comparing((Score s) -> s.row().day())
                .thenComparingInt(s -> s.session().map(h -> h.held().number()).orElse(Integer.MAX_VALUE))
                .thenComparingInt(s -> measureIndex(course, s.row().measure()))
                .thenComparing(s -> s.row().measure())
                .thenComparingInt(s -> Course.phaseOrder(s.row()))
                .thenComparingLong(s -> s.row().id()));
        return List.copyOf(out);
    }

    private static int measureIndex(Course course, String measure) {
        List<String> names = course.measures().stream().map(OutcomeMeasure::name).toList();
        return names.contains(measure) ? names.indexOf(measure) : names.size();
    }

    static Optional<HeldSession> heldOf(List<HeldSession> held, long sessionId) {
        return held.stream().filter(h -> h.row().id() == sessionId).findFirst();
    }

    /** The held session an adverse event names, if it names one that delivered pulses. */
    Optional<HeldSession> sessionOf(AdverseEventRow event) {
        return event.sessionId().flatMap(id -> heldOf(held, id));
    }

    String wallClock(Instant at) {
        return WALL_CLOCK.format(at.atZone(course.zone()));
    }

    /**
     * The scores table: a row per score, and a row (measure empty) per held session without one,
     * ordered by date, session, measure (the course's order) and phase (before, after, follow-up).
     */
    public String scoresCsv() {
        record Line(LocalDate date, int session, int measure, List<Object> cells) {
        }
        var lines = new ArrayList<Line>();
        for (Score s : scores) {
            lines.add(new Line(s.row().day(), s.session().map(h -> h.held().number()).orElse(Integer.MAX_VALUE),
                    measureIndex(course, s.row().measure()), scoreCells(s)));
        }
        for (HeldSession h : held) {
            if (scores.stream().noneMatch(s -> s.session().filter(x -> x.row().id() == h.row().id()).isPresent())) {
                lines.add(new Line(h.held().day(), h.held().number(), -1, scoreCells(h)));
            }
        }
        // stable: scores keep their own order within a date, session and measure
        lines.sort(Comparator.comparing(Line::date).thenComparingInt(Line::session).thenComparingInt(Line::measure));
        CsvTable table = new CsvTable(SCORE_COLUMNS);
        lines.forEach(l -> table.add(l.cells()));
        return table.text();
    }

    private List<Object> scoreCells(Score s) {
        List<Object> cells = sessionCells(s.session(), s.row().day());
        cells.addAll(Arrays.asList(s.row().measure(), s.row().phase(), s.value(),
                s.measure().map(OutcomeMeasure::unit).orElse(null), s.baseline().orElse(null),
                s.changeFromBaselinePercent().orElse(null),
                s.session().map(h -> h.row().simulated()).orElse(simulation())));
        return cells;
    }

    private List<Object> scoreCells(HeldSession h) {
        List<Object> cells = sessionCells(Optional.of(h), h.held().day());
        cells.addAll(Arrays.asList(null, null, null, null, null, null, h.row().simulated()));
        return cells;
    }

    /** course … session_protocol_sha256: the course's columns, then the session's (empty without one). */
    private List<Object> sessionCells(Optional<HeldSession> session, LocalDate date) {
        SessionRow s = session.map(HeldSession::row).orElse(null);
        return new ArrayList<>(Arrays.asList(course.name(), course.subjectId(), course.row().protocolName(),
                course.row().protocolSha256(), session.map(h -> h.held().number()).orElse(null),
                s == null ? null : s.id(), date.toString(), s == null ? null : s.state(),
                s == null ? null : s.deliveredPulses(), s == null ? null : s.plannedPulses(),
                session.flatMap(HeldSession::maxOutputPercentMso).orElse(null),
                s == null ? null : s.rmtPercentMso().orElse(null),
                session.flatMap(HeldSession::protocolSha256).orElse(null)));
    }

    /** The adverse events table ({@link #EVENT_COLUMNS}), in the order they were entered. */
    public String eventsCsv() {
        CsvTable table = new CsvTable(EVENT_COLUMNS);
        for (AdverseEventRow e : course.events()) {
            Optional<HeldSession> session = sessionOf(e);
            table.add(Arrays.asList(course.name(), course.subjectId(), e.day().toString(), e.kind(), e.severity(),
                    e.note(), session.map(h -> h.held().number()).orElse(null),
                    e.sessionId().orElse(null), e.enteredBy(), wallClock(e.at()),
                    session.map(h -> h.row().simulated()).orElse(simulation())));
        }
        return table.text();
    }

    /** Everything as one JSON object ({@link CourseExportJson}), ending with a line break as the CSV does. */
    public String json() {
        return CourseExportJson.text(this);
    }
}
