package org.tmshost.record;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * This host's record as a pooled research dataset (docs/records.md, "The research dataset"): every
 * subject replaced by a keyed pseudonym, every date of a subject's record moved by the subject's own
 * keyed shift of whole days (never 0), every record id replaced by a keyed one; direct identifiers
 * and free text (operators, notes, reasons in words, course names, device addresses, journal paths)
 * left out. Only structured codes, settings and measurements are kept, with the host of a
 * measurement and the device model and profile of a session.
 */
public final class PseudonymisedExport {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RecordStore store;
    private final PseudonymKey key;
    private final String storeId;
    private final Map<String, String> pseudonyms = new HashMap<>();
    private final Map<String, String> subjectOfPseudonym = new HashMap<>();
    private final Map<String, Integer> shifts = new HashMap<>();
    private final Map<String, String> recordIds = new HashMap<>();

    private PseudonymisedExport(RecordStore store, PseudonymKey key) {
        this.store = store;
        this.key = key;
        this.storeId = store.identity();
    }

    /**
     * The dataset's tables, in the order they are written. The pulse tables read the store as they are
     * written: keep it open until then.
     */
    public static List<ResearchTable> tables(RecordStore store, PseudonymKey key) {
        return new PseudonymisedExport(store, key).build();
    }

    private List<ResearchTable> build() {
        List<SessionRow> sessions = store.allSessions();
        Map<Long, String> protocolSha = store.sessionProtocolSha256();
        List<CourseRow> courses = store.courses();
        Map<Long, Long> courseOfSession = new HashMap<>();
        for (CourseRow c : courses) {
            store.courseSessions(c.id()).forEach(s -> courseOfSession.put(s.id(), c.id()));
        }
        TreeSet<String> subjectIds = new TreeSet<>();
        store.subjects().forEach(s -> subjectIds.add(s.id()));
        sessions.forEach(s -> subjectIds.add(s.subjectId()));
        List<HuntRow> hunts = new ArrayList<>();
        List<MeasurementRow> measurements = new ArrayList<>();
        for (String id : subjectIds) {
            hunts.addAll(store.hunts(id));
            measurements.addAll(store.measurements(id));
        }
        hunts.sort(Comparator.comparingLong(HuntRow::id));
        measurements.sort(Comparator.comparingLong(MeasurementRow::id));

        ResearchTable sessionTable = sessions(sessions, protocolSha, courseOfSession);
        ResearchTable pulseTable = pulses(sessions);
        return List.of(subjects(subjectIds, sessions, hunts, measurements, courses), sessionTable, pulseTable,
                thresholds(), hunts(hunts), huntPulses(hunts), courses(courses), outcomes(courses), events(courses),
                measurements(measurements), trials(measurements), conditions(measurements));
    }

    // --- pseudonyms, shifts, ids ---

    private String pseudonym(String subjectId) {
        return pseudonyms.computeIfAbsent(subjectId, id -> {
            String p = key.pseudonym(id);
            String other = subjectOfPseudonym.putIfAbsent(p, id);
            if (other != null) { // 64 bits: not expected below billions of subjects, but never merge two silently
                throw new RecordException("two subjects have one pseudonym " + p + "; the dataset is not written", null);
            }
            return p;
        });
    }

    private int shift(String subjectId) {
        return shifts.computeIfAbsent(subjectId, key::shiftDays);
    }

    private String shifted(String subjectId, Instant at) {
        return at.plus(Duration.ofDays(shift(subjectId))).toString();
    }

    private String shifted(String subjectId, Optional<Instant> at) {
        return at.map(t -> shifted(subjectId, t)).orElse(null);
    }

    private String shifted(String subjectId, LocalDate day) {
        return day.plusDays(shift(subjectId)).toString();
    }

    private String session(long id) {
        return recordId("ses-", "session", id);
    }

    private String hunt(long id) {
        return recordId("hunt-", "hunt", id);
    }

    private String course(long id) {
        return recordId("crs-", "course", id);
    }

    private String measurement(long id) {
        return recordId("exc-", "excitability", id);
    }

