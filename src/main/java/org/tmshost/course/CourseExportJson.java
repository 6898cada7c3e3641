package org.tmshost.course;

import org.tmshost.course.CourseExport.HeldSession;
import org.tmshost.course.CourseExport.Score;
import org.tmshost.record.AdverseEventRow;
import org.tmshost.record.CourseChangeRow;
import org.tmshost.record.CourseRow;
import org.tmshost.record.SessionExport;
import org.tmshost.record.SessionRow;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code course export --format json}: {@code course} (the plan, its state and where it stands),
 * {@code sessions}, {@code scores}, {@code adverseEvents}, {@code summaries} (per measure) and
 * {@code changes} (the audit). Units are in the field names or in a score's {@code unit}; dates are
 * the course zone's local days, instants UTC as {@code sessions --json} gives them.
 */
final class CourseExportJson {
    private CourseExportJson() {
    }

    static String text(CourseExport export) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("course", course(export));
        root.put("sessions", export.held().stream().map(CourseExportJson::session).toList());
        root.put("scores", export.scores().stream().map(CourseExportJson::score).toList());
        root.put("adverseEvents", export.course().events().stream().map(e -> event(export, e)).toList());
        root.put("summaries", export.course().measures().stream()
                .map(m -> summary(export.course().summary(m), m.equals(export.course().primaryMeasure()))).toList());
        root.put("changes", export.course().changes().stream().map(CourseChangeRow::jsonFields).toList());
        return SessionExport.json(root) + "\n";
    }

    private static Map<String, Object> course(CourseExport export) {
        Course course = export.course();
        CourseRow row = course.row();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", course.name());
        m.put("subject", course.subjectId());
        m.put("protocol", row.protocolName());
        m.put("protocolSha256", row.protocolSha256());
        m.put("protocolText", row.protocolText());
        m.put("target", row.target());
        m.put("targetSite", row.targetSite());
        m.put("plannedSessions", course.plannedSessions());
        m.put("inductionSessions", row.plannedSessions());
        m.put("maintenanceSessions", row.maintenanceSessions());
        m.put("maintenanceEveryDays", row.maintenanceSessions() == 0 ? null : row.maintenanceEveryDays());
        m.put("sessionsPerDay", row.sessionsPerDay());
        m.put("schedule", course.schedule().text());
        m.put("startDate", row.startDate().toString());
        m.put("intensityRule", row.intensityRule());
        m.put("thresholdsEvery", row.thresholdsEvery());
        m.put("outcomes", course.measures().stream().map(OutcomeMeasure::name).toList());
        m.put("zone", row.zone());
        m.put("plannedBy", row.plannedBy());
        m.put("plannedAt", row.plannedAt().toString());
        m.put("state", course.state());
        m.put("simulation", export.simulation());
        m.put("standing", standing(export.standing()));
        return m;
    }

    private static Map<String, Object> standing(CourseStanding s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("today", s.today().toString());
        m.put("phase", s.phase());
        m.put("completedSessions", s.done());
        m.put("plannedSessions", s.planned());
        m.put("inductionDone", s.inductionDone());
        m.put("maintenanceDone", s.maintenanceDone());
        m.put("missedSessions", s.missed());
        m.put("missedDays", s.missedDays().stream().map(LocalDate::toString).toList());
        m.put("nextDue", s.nextDue().map(LocalDate::toString).orElse(null));
        return m;
    }

    private static Map<String, Object> session(HeldSession h) {
        SessionRow s = h.row();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("number", h.held().number());
        m.put("sessionId", s.id());
        m.put("date", h.held().day().toString());
        m.put("state", s.state());
        m.put("done", h.held().done());
        m.put("cause", s.endCause().orElse(null));
        m.put("operator", s.operatorId());
        m.put("protocol", s.protocolName());
        m.put("protocolSha256", h.protocolSha256().orElse(null));
        m.put("plannedPulses", s.plannedPulses());
        m.put("deliveredPulses", s.deliveredPulses());
        m.put("deviceReportedPulses", s.deviceReportedPulses().orElse(null));
        m.put("maxOutputPercentMso", h.maxOutputPercentMso().orElse(null));
        m.put("rmtPercentMso", s.rmtPercentMso().orElse(null));
        m.put("amtPercentMso", s.amtPercentMso().orElse(null));
        m.put("startedAt", s.startedAt().map(Object::toString).orElse(null));
        m.put("endedAt", s.endedAt().map(Object::toString).orElse(null));
        m.put("simulation", s.simulated());
        return m;
    }

    private static Map<String, Object> score(Score s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("measure", s.row().measure());
        m.put("phase", s.row().phase());
        m.put("value", s.value());
        m.put("unit", s.measure().map(OutcomeMeasure::unit).orElse(null));
        m.put("date", s.row().day().toString());
        m.put("sessionNumber", s.session().map(h -> h.held().number()).orElse(null));
        m.put("sessionId", s.session().map(h -> h.row().id()).orElse(null));
        m.put("baseline", s.baseline().orElse(null));
        m.put("changeFromBaselinePercent", s.changeFromBaselinePercent().orElse(null));
        m.put("enteredBy", s.row().enteredBy());
        m.put("enteredAt", s.row().at().toString());
        return m;
    }

    private static Map<String, Object> event(CourseExport export, AdverseEventRow e) {
        Optional<HeldSession> session = export.sessionOf(e);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("date", e.day().toString());
        m.put("kind", e.kind());
        m.put("severity", e.severity());
        m.put("note", e.note());
        m.put("sessionNumber", session.map(h -> h.held().number()).orElse(null));
        m.put("sessionId", e.sessionId().orElse(null));
        m.put("enteredBy", e.enteredBy());
        m.put("enteredAt", e.at().toString());
        return m;
    }

    private static Map<String, Object> summary(OutcomeSummary s, boolean primary) {
        OutcomeMeasure measure = s.measure();
        Optional<OutcomeMeasure> known = Optional.of(measure);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("measure", measure.name());
        m.put("title", measure.title());
        m.put("unit", measure.unit());
        m.put("better", measure.better().name().toLowerCase(Locale.ROOT));
        m.put("mcid", measure.mcid());
        m.put("primary", primary);
        m.put("baseline", s.baseline().map(b -> CourseExport.decimal(known, b)).orElse(null));
        m.put("latest", s.latest().map(l -> CourseExport.decimal(known, l)).orElse(null));
        m.put("latestDate", s.latestDay().map(LocalDate::toString).orElse(null));
        m.put("changeFromBaselinePercent", s.baseline().isEmpty() || s.latest().isEmpty() ? null
                : CourseExport.changePercent(CourseExport.decimal(known, s.baseline().get()),
                CourseExport.decimal(known, s.latest().get())).orElse(null));
        m.put("improvementPercent", s.improvementPercent().map(CourseExport::percent).orElse(null));
        m.put("responder30", s.responder30());
        m.put("responder50", s.responder50());
        m.put("mcidReached", s.mcidReached());
        m.put("citation", measure.citation());
        return m;
    }

}
