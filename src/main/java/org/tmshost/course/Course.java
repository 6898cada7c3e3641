package org.tmshost.course;

import org.tmshost.record.AdverseEventRow;
import org.tmshost.record.CourseChangeRow;
import org.tmshost.record.CourseOutcomeRow;
import org.tmshost.record.CourseRow;
import org.tmshost.record.SessionRow;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A treatment course as recorded: the plan, the sessions counted toward it, outcome scores, adverse
 * events and every audited change. Everything else (where it stands, how the patient responds) is
 * computed from these, so the course and the dose ledger read the same delivered pulses.
 */
public record Course(CourseRow row, Schedule schedule, Maintenance maintenance, List<OutcomeMeasure> measures,
                     List<SessionRow> sessions, List<CourseOutcomeRow> outcomes, List<AdverseEventRow> events,
                     List<CourseChangeRow> changes) {
    public static final String ACTIVE = "ACTIVE";
    public static final String SUSPENDED = "SUSPENDED";
    public static final String CLOSED = "CLOSED";

    public Course {
        sessions = List.copyOf(sessions);
        outcomes = List.copyOf(outcomes);
        events = List.copyOf(events);
        changes = List.copyOf(changes);
        measures = List.copyOf(measures);
    }

    public String name() {
        return row.name();
    }

    public String subjectId() {
        return row.subjectId();
    }

    public ZoneId zone() {
        return ZoneId.of(row.zone());
    }

    /** Induction and maintenance sessions together. */
    public int plannedSessions() {
        return row.plannedSessions() + maintenance.sessions();
    }

    /** The measure responder status is judged on: the first the course records. */
    public OutcomeMeasure primaryMeasure() {
        return measures.get(0);
    }

    /** ACTIVE, SUSPENDED (a seizure, until a supervisor resumes it) or CLOSED: the last change that set one. */
    public String state() {
        String state = ACTIVE;
        for (CourseChangeRow change : changes) {
            if (change.state().isPresent()) {
                state = change.state().get();
            }
        }
        return state;
    }

    /** The local day a session was held: when it started, else when it was prepared. */
    public LocalDate dayOf(SessionRow session) {
        return session.startedAt().orElse(session.createdAt()).atZone(zone()).toLocalDate();
    }

    /** Sessions that delivered at least one pulse, numbered 1, 2, ... in the order they were held. */
    public List<CourseSession> held() {
        var held = new ArrayList<CourseSession>();
        for (SessionRow s : sessions.stream().sorted(Comparator.comparingLong(SessionRow::id)).toList()) {
            if (s.deliveredPulses() > 0) {
                held.add(new CourseSession(held.size() + 1, s, dayOf(s), s.state().equals("COMPLETED")));
            }
        }
        return held;
    }

    /** Session {@code number} of this course. */
    public Optional<CourseSession> session(int number) {
        return held().stream().filter(s -> s.number() == number).findFirst();
    }

    /** The session an outcome score belongs to: the one it names, else the first held on its day. */
    public Optional<CourseSession> sessionOf(CourseOutcomeRow score) {
        List<CourseSession> held = held();
        if (score.sessionId().isPresent()) {
            return held.stream().filter(s -> s.session().id() == score.sessionId().get()).findFirst();
        }
        if (score.phase().equals("follow-up")) {
            return Optional.empty();
        }
        return held.stream().filter(s -> s.day().equals(score.day())).findFirst();
    }

    /** Where the course stands on {@code today}. */
    public CourseStanding standing(LocalDate today) {
        List<CourseSession> held = held();
        List<CourseSession> done = held.stream().filter(CourseSession::done).toList();
        int induction = row.plannedSessions();
        var missed = new ArrayList<LocalDate>();
        // induction: every scheduled day before today without a held session, until enough are done
        LocalDate day = row.startDate();
        for (int guard = 0; day.isBefore(today) && guard < 3660; guard++, day = day.plusDays(1)) {
            LocalDate d = day;
            if (done.stream().filter(s -> s.day().isBefore(d)).count() >= induction) {
                break;
            }
            if (schedule.includes(d) && held.stream().noneMatch(s -> s.day().equals(d))) {
                missed.add(d);
            }
        }
        int inductionDone = Math.min(done.size(), induction);
        int maintenanceDone = Math.min(done.size() - inductionDone, maintenance.sessions());
        String state = state();
        Optional<LocalDate> next;
        String phase;
        if (inductionDone < induction) {
            phase = "induction";
            long heldToday = held.stream().filter(s -> s.day().equals(today)).count();
            boolean doneToday = done.stream().anyMatch(s -> s.day().equals(today));
            LocalDate from = today.isBefore(row.startDate()) ? row.startDate()
                    : doneToday && heldToday >= row.sessionsPerDay() ? today.plusDays(1) : today;
            next = schedule.firstOnOrAfter(from);
        } else if (maintenanceDone < maintenance.sessions()) {
            phase = "maintenance";
            next = Optional.of(maintenanceDue(done.subList(induction - 1, done.size()), Optional.of(today), missed));
        } else {
            phase = "complete";
            next = Optional.empty();
            if (maintenance.sessions() > 0) { // intervals missed between maintenance sessions stay missed
                maintenanceDue(done.subList(induction - 1, induction + maintenance.sessions()), Optional.empty(), missed);
            }
        }
        if (!state.equals(ACTIVE)) {
            next = Optional.empty();
        }
        return new CourseStanding(today, inductionDone + maintenanceDone, plannedSessions(), inductionDone,
                maintenanceDone, missed, next, phase, state);
    }

    /**
     * The next maintenance session's day, from the last induction session on: one every
     * {@code everyDays} days after the session before it. A whole interval passing without one is a
     * missed session (unless one was held in it, cut short), and the one after it is due an interval
     * later. Without {@code today} (the course is complete), only the intervals missed between
     * sessions are counted.
     */
    private LocalDate maintenanceDue(List<CourseSession> fromLastInduction, Optional<LocalDate> today,
                                     List<LocalDate> missed) {
        LocalDate previous = fromLastInduction.get(0).day();
        int every = maintenance.everyDays();
        for (CourseSession s : fromLastInduction.subList(1, fromLastInduction.size())) {
            LocalDate due = previous.plusDays(every);
            while (!s.day().isBefore(due.plusDays(every))) {
                missedUnlessHeld(due, missed);
                due = due.plusDays(every);
            }
            previous = s.day();
        }
        LocalDate due = previous.plusDays(every);
        while (today.isPresent() && !today.get().isBefore(due.plusDays(every))) {
            missedUnlessHeld(due, missed);
            due = due.plusDays(every);
        }
        return due;
    }

    /** A maintenance interval from {@code due} is missed unless a session was held in it (cut short: held, not done). */
    private void missedUnlessHeld(LocalDate due, List<LocalDate> missed) {
        LocalDate end = due.plusDays(maintenance.everyDays());
        if (held().stream().noneMatch(s -> !s.day().isBefore(due) && s.day().isBefore(end))) {
            missed.add(due);
        }
    }

    /** How {@code measure} has changed over the course. */
    public OutcomeSummary summary(OutcomeMeasure measure) {
        List<CourseOutcomeRow> scores = outcomes.stream().filter(o -> o.measure().equals(measure.name()))
                .sorted(Comparator.comparing(CourseOutcomeRow::day).thenComparingInt(Course::phaseOrder)
                        .thenComparingLong(CourseOutcomeRow::id)).toList();
        Optional<CourseOutcomeRow> baseline = scores.stream().filter(o -> o.phase().equals("before")).findFirst();
        if (baseline.isEmpty()) {
            return new OutcomeSummary(measure, Optional.empty(), scores.stream().reduce((a, b) -> b)
                    .map(CourseOutcomeRow::value), scores.stream().reduce((a, b) -> b).map(CourseOutcomeRow::day),
                    Optional.empty(), Optional.empty(), false);
        }
        CourseOutcomeRow latest = scores.get(scores.size() - 1);
        double base = baseline.get().value();
        Optional<Double> change = base == 0 ? Optional.empty()
                : Optional.of((latest.value() - base) / Math.abs(base) * 100);
        return new OutcomeSummary(measure, Optional.of(base), Optional.of(latest.value()), Optional.of(latest.day()),
                change, measure.improvementPercent(base, latest.value()), measure.mcidReached(base, latest.value()));
    }

    /** before, then after, then a follow-up, on the same day. */
    static int phaseOrder(CourseOutcomeRow score) {
        return switch (score.phase()) {
            case "before" -> 0;
            case "after" -> 1;
            default -> 2;
        };
    }
}