    private String recordId(String prefix, String kind, long id) { // once each: a pulse row names its session
        return recordIds.computeIfAbsent(kind + "/" + id, k -> key.recordId(prefix, storeId, kind, id));
    }

    private static <T> T or(Optional<T> value) {
        return value.orElse(null);
    }

    // --- the tables ---

    private ResearchTable subjects(TreeSet<String> ids, List<SessionRow> sessions, List<HuntRow> hunts,
                                   List<MeasurementRow> measurements, List<CourseRow> courses) {
        ResearchTable t = new ResearchTable("subjects", "One row per subject.")
                .column("subject", "string", "", "The subject's pseudonym: s- and 16 hex digits of a keyed hash of "
                        + "the subject id (the same on every host with the same key)")
                .column("first_session_start", "datetime", "", "Start of the subject's first session that delivered "
                        + "a pulse, date shifted; empty if none")
                .column("first_session_date", "date", "", "The UTC date of first_session_start (shifted)")
                .column("sessions", "integer", "sessions", "Sessions recorded, attempts that delivered no pulse included")
                .column("sessions_delivered", "integer", "sessions", "Sessions that delivered at least one pulse")
                .column("hunts", "integer", "hunts", "Motor threshold hunts")
                .column("measurements", "integer", "measurements", "Excitability measurements")
                .column("courses", "integer", "courses", "Treatment courses");
        List<Object[]> rows = new ArrayList<>();
        for (String id : ids) {
            List<SessionRow> own = sessions.stream().filter(s -> s.subjectId().equals(id)).toList();
            Optional<Instant> first = own.stream().filter(s -> s.deliveredPulses() > 0)
                    .map(s -> s.startedAt().orElse(s.createdAt())).min(Comparator.naturalOrder());
            String start = shifted(id, first);
            rows.add(new Object[]{pseudonym(id), start,
                    start == null ? null : Instant.parse(start).atOffset(ZoneOffset.UTC).toLocalDate().toString(),
                    own.size(), (int) own.stream().filter(s -> s.deliveredPulses() > 0).count(),
                    (int) hunts.stream().filter(h -> h.subjectId().equals(id)).count(),
                    (int) measurements.stream().filter(m -> m.measurement().subjectId().equals(id)).count(),
                    (int) courses.stream().filter(c -> c.subjectId().equals(id)).count()});
        }
        rows.sort(Comparator.comparing(r -> (String) r[0]));
        rows.forEach(t::add);
        return t;
    }

