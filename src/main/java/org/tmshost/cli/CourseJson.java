package org.tmshost.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.tmshost.course.Course;
import org.tmshost.course.CourseSession;
import org.tmshost.course.CourseStanding;
import org.tmshost.course.OutcomeMeasure;
import org.tmshost.course.OutcomeSummary;
import org.tmshost.record.AdverseEventRow;
import org.tmshost.record.CourseChangeRow;
import org.tmshost.record.CourseOutcomeRow;
import org.tmshost.record.CourseRow;
import org.tmshost.record.SessionRow;

import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code course list --json} and {@code course show --json} (contracts.md §6). Dates are ISO-8601
 * local days in the course's zone, instants ISO-8601 UTC; a missing value is {@code null}.
 */
final class CourseJson {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private CourseJson() {
    }

    static String text(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What {@code course list --json} gives a course: where it stands and its latest primary outcome. */
    static Map<String, Object> summary(CourseView v) {
        Course course = v.course();
        CourseStanding s = v.standing();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", course.name());
        m.put("subject", course.subjectId());
        m.put("protocol", course.row().protocolName());
        m.put("state", s.state());
        m.put("phase", s.phase());
        m.put("plannedSessions", s.planned());
        m.put("completedSessions", s.done());
        m.put("heldSessions", v.held().size());
        m.put("missedSessions", s.missed());
        m.put("nextDue", s.nextDue().map(Object::toString).orElse(null));
        m.put("next", v.nextSaid());
        OutcomeSummary primary = v.primary();
        m.put("primaryMeasure", primary.measure().name());
        m.put("latest", primary.latest().orElse(null));
        m.put("latestDate", primary.latestDay().map(Object::toString).orElse(null));
        return m;
    }

    /** The whole course: the list's fields, the plan, every held session, outcomes, adverse events, changes. */
    static Map<String, Object> course(CourseView v) {
        Course course = v.course();
        CourseRow row = course.row();
        CourseStanding s = v.standing();
        Map<String, Object> m = summary(v);
        m.put("protocolSha256", row.protocolSha256());
        m.put("target", row.target());
        m.put("targetSite", row.targetSite());
        m.put("schedule", row.schedule());
        m.put("start", row.startDate().toString());
        m.put("sessionsPerDay", row.sessionsPerDay());
        m.put("inductionSessions", row.plannedSessions());
        m.put("maintenance", course.maintenance().sessions() == 0 ? null : Map.of("sessions",
                course.maintenance().sessions(), "everyDays", course.maintenance().everyDays()));
        m.put("intensityRule", row.intensityRule());
        m.put("thresholdsEvery", row.thresholdsEvery());
        m.put("outcomeMeasures", course.measures().stream().map(OutcomeMeasure::name).toList());
        m.put("zone", row.zone());
        m.put("plannedBy", row.plannedBy());
        m.put("plannedAt", row.plannedAt().toString());
        m.put("today", s.today().toString());
        m.put("missedDays", s.missedDays().stream().map(Object::toString).toList());
        m.put("sessions", v.held().stream().map(CourseJson::session).toList());
        OutcomeSummary primary = v.primary();
        m.put("baseline", primary.baseline().orElse(null));
        m.put("changeFromBaselinePercent", primary.changePercent().orElse(null));
        m.put("improvementPercent", primary.improvementPercent().orElse(null));
        m.put("responder", responder(primary));
        m.put("mcidReached", primary.mcidReached());
        m.put("outcomeSummaries", v.summaries().stream().map(CourseJson::outcomeSummary).toList());
        m.put("outcomes", course.outcomes().stream().map(o -> score(v, o)).toList());
        m.put("adverseEvents", course.events().stream().map(e -> event(v, e)).toList());
        m.put("changes", course.changes().stream().map(CourseChangeRow::jsonFields).toList());
        return m;
    }

    private static Map<String, Object> session(CourseView.Held h) {
        SessionRow r = h.session().session();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("number", h.session().number());
        m.put("sessionId", r.id());
        m.put("date", h.session().day().toString());
        m.put("state", r.state());
        m.put("done", h.session().done());
        m.put("deliveredPulses", r.deliveredPulses());
        m.put("plannedPulses", r.plannedPulses());
        m.put("maxOutputPercentMso", h.maxOutputPercentMso().orElse(null));
        m.put("rmtPercentMso", r.rmtPercentMso().orElse(null));
        m.put("outcomes", h.scores().stream().map(o -> {
            Map<String, Object> score = new LinkedHashMap<>();
            score.put("measure", o.measure());
            score.put("phase", o.phase());
            score.put("value", o.value());
            return score;
        }).toList());
        return m;
    }

    private static Map<String, Object> responder(OutcomeSummary s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("30", s.responder30());
        m.put("50", s.responder50());
        return m;
    }

    private static Map<String, Object> outcomeSummary(OutcomeSummary s) {
        Map<String, Object> m = new LinkedHashMap<>();
        OutcomeMeasure measure = s.measure();
        m.put("measure", measure.name());
        m.put("unit", measure.unit());
        m.put("min", measure.min());
        m.put("max", measure.max());
        m.put("better", measure.better().name().toLowerCase(java.util.Locale.ROOT));
        m.put("mcid", measure.mcid());
        m.put("baseline", s.baseline().orElse(null));
        m.put("latest", s.latest().orElse(null));
        m.put("latestDate", s.latestDay().map(Object::toString).orElse(null));
        m.put("changeFromBaselinePercent", s.changePercent().orElse(null));
        m.put("improvementPercent", s.improvementPercent().orElse(null));
        m.put("responder", responder(s));
        m.put("mcidReached", s.mcidReached());
        m.put("citation", measure.citation());
        return m;
    }

    private static Map<String, Object> score(CourseView v, CourseOutcomeRow o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("measure", o.measure());
        m.put("phase", o.phase());
        m.put("value", o.value());
        m.put("date", o.day().toString());
        m.put("session", v.course().sessionOf(o).map(CourseSession::number).orElse(null));
        m.put("enteredBy", o.enteredBy());
        m.put("at", o.at().toString());
        return m;
    }

    private static Map<String, Object> event(CourseView v, AdverseEventRow e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", e.kind());
        m.put("severity", e.severity());
        m.put("note", e.note());
        m.put("date", e.day().toString());
        m.put("session", v.numberOf(e.sessionId()).orElse(null));
        m.put("enteredBy", e.enteredBy());
        m.put("at", e.at().toString());
        return m;
    }
}
