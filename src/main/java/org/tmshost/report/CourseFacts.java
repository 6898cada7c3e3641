package org.tmshost.report;

import org.tmshost.course.Course;
import org.tmshost.course.CourseSession;
import org.tmshost.course.OutcomeMeasure;
import org.tmshost.course.OutcomeSummary;
import org.tmshost.record.AdverseEventRow;
import org.tmshost.record.CourseOutcomeRow;
import org.tmshost.record.MeasurementRow;
import org.tmshost.record.PulseRow;
import org.tmshost.record.RecordStore;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.stream.Stream;

/**
 * What a course report says, computed from the record alone: per held session the pulses delivered
 * and the highest output they were delivered at, the thresholds the session ran on, and a measure's
 * scores before and after it; the responder lines; the days the dated charts share.
 */
final class CourseFacts {
    private CourseFacts() {
    }

    /**
     * One held session: delivered pulses are those on record the device did not disown, and the highest
     * output is over those (empty when none was).
     */
    record Delivery(int number, LocalDate day, long sessionId, String state, int planned, int delivered,
                    Optional<Integer> maxOutputPercentMso, Optional<Double> rmtPercentMso,
                    Optional<Double> amtPercentMso, Optional<String> mtMethod) {
    }

    /**
     * A measure's scores on one day: those of a held session ({@code session} its number), or those tied
     * to none (a baseline before the first session, a follow-up).
     */
    record Scores(Optional<Integer> session, LocalDate day, Optional<Double> before, Optional<Double> after,
                  Optional<Double> followUp) {
    }

    /** A horizontal line at {@code value}: the score a patient reaches with {@code percent}% improvement. */
    record ResponderLine(double percent, double value) {
    }

    /** The first and last day the dated charts show, a day either side of what they draw. */
    record Span(LocalDate from, LocalDate to) {
    }

    /**
     * One excitability measurement of the course with its results as recorded at completion
     * ({@link StoredResults}): the test-alone MEP and each conditioned condition's ratio, or a
     * recruitment fit; none when it did not complete.
     *
     * @param day     its local day in the course's zone
     * @param session the course session number it was recorded against, if any
     */
    record Excitability(long id, Instant at, LocalDate day, Optional<Integer> session, String kind, boolean simulated,
                        String outcome, StoredResults results) {
        OptionalDouble testMeanMicrovolts() {
            return results.testMeanMicrovolts();
        }

        List<StoredResults.Ratio> ratios() {
            return results.ratios();
        }
    }

    /** The course's excitability measurements, oldest first. */
    static List<Excitability> excitability(Course course, RecordStore store) {
        var rows = new ArrayList<Excitability>();
        for (MeasurementRow m : store.courseMeasurements(course.row().id())) {
            rows.add(new Excitability(m.id(), m.startedAt(), m.startedAt().atZone(course.zone()).toLocalDate(),
                    m.measurement().courseSession(), m.measurement().kind(), m.measurement().simulated(),
                    m.outcome().orElse("(not ended)"), StoredResults.of(m)));
        }
        return rows;
    }

    static List<Delivery> deliveries(Course course, RecordStore store) {
        var rows = new ArrayList<Delivery>();
        for (CourseSession s : course.held()) {
            int delivered = 0;
            int max = 0;
            for (PulseRow p : store.pulses(s.session().id())) {
                if (!p.confirmed().equals(Optional.of(false))) {
                    delivered++;
                    max = Math.max(max, p.outputPercentMso());
                }
            }
            rows.add(new Delivery(s.number(), s.day(), s.session().id(), s.session().state(),
                    s.session().plannedPulses(), delivered, delivered == 0 ? Optional.empty() : Optional.of(max),
                    s.session().rmtPercentMso(), s.session().amtPercentMso(), s.session().mtMethod()));
        }
        return rows;
    }

    /**
     * {@code measure}'s scores: one row per held session (in session order, scored or not), then one
     * per day with scores tied to no held session. Two scores of one phase for one session: the later
     * entered counts, as it does for the course's own summary.
     */
    static List<Scores> scores(Course course, OutcomeMeasure measure) {
        List<CourseOutcomeRow> mine = course.outcomes().stream().filter(o -> o.measure().equals(measure.name()))
                .sorted(Comparator.comparingLong(CourseOutcomeRow::id)).toList();
        var rows = new ArrayList<Scores>();
        var placed = new ArrayList<CourseOutcomeRow>();
        for (CourseSession s : course.held()) {
            List<CourseOutcomeRow> its = mine.stream().filter(o -> course.sessionOf(o)
                    .map(c -> c.number() == s.number()).orElse(false)).toList();
            placed.addAll(its);
            rows.add(new Scores(Optional.of(s.number()), s.day(), last(its, "before"), last(its, "after"),
                    last(its, "follow-up")));
        }
        List<CourseOutcomeRow> loose = mine.stream().filter(o -> !placed.contains(o)).toList();
        for (LocalDate day : loose.stream().map(CourseOutcomeRow::day).distinct().sorted().toList()) {
            List<CourseOutcomeRow> its = loose.stream().filter(o -> o.day().equals(day)).toList();
            rows.add(new Scores(Optional.empty(), day, last(its, "before"), last(its, "after"), last(its, "follow-up")));
        }
        return rows;
    }

    private static Optional<Double> last(List<CourseOutcomeRow> scores, String phase) {
        return scores.stream().filter(o -> o.phase().equals(phase)).reduce((a, b) -> b).map(CourseOutcomeRow::value);
    }

    /**
     * The scores a patient reaches with 30% and 50% improvement from baseline (IMMPACT): below the
     * baseline for a measure where lower is better, above it otherwise. None without a baseline, or
     * with a baseline of 0 (no percentage of it means anything).
     */
    static List<ResponderLine> responderLines(OutcomeSummary summary) {
        if (summary.baseline().isEmpty() || summary.baseline().get() == 0) {
            return List.of();
        }
        double base = summary.baseline().get();
        int sign = summary.measure().better() == OutcomeMeasure.Better.LOWER ? -1 : 1;
        return Stream.of(OutcomeSummary.MODERATE_PERCENT, OutcomeSummary.SUBSTANTIAL_PERCENT)
                .map(p -> new ResponderLine(p, base + sign * Math.abs(base) * p / 100)).toList();
    }

    /** The days from the course's start to its last session or event, a day either side. */
    static Span span(Course course, List<Delivery> deliveries) {
        return span(course, deliveries, List.of());
    }

    /** As {@link #span(Course, List)}, over the days of the course's excitability measurements too. */
    static Span span(Course course, List<Delivery> deliveries, List<Excitability> measurements) {
        List<LocalDate> days = Stream.of(Stream.of(course.row().startDate()), deliveries.stream().map(Delivery::day),
                course.events().stream().map(AdverseEventRow::day), measurements.stream().map(Excitability::day))
                .flatMap(d -> d).toList();
        LocalDate first = days.stream().min(Comparator.naturalOrder()).orElseThrow();
        LocalDate last = days.stream().max(Comparator.naturalOrder()).orElseThrow();
        return new Span(first.minusDays(1), last.plusDays(1));
    }

    /** A score as the measure gives it: 7, 6.5, 42 (no trailing zeros). */
    static String score(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    static String percent(double value) {
        return String.format(Locale.ROOT, "%.1f%%", value);
    }
}