    private ResearchTable sessions(List<SessionRow> sessions, Map<Long, String> protocolSha,
                                   Map<Long, Long> courseOfSession) {
        ResearchTable t = new ResearchTable("sessions", "One row per session, attempts that delivered no pulse "
                + "included.")
                .column("session", "string", "", "The session's keyed id in this dataset")
                .column("subject", "string", "", "The subject's pseudonym (subjects.subject)")
                .column("course", "string", "", "The course it counted toward (courses.course); empty if none")
                .column("prepared_at", "datetime", "", "When the session was prepared, date shifted")
                .column("started_at", "datetime", "", "When it started running, date shifted; empty if it never ran")
                .column("ended_at", "datetime", "", "When it ended, date shifted; empty if it never ended")
                .column("protocol_name", "string", "", "The protocol's name")
                .column("protocol_sha256", "string", "", "SHA-256 of the protocol file as it ran")
                .column("profile", "string", "", "The hardware profile's name")
                .column("profile_sha256", "string", "", "SHA-256 of the hardware profile")
                .column("device_model", "string", "", "The stimulator model as the device named itself; empty if "
                        + "it did not")
                .column("device_firmware", "string", "", "The stimulator's firmware version as it reported it")
                .column("simulated", "boolean", "", "True when it ran on the simulator: no subject was stimulated")
                .column("delivery", "string", "", "How the plan reached the device: device-timed-trains, "
                        + "ttl-trigger or serial-fire")
                .column("rmt_percent_mso", "number", "%MSO", "Resting motor threshold the session was prepared with")
                .column("amt_percent_mso", "number", "%MSO", "Active motor threshold the session was prepared with")
                .column("mt_method", "string", "", "How the threshold was found: EMG, VISUAL or UNSTATED")
                .column("planned_pulses", "integer", "pulses", "Pulses the protocol planned")
                .column("delivered_pulses", "integer", "pulses", "Pulses recorded as delivered")
                .column("device_reported_pulses", "integer", "pulses", "Pulses the device said it delivered, where "
                        + "it can count; empty otherwise")
                .column("verdict", "string", "", "The safety check's verdict at preparation (PASS, WARN, ...)")
                .column("state", "string", "", "Final state: COMPLETED, ABORTED, FAULTED, INTERRUPTED, or the state "
                        + "it was left in")
                .column("end_cause", "string", "", "Stable code of why it ended (e.g. COMPLETED, STOP_BUTTON); the "
                        + "reason in words is left out (free text)");
        List<SessionRow> ordered = new ArrayList<>(sessions);
        ordered.sort(Comparator.comparing((SessionRow s) -> pseudonym(s.subjectId()))
                .thenComparing(SessionRow::createdAt).thenComparingLong(SessionRow::id));
        for (SessionRow s : ordered) {
            String subject = s.subjectId();
            t.add(session(s.id()), pseudonym(subject),
                    Optional.ofNullable(courseOfSession.get(s.id())).map(this::course).orElse(null),
                    shifted(subject, s.createdAt()), shifted(subject, s.startedAt()), shifted(subject, s.endedAt()),
                    s.protocolName(), protocolSha.get(s.id()), s.profileName(), s.profileSha256(), or(s.deviceModel()),
                    or(s.deviceFirmware()), s.simulated(), or(s.delivery()), or(s.rmtPercentMso()),
                    or(s.amtPercentMso()), or(s.mtMethod()), s.plannedPulses(), s.deliveredPulses(),
                    or(s.deviceReportedPulses()), s.verdict(), s.state(), or(s.endCause()));
        }
        return t;
    }

    private ResearchTable pulses(List<SessionRow> sessions) {
        ResearchTable t = new ResearchTable("pulses", "One row per pulse a session delivered.")
                .column("session", "string", "", "The session (sessions.session)")
                .column("pulse_index", "integer", "", "The pulse's place in the protocol, from 0")
                .column("planned_ns", "integer", "ns", "When it was planned, from the session's start (t0)")
                .column("actual_ns", "integer", "ns", "When it left the host, from the session's start (t0)")
                .column("output_percent_mso", "integer", "%MSO", "Stimulator output")
                .column("channel", "integer", "", "The stimulator channel (0 for a single-channel device)")
                .column("device_confirmed", "boolean", "", "The device's word on the pulse; empty where it cannot "
                        + "confirm");
        List<SessionRow> ordered = new ArrayList<>(sessions);
        ordered.sort(Comparator.comparing((SessionRow s) -> session(s.id())));
        return t.streamed(sink -> {
            for (SessionRow s : ordered) {
                for (PulseRow p : store.pulses(s.id())) {
                    sink.accept(new Object[]{session(s.id()), p.index(), p.plannedNanos(), p.actualNanos(),
                            p.outputPercentMso(), p.channel(), or(p.confirmed())});
                }
            }
        });
    }

