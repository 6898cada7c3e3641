package org.tmshost.cli;

import org.tmshost.course.Course;
import org.tmshost.course.CourseSession;
import org.tmshost.course.CourseStanding;
import org.tmshost.course.OutcomeMeasure;
import org.tmshost.course.OutcomeSummary;
import org.tmshost.record.CourseOutcomeRow;
import org.tmshost.record.PulseRow;
import org.tmshost.record.RecordStore;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A course as {@code course list} and {@code course show} present it, computed once: where it stands
 * today, each held session with the output it ran at and its scores, each measure's summary (the
 * primary measure first). Text and JSON are rendered from this, so they never disagree.
 */
record CourseView(Course course, CourseStanding standing, List<Held> held, List<OutcomeSummary> summaries) {
    CourseView {
        held = List.copyOf(held);
        summaries = List.copyOf(summaries);
    }

    /**
     * A held session of the course.
     *
     * @param maxOutputPercentMso the highest output of its recorded pulses (empty when not read, for a list)
     * @param scores              the outcome scores that belong to it, in the order entered
     */
    record Held(CourseSession session, Optional<Integer> maxOutputPercentMso, List<CourseOutcomeRow> scores) {
        Held {
            scores = List.copyOf(scores);
        }
    }

    /** The course on {@code today}; with {@code store}, each session's output read from its pulses. */
    static CourseView of(Course course, LocalDate today, Optional<RecordStore> store) {
        var held = new ArrayList<Held>();
        for (CourseSession s : course.held()) {
            Optional<Integer> output = store.flatMap(st -> st.pulses(s.session().id()).stream()
                    .map(PulseRow::outputPercentMso).max(Integer::compare));
            List<CourseOutcomeRow> scores = course.outcomes().stream()
                    .filter(o -> course.sessionOf(o).map(x -> x.number() == s.number()).orElse(false)).toList();
            held.add(new Held(s, output, scores));
        }
        List<OutcomeSummary> summaries = course.measures().stream().map(course::summary).toList();
        return new CourseView(course, course.standing(today), held, summaries);
    }

    OutcomeSummary primary() {
        return summaries.get(0);
    }

    /** Active: neither closed nor complete (a suspended course is active: it waits for a supervisor). */
    boolean active() {
        return !standing.state().equals(Course.CLOSED) && !standing.complete();
    }

    /** The number of the held session {@code sessionId} is, if it is one. */
    Optional<Integer> numberOf(Optional<Long> sessionId) {
        return sessionId.flatMap(id -> held.stream().filter(h -> h.session().session().id() == id).findFirst()
                .map(h -> h.session().number()));
    }

    /**
     * When the next session is due, in words: a date, {@code today}, {@code overdue since D},
     * {@code suspended}, {@code closed}, {@code complete}, or {@code no date left} (listed dates used up).
     */
    String nextSaid() {
        if (standing.state().equals(Course.SUSPENDED)) {
            return "suspended";
        }
        if (standing.state().equals(Course.CLOSED)) {
            return "closed";
        }
        if (standing.complete()) {
            return "complete";
        }
        if (standing.nextDue().isEmpty()) {
            return "no date left";
        }
        LocalDate due = standing.nextDue().get();
        if (due.isBefore(standing.today())) {
            return "overdue since " + due;
        }
        return due.equals(standing.today()) ? "today" : due.toString();
    }

    /** A score as entered: {@code 7}, {@code 6.5}. */
    static String score(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    static String percent(double value) {
        return String.format(Locale.ROOT, "%.1f%%", value);
    }

    /** {@code pain-nrs 0-10 points, lower is better; MCID 2}. */
    static String range(OutcomeMeasure m) {
        return m.name() + " " + m.min().toPlainString() + "-" + m.max().toPlainString() + " " + m.unit() + ", "
                + m.better().name().toLowerCase(Locale.ROOT) + " is better; MCID " + m.mcid().toPlainString();
    }
}