    private ResearchTable thresholds() {
        ResearchTable t = new ResearchTable("motor_thresholds", "One row per motor threshold stored for a subject.")
                .column("subject", "string", "", "The subject's pseudonym")
                .column("kind", "string", "", "RMT (resting) or AMT (active)")
                .column("percent_mso", "number", "%MSO", "The threshold")
                .column("method", "string", "", "How it was found (EMG, VISUAL, UNSTATED, possibly with the hunt's "
                        + "method)")
                .column("measured_at", "datetime", "", "When it was measured, date shifted")
                .column("profile", "string", "", "The hardware profile it was measured with")
                .column("session", "string", "", "The session it was stated for (sessions.session); empty if none")
                .column("hunt", "string", "", "The hunt that found it (threshold_hunts.hunt); empty if stated");
        List<RecordStore.StoredThreshold> rows = new ArrayList<>(store.thresholds());
        rows.sort(Comparator.comparing((RecordStore.StoredThreshold r) -> pseudonym(r.subjectId()))
                .thenComparing(RecordStore.StoredThreshold::measuredAt));
        for (RecordStore.StoredThreshold r : rows) {
            t.add(pseudonym(r.subjectId()), r.kind(), r.percentMso(), r.method(), shifted(r.subjectId(), r.measuredAt()),
                    r.profileName(), r.sessionId() == null ? null : session(r.sessionId()),
                    r.huntId() == null ? null : hunt(r.huntId()));
        }
        return t;
    }

    private ResearchTable hunts(List<HuntRow> hunts) {
        ResearchTable t = new ResearchTable("threshold_hunts", "One row per motor threshold hunt.")
                .column("hunt", "string", "", "The hunt's keyed id in this dataset")
                .column("subject", "string", "", "The subject's pseudonym")
                .column("kind", "string", "", "RMT or AMT")
                .column("method", "string", "", "The hunt's method")
                .column("criterion_uv", "number", "µV", "The MEP amplitude that counts as a response")
                .column("profile", "string", "", "The hardware profile")
                .column("simulated", "boolean", "", "True when it ran on the simulator")
                .column("started_at", "datetime", "", "Date shifted")
                .column("ended_at", "datetime", "", "Date shifted; empty if it never ended")
                .column("outcome", "string", "", "COMPLETED or why it stopped; empty if its host died")
                .column("threshold_percent_mso", "number", "%MSO", "The threshold found; empty if none")
                .column("pulses", "integer", "pulses", "Pulses the hunt gave");
        List<HuntRow> ordered = new ArrayList<>(hunts);
        ordered.sort(Comparator.comparing((HuntRow h) -> pseudonym(h.subjectId())).thenComparing(HuntRow::startedAt));
        for (HuntRow h : ordered) {
            String s = h.subjectId();
            t.add(hunt(h.id()), pseudonym(s), h.kind(), h.method(), h.criterionUv(), h.profileName(), h.simulated(),
                    shifted(s, h.startedAt()), shifted(s, h.endedAt()), or(h.outcome()), or(h.thresholdPercentMso()),
                    h.pulses());
        }
        return t;
    }

    private ResearchTable huntPulses(List<HuntRow> hunts) {
        ResearchTable t = new ResearchTable("hunt_pulses", "One row per pulse of a threshold hunt.")
                .column("hunt", "string", "", "The hunt (threshold_hunts.hunt)")
                .column("pulse_index", "integer", "", "The pulse's place in the hunt, from 0")
                .column("fired_at", "datetime", "", "Date shifted")
                .column("output_percent_mso", "integer", "%MSO", "Stimulator output")
                .column("mep_uv", "number", "µV", "The MEP amplitude read; empty if read by eye or not read")
                .column("response", "boolean", "", "The operator's yes/no where read by eye; empty otherwise");
        List<HuntRow> ordered = new ArrayList<>(hunts);
        ordered.sort(Comparator.comparing((HuntRow h) -> hunt(h.id())));
        return t.streamed(sink -> {
            for (HuntRow h : ordered) {
                for (HuntPulseRow p : store.huntPulses(h.id())) {
                    sink.accept(new Object[]{hunt(h.id()), p.pulseIndex(), shifted(h.subjectId(), p.firedAt()),
                            p.outputPercentMso(), or(p.mepMicrovolts()), or(p.response())});
                }
            }
        });
    }

    private ResearchTable courses(List<CourseRow> courses) {
        ResearchTable t = new ResearchTable("courses", "One row per treatment course as planned, with its state now. "
                + "The course's name is left out (sites often put the subject in it).")
                .column("course", "string", "", "The course's keyed id in this dataset")
                .column("subject", "string", "", "The subject's pseudonym")
                .column("protocol_name", "string", "", "The course's protocol")
                .column("protocol_sha256", "string", "", "SHA-256 of the course's protocol file")
                .column("target", "string", "", "The stimulation target as planned, in the planner's words")
                .column("target_site", "string", "", "How the target was located, in the planner's words")
                .column("planned_sessions", "integer", "sessions", "Sessions planned")
                .column("schedule", "string", "", "The schedule (e.g. weekdays)")
                .column("start_date", "date", "", "The planned first day, date shifted")
                .column("sessions_per_day", "integer", "sessions", "Sessions per day")
                .column("maintenance_sessions", "integer", "sessions", "Maintenance sessions planned")
                .column("maintenance_every_days", "integer", "days", "Days between maintenance sessions")
                .column("intensity_rule", "string", "", "How each session's intensity is set (e.g. 120% RMT)")
                .column("thresholds_every", "string", "", "How often thresholds are measured: session or week")
                .column("outcomes", "string", "", "The outcome measures scored, comma separated")
                .column("zone", "string", "", "The site's time zone, which local days are counted in")
                .column("planned_at", "datetime", "", "When it was planned, date shifted")
                .column("state", "string", "", "ACTIVE, SUSPENDED or CLOSED, as last set");
        List<CourseRow> ordered = new ArrayList<>(courses);
        ordered.sort(Comparator.comparing((CourseRow c) -> pseudonym(c.subjectId())).thenComparing(CourseRow::plannedAt));
        for (CourseRow c : ordered) {
            String s = c.subjectId();
            String state = null;
            for (CourseChangeRow change : store.courseChanges(c.id())) {
                state = change.state().orElse(state);
            }
            t.add(course(c.id()), pseudonym(s), c.protocolName(), c.protocolSha256(), c.target(), c.targetSite(),
                    c.plannedSessions(), c.schedule(), shifted(s, c.startDate()), c.sessionsPerDay(),
                    c.maintenanceSessions(), c.maintenanceEveryDays(), c.intensityRule(), c.thresholdsEvery(),
                    c.outcomes(), c.zone(), shifted(s, c.plannedAt()), state);
        }
        return t;
    }

    private ResearchTable outcomes(List<CourseRow> courses) {
        ResearchTable t = new ResearchTable("course_outcomes", "One row per outcome score of a course.")
                .column("course", "string", "", "The course (courses.course)")
                .column("subject", "string", "", "The subject's pseudonym")
                .column("measure", "string", "", "The outcome measure (e.g. pain-nrs)")
                .column("phase", "string", "", "before or after a session, or follow-up")
                .column("value", "number", "", "The score, on the measure's own scale")
                .column("day", "date", "", "The local day it was scored, date shifted")
                .column("session", "string", "", "The session it belongs to (sessions.session); empty if none")
                .column("entered_at", "datetime", "", "When it was entered, date shifted");
        for (CourseRow c : sortedCourses(courses)) {
            String s = c.subjectId();
            for (CourseOutcomeRow o : store.courseOutcomes(c.id())) {
                t.add(course(c.id()), pseudonym(s), o.measure(), o.phase(), o.value(), shifted(s, o.day()),
                        o.sessionId().map(this::session).orElse(null), shifted(s, o.at()));
            }
        }
        return t;
    }

    private ResearchTable events(List<CourseRow> courses) {
        ResearchTable t = new ResearchTable("adverse_events", "One row per adverse event of a course; the note in "
                + "words is left out (free text).")
                .column("course", "string", "", "The course (courses.course)")
                .column("subject", "string", "", "The subject's pseudonym")
                .column("kind", "string", "", "headache, scalp-discomfort, syncope, seizure or other")
                .column("severity", "string", "", "The severity as entered (mild, moderate, severe)")
                .column("day", "date", "", "The local day it happened, date shifted")
                .column("session", "string", "", "The session it followed (sessions.session); empty if none")
                .column("entered_at", "datetime", "", "When it was entered, date shifted");
        for (CourseRow c : sortedCourses(courses)) {
            String s = c.subjectId();
            for (AdverseEventRow e : store.adverseEvents(c.id())) {
                t.add(course(c.id()), pseudonym(s), e.kind(), e.severity(), shifted(s, e.day()),
                        e.sessionId().map(this::session).orElse(null), shifted(s, e.at()));
            }
        }
        return t;
    }

    private List<CourseRow> sortedCourses(List<CourseRow> courses) {
        List<CourseRow> ordered = new ArrayList<>(courses);
        ordered.sort(Comparator.comparing((CourseRow c) -> course(c.id())));
        return ordered;
    }

    private ResearchTable measurements(List<MeasurementRow> measurements) {
        ResearchTable t = new ResearchTable("excitability_measurements", "One row per cortical excitability "
                + "measurement (paired-pulse or recruitment curve), with a recruitment curve's fit.")
                .column("measurement", "string", "", "The measurement's keyed id in this dataset")
                .column("subject", "string", "", "The subject's pseudonym")
                .column("course", "string", "", "The course it belongs to (courses.course); empty if none")
                .column("course_session", "integer", "", "The course's session number it belongs to; empty if none")
                .column("kind", "string", "", "paired-pulse or recruitment")
                .column("conditions", "string", "", "The plan's condition names in order, comma separated")
                .column("trials_per_condition", "integer", "trials", "Trials planned per condition")
                .column("rmt_percent_mso", "number", "%MSO", "The RMT intensities are relative to")
                .column("conditioning_percent_rmt", "number", "%RMT", "A paired trial's conditioning pulse")
                .column("test_percent_rmt", "number", "%RMT", "A paired-pulse measurement's test pulse")
                .column("inter_trial_seconds", "number", "s", "Time between trials")
                .column("jitter_seconds", "number", "s", "Random variation of the time between trials")
                .column("seed", "integer", "", "The seed of the trial order")
                .column("profile", "string", "", "The hardware profile")
                .column("simulated", "boolean", "", "True when it ran on the simulator")
                .column("host", "string", "", "The host that ran it")
                .column("started_at", "datetime", "", "Date shifted")
                .column("ended_at", "datetime", "", "Date shifted; empty if it never ended")
                .column("outcome", "string", "", "COMPLETED, or why it ended early (STOPPED, DEVICE_FAULT, "
                        + "INTERRUPTED, ...)")
                .column("trials", "integer", "trials", "Trials recorded")
                .column("pulses", "integer", "pulses", "Pulses the subject received in it")
                .column("fit_mep_max_uv", "number", "µV", "Recruitment curve: the Boltzmann fit's MEPmax")
                .column("fit_s50_percent_mso", "number", "%MSO", "Recruitment curve: output at half MEPmax")
                .column("fit_slope", "number", "", "Recruitment curve: the fit's slope parameter")
                .column("fit_refused", "string", "", "Recruitment curve: why no fit was given, in tmshost's words");
        List<MeasurementRow> ordered = new ArrayList<>(measurements);
        ordered.sort(Comparator.comparing((MeasurementRow m) -> pseudonym(m.measurement().subjectId()))
                .thenComparing(MeasurementRow::startedAt));
        for (MeasurementRow m : ordered) {
            NewMeasurement n = m.measurement();
            String s = n.subjectId();
            JsonNode fit = results(m).path("fit");
            t.add(measurement(m.id()), pseudonym(s), n.courseId().map(this::course).orElse(null),
                    or(n.courseSession()), n.kind(), String.join(",", n.conditions()), n.trialsPerCondition(),
                    n.rmtPercentMso(), n.conditioningPercentRmt(), n.testPercentRmt(), n.interTrialSeconds(),
                    n.jitterSeconds(), n.seed(), n.profileName(), n.simulated(), n.host(), shifted(s, m.startedAt()),
                    shifted(s, m.endedAt()), or(m.outcome()), m.trials().size(), m.pulses(),
                    number(fit.path("mepMaxMicrovolts")), number(fit.path("s50PercentMso")), number(fit.path("slope")),
                    results(m).path("fitRefused").isTextual() ? results(m).path("fitRefused").asText() : null);
        }
        return t;
    }

    private ResearchTable trials(List<MeasurementRow> measurements) {
        ResearchTable t = new ResearchTable("excitability_trials", "One row per trial of an excitability "
                + "measurement.")
                .column("measurement", "string", "", "The measurement (excitability_measurements.measurement)")
                .column("trial_index", "integer", "", "The trial's place in the measurement, from 0")
                .column("block", "integer", "", "The block it was given in, from 0")
                .column("condition", "string", "", "The condition's name")
                .column("conditioning_percent_mso", "integer", "%MSO", "The conditioning pulse; 0 for a test pulse "
                        + "alone")
                .column("test_percent_mso", "integer", "%MSO", "The test pulse")
                .column("isi_ns", "integer", "ns", "Conditioning to test pulse; 0 for a test pulse alone")
                .column("fired_at", "datetime", "", "Date shifted")
                .column("amplitude_uv", "number", "µV", "The MEP amplitude, peak to peak; empty if not read")
                .column("test_given", "boolean", "", "False for a void pair whose test pulse was not given");
        List<MeasurementRow> ordered = new ArrayList<>(measurements);
        ordered.sort(Comparator.comparing((MeasurementRow m) -> measurement(m.id())));
        for (MeasurementRow m : ordered) {
            for (MeasurementTrialRow r : m.trials()) {
                t.add(measurement(m.id()), r.trialIndex(), r.block(), r.condition(), r.conditioningPercentMso(),
                        r.testPercentMso(), r.isiNanos(), shifted(m.measurement().subjectId(), r.firedAt()),
                        or(r.amplitudeMicrovolts()), r.testGiven());
            }
        }
        return t;
    }

    private ResearchTable conditions(List<MeasurementRow> measurements) {
        ResearchTable t = new ResearchTable("excitability_conditions", "One row per condition of a completed "
                + "excitability measurement: its summary as tmshost analysed it.")
                .column("measurement", "string", "", "The measurement (excitability_measurements.measurement)")
                .column("condition", "string", "", "The condition's name")
                .column("isi_ms", "number", "ms", "Conditioning to test pulse; empty for a test pulse alone")
                .column("intensity_percent_rmt", "number", "%RMT", "Recruitment curve: the condition's intensity")
                .column("test_percent_mso", "integer", "%MSO", "The test pulse's output")
                .column("n", "integer", "trials", "Trials in the summary")
                .column("mean_uv", "number", "µV", "Mean MEP amplitude")
                .column("median_uv", "number", "µV", "Median MEP amplitude")
                .column("ratio", "number", "", "Conditioned / test alone (paired-pulse)")
                .column("ci95_low", "number", "", "The ratio's 95% interval, lower end")
                .column("ci95_high", "number", "", "The ratio's 95% interval, upper end");
        List<MeasurementRow> ordered = new ArrayList<>(measurements);
        ordered.sort(Comparator.comparing((MeasurementRow m) -> measurement(m.id())));
        for (MeasurementRow m : ordered) {
            for (JsonNode c : results(m).path("conditions")) {
                t.add(measurement(m.id()), c.path("name").asText(), number(c.path("isiMs")),
                        number(c.path("intensityPercentRmt")), c.path("testPercentMso").isNumber()
                                ? c.path("testPercentMso").asInt() : null,
                        c.path("n").isNumber() ? c.path("n").asInt() : null, number(c.path("meanMicrovolts")),
                        number(c.path("medianMicrovolts")), number(c.path("ratio")), number(c.path("ci95").path(0)),
                        number(c.path("ci95").path(1)));
            }
        }
        return t;
    }

    private static JsonNode results(MeasurementRow m) {
        if (m.resultsJson().isEmpty()) {
            return JSON.missingNode();
        }
        try {
            return JSON.readTree(m.resultsJson().get());
        } catch (IOException e) {
            throw new RecordException("excitability measurement " + m.id() + ": its stored results are not JSON: "
                    + e.getMessage(), e);
        }
    }

    private static Double number(JsonNode node) {
        return node.isNumber() ? node.asDouble() : null;
    }

}
