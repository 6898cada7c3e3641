package org.tmshost.course;

import org.tmshost.protocol.MotorThresholds;
import org.tmshost.protocol.Protocol;
import org.tmshost.protocol.ProtocolFiles;
import org.tmshost.protocol.ThresholdMethod;
import org.tmshost.record.CourseRow;
import org.tmshost.record.NewCourse;
import org.tmshost.record.RecordStore;
import org.tmshost.record.SubjectId;
import org.tmshost.record.SubjectIdRefused;
import org.tmshost.session.AuthenticatedUser;
import org.tmshost.session.MeasuredThresholds;
import org.tmshost.session.Role;
import org.tmshost.yaml.ContentDigest;
import org.tmshost.yaml.InvalidFileException;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Treatment courses on this host's records (issue 16): planning one, judging whether a session keeps
 * to it, counting a session toward it, and recording outcomes, adverse events and a supervisor's
 * resumption. Every input is checked before anything is written; every write names its user. Days
 * are counted on {@code clock} in {@code zone}, so tests run a course on a clock they set.
 */
public final class Courses {
    /** How far ahead a course may be planned, and how far ahead a listed date may be. */
    static final int MAX_DAYS_AHEAD = 365;
    /** How far back a score or event may be dated (a baseline taken before the course was planned). */
    static final int MAX_DAYS_BACK = 90;
    static final int MAX_SESSIONS = 100;
    static final int MAX_SESSIONS_PER_DAY = 20;
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    public static final List<String> EVENT_KINDS = List.of("headache", "scalp-discomfort", "syncope", "seizure", "other");
    public static final List<String> SEVERITIES = List.of("mild", "moderate", "severe");

    private final RecordStore store;
    private final OutcomeMeasures measures;
    private final InstantSource clock;
    private final ZoneId zone;

    public Courses(RecordStore store, OutcomeMeasures measures, InstantSource clock, ZoneId zone) {
        this.store = store;
        this.measures = measures;
        this.clock = clock;
        this.zone = zone;
    }

    public LocalDate today() {
        return clock.instant().atZone(zone).toLocalDate();
    }

    public OutcomeMeasures measures() {
        return measures;
    }

    /** Plans a course. */
    public Course plan(CoursePlanRequest r) throws CourseInputRefused {
        LocalDate today = today();
        String name = r.name().strip();
        if (!NAME.matcher(name).matches()) {
            throw new CourseInputRefused("course id '" + name + "' must be 1 to 64 of a-z, 0-9, '.', '_', '-', "
                    + "starting with a letter or digit");
        }
        if (store.course(name).isPresent()) {
            throw new CourseInputRefused("course " + name + " already exists; choose another id ('tmshost course list "
                    + "--all' lists them)");
        }
        String subject = subject(r.subjectId(), r.newSubject());
        if (r.sessions() < 1 || r.sessions() > MAX_SESSIONS) {
            throw new CourseInputRefused("--sessions must be 1 to " + MAX_SESSIONS + ", not " + r.sessions());
        }
        if (r.sessionsPerDay() < 1 || r.sessionsPerDay() > MAX_SESSIONS_PER_DAY) {
            throw new CourseInputRefused("--per-day must be 1 to " + MAX_SESSIONS_PER_DAY + ", not " + r.sessionsPerDay());
        }
        Schedule schedule = Schedule.parse(r.schedule());
        LocalDate start = r.start().orElse(schedule instanceof Schedule.Dates d ? d.dates().get(0) : today);
        notPastNorFar("--start", start, today);
        if (schedule instanceof Schedule.Dates dates) {
            for (LocalDate date : dates.dates()) {
                notPastNorFar("--schedule date", date, today);
                if (date.isBefore(start)) {
                    throw new CourseInputRefused("--schedule date " + date + " is before --start " + start);
                }
            }
            if (dates.dates().size() * r.sessionsPerDay() < r.sessions()) {
                throw new CourseInputRefused("--schedule lists " + dates.dates().size() + " date(s) for " + r.sessions()
                        + " sessions at " + r.sessionsPerDay() + " a day");
            }
        }
        Maintenance maintenance = r.maintenance().isEmpty() ? Maintenance.NONE : Maintenance.parse(r.maintenance().get());
        List<String> outcomes = r.outcomes().isEmpty() ? List.of("pain-nrs") : r.outcomes();
        for (String measure : outcomes) {
            measures.require(measure);
        }
        if (outcomes.stream().distinct().count() != outcomes.size()) {
            throw new CourseInputRefused("--outcome names a measure twice: " + String.join(",", outcomes));
        }
        if (!r.thresholdsEvery().equals("session") && !r.thresholdsEvery().equals("week")) {
            throw new CourseInputRefused("--thresholds must be session or week, not '" + r.thresholdsEvery() + "'");
        }
        String site = TargetSites.require(r.targetSite());
        String target = r.target().strip().isEmpty() ? site : r.target().strip();
        Protocol protocol = protocol(r.protocolName(), r.protocolText());
        String intensity = String.join(", ", protocol.intensities().stream().map(Object::toString).distinct().toList());
        if (r.newSubject()) {
            store.ensureSubject(subject, clock.instant());
        }
        NewCourse course = new NewCourse(name, subject, r.protocolName(), ContentDigest.sha256(r.protocolText()),
                r.protocolText(), target, site, r.sessions(), schedule.text(), start, r.sessionsPerDay(),
                maintenance.sessions(), maintenance.everyDays(), intensity, r.thresholdsEvery(),
                String.join(",", outcomes), zone.getId(), r.user());
        store.createCourse(course, "planned " + r.sessions() + " sessions, " + schedule.text() + " from " + start
                + ", maintenance " + maintenance.text() + ", protocol " + r.protocolName() + ", " + intensity, clock.instant());
        return course(name);
    }

    private String subject(String given, boolean isNew) throws CourseInputRefused {
        String subject;
        try {
            subject = SubjectId.of(given).value();
        } catch (IllegalArgumentException e) {
            throw new CourseInputRefused(e.getMessage());
        }
        boolean known = store.subjectOnRecord(subject);
        if (!known && !isNew) {
            throw new CourseInputRefused("subject " + subject + " has no record on this host; check the id, or plan "
                    + "the course with --new-subject for a subject seen for the first time");
        }
        if (known && isNew) {
            throw new CourseInputRefused("subject " + subject + " is already on record; leave out --new-subject");
        }
        if (isNew) {
            try {
                store.admitSubject(SubjectId.of(subject));
            } catch (SubjectIdRefused e) {
                throw new CourseInputRefused(e.getMessage());
            }
        }
        return subject;
    }

    private static Protocol protocol(String name, String text) throws CourseInputRefused {
        try {
            return ProtocolFiles.parse(name, text);
        } catch (InvalidFileException e) {
            throw new CourseInputRefused("protocol " + name + " is invalid: " + e.getMessage());
        }
    }

    private static void notPastNorFar(String what, LocalDate date, LocalDate today) throws CourseInputRefused {
        if (date.isBefore(today)) {
            throw new CourseInputRefused(what + " " + date + " is in the past (today is " + today + ")");
        }
        if (date.isAfter(today.plusDays(MAX_DAYS_AHEAD))) {
            throw new CourseInputRefused(what + " " + date + " is more than " + MAX_DAYS_AHEAD + " days ahead (today is "
                    + today + ")");
        }
    }

    /** The course named {@code name}, or a refusal naming the courses there are. */
    public Course course(String name) throws CourseInputRefused {
        Optional<CourseRow> row = store.course(name.strip());
        if (row.isEmpty()) {
            List<String> names = store.courses().stream().map(CourseRow::name).toList();
            throw new CourseInputRefused("no course '" + name + "' on this host" + (names.isEmpty() ? ""
                    : "; the courses are: " + String.join(", ", names)));
        }
        return read(row.get());
    }

    /** Every course, oldest first. */
    public List<Course> all() {
        var all = new ArrayList<Course>();
        for (CourseRow row : store.courses()) {
            all.add(read(row));
        }
        return all;
    }

    private Course read(CourseRow row) {
        try {
            var courseMeasures = new ArrayList<OutcomeMeasure>();
            for (String m : row.outcomes().split(",")) {
                // a site measure removed since: the course keeps its scores, judged on the bundled ones it still has
                measures.named(m).ifPresent(courseMeasures::add);
            }
            if (courseMeasures.isEmpty()) {
                courseMeasures.add(measures.require("pain-nrs"));
            }
            Maintenance maintenance = row.maintenanceSessions() == 0 ? Maintenance.NONE
                    : new Maintenance(row.maintenanceSessions(), row.maintenanceEveryDays());
            return new Course(row, Schedule.parse(row.schedule()), maintenance, courseMeasures,
                    store.courseSessions(row.id()), store.courseOutcomes(row.id()), store.adverseEvents(row.id()),
                    store.courseChanges(row.id()));
        } catch (CourseInputRefused e) {
            throw new IllegalStateException("course " + row.name() + " is stored with a schedule tmshost cannot read: "
                    + row.schedule(), e);
        }
    }

    /** Whether a session of {@code subjectId} on this protocol today keeps to the course (see {@link CourseAdmission}). */
    public CourseAdmission admit(String course, String subjectId, String protocolName, String protocolText)
            throws CourseInputRefused {
        return CourseAdmission.judge(course(course), today(), SubjectId.of(subjectId).value(), protocolName,
                ContentDigest.sha256(protocolText));
    }

    /**
     * The thresholds a session of {@code course} is dosed by: those {@code given} for it (measured
     * now), else, for a course that re-measures them every week, the subject's latest stored RMT and
     * AMT, valid {@value MeasuredThresholds#WEEK_DAYS} days from when they were measured (the arming
     * check refuses them after that, saying so). A course that re-measures every session gets only
     * what is given.
     */
    public MeasuredThresholds thresholds(Course course, MotorThresholds given) {
        Instant now = clock.instant();
        boolean anyGiven = given.rmtPercentMso().isPresent() || given.amtPercentMso().isPresent();
        if (anyGiven || !course.row().thresholdsEvery().equals("week")) {
            return new MeasuredThresholds(given, now);
        }
        Optional<RecordStore.StoredThreshold> rmt = measuredOnThePerson(course, "RMT");
        Optional<RecordStore.StoredThreshold> amt = measuredOnThePerson(course, "AMT");
        if (rmt.isEmpty() && amt.isEmpty()) {
            return new MeasuredThresholds(given, now);
        }
        // the older of the two decides how long they may dose; the method is the RMT's (or the AMT's)
        Instant measuredAt = java.util.stream.Stream.of(rmt, amt).flatMap(Optional::stream)
                .map(RecordStore.StoredThreshold::measuredAt).min(Instant::compareTo).orElse(now);
        ThresholdMethod method = evidence(rmt.or(() -> amt).get().method());
        return new MeasuredThresholds(MotorThresholds.of(rmt.map(RecordStore.StoredThreshold::percentMso).orElse(null),
                amt.map(RecordStore.StoredThreshold::percentMso).orElse(null), method), measuredAt,
                MeasuredThresholds.WEEK_DAYS);
    }

    /**
     * The subject's latest stored threshold of {@code kind}, unless a simulated hunt found it (a virtual
     * subject's threshold never doses a person).
     */
    private Optional<RecordStore.StoredThreshold> measuredOnThePerson(Course course, String kind) {
        return store.latestThreshold(course.subjectId(), kind).filter(t -> !t.method().contains("SIMULATION"));
    }

    /** EMG or VISUAL from a stored method ("EMG", or a hunt's "EMG; hunt ML-PEST; ..."), else UNSTATED. */
    static ThresholdMethod evidence(String storedMethod) {
        String first = storedMethod.split(";", 2)[0].strip().toUpperCase(java.util.Locale.ROOT);
        return first.equals("EMG") ? ThresholdMethod.EMG : first.equals("VISUAL") ? ThresholdMethod.VISUAL
                : ThresholdMethod.UNSTATED;
    }

    /** Counts a prepared session (nothing fired yet) toward the course it was admitted to. */
    public void join(CourseAdmission admission, long sessionId, String operator) {
        store.joinCourse(admission.course().row().id(), sessionId, operator, "session " + sessionId + " on "
                + admission.today() + (admission.findings().isEmpty() ? "" : ", needing "
                + String.join(", ", admission.findings().stream().map(f -> f.ruleId()).toList())), clock.instant());
    }

    /**
     * Records a measure's scores: before and/or after a session ({@code sessionNumber}, else today's
     * or the next one's), or a follow-up on {@code at} without a session.
     */
    public void recordOutcome(String courseName, String measureName, Optional<BigDecimal> before,
                              Optional<BigDecimal> after, Optional<Integer> sessionNumber, Optional<LocalDate> at,
                              String user) throws CourseInputRefused {
        Course course = course(courseName);
        OutcomeMeasure measure = measures.require(measureName);
        if (course.measures().stream().noneMatch(m -> m.name().equals(measure.name()))) {
            throw new CourseInputRefused("course " + course.name() + " does not record " + measure.name() + "; it records "
                    + String.join(", ", course.measures().stream().map(OutcomeMeasure::name).toList()));
        }
        if (before.isEmpty() && after.isEmpty()) {
            throw new CourseInputRefused("give a score: --before X and/or --after Y (a follow-up: --after Y --at DATE)");
        }
        for (BigDecimal score : List.of(before, after).stream().flatMap(Optional::stream).toList()) {
            Optional<String> refusal = measure.refusal(score);
            if (refusal.isPresent()) {
                throw new CourseInputRefused(refusal.get());
            }
        }
        Optional<Long> sessionId = Optional.empty();
        LocalDate day;
        boolean followUp = sessionNumber.isEmpty() && at.isPresent();
        if (sessionNumber.isPresent()) {
            CourseSession s = course.session(sessionNumber.get()).orElseThrow(() -> new CourseInputRefused("course "
                    + course.name() + " has no session " + sessionNumber.get() + " (" + course.held().size() + " held)"));
            sessionId = Optional.of(s.session().id());
            day = s.day();
            if (at.isPresent() && !at.get().equals(day)) {
                throw new CourseInputRefused("session " + sessionNumber.get() + " was held on " + day + ", not " + at.get());
            }
        } else {
            day = at.orElse(today());
            datedWithin(course, day);
        }
        if (followUp && before.isPresent()) {
            throw new CourseInputRefused("a follow-up without a session has one score: --after Y --at DATE");
        }
        Instant now = clock.instant();
        long courseId = course.row().id();
        if (before.isPresent()) {
            store.recordCourseOutcome(courseId, measure.name(), "before", before.get().doubleValue(), day, sessionId,
                    user, now);
        }
        if (after.isPresent()) {
            store.recordCourseOutcome(courseId, measure.name(), followUp ? "follow-up" : "after",
                    after.get().doubleValue(), day, sessionId, user, now);
        }
    }

    /** Records an adverse event; a seizure suspends the course until a supervisor resumes it. */
    public void recordEvent(String courseName, String kind, String severity, String note,
                            Optional<Integer> sessionNumber, Optional<LocalDate> at, String user)
            throws CourseInputRefused {
        Course course = course(courseName);
        if (!EVENT_KINDS.contains(kind)) {
            throw new CourseInputRefused("--kind must be one of " + String.join(", ", EVENT_KINDS) + ", not '" + kind + "'");
        }
        if (!SEVERITIES.contains(severity)) {
            throw new CourseInputRefused("--severity must be one of " + String.join(", ", SEVERITIES) + ", not '"
                    + severity + "'");
        }
        if (kind.equals("other") && note.isBlank()) {
            throw new CourseInputRefused("an event of kind other needs --note saying what happened");
        }
        Optional<Long> sessionId = Optional.empty();
        LocalDate day;
        if (sessionNumber.isPresent()) {
            CourseSession s = course.session(sessionNumber.get()).orElseThrow(() -> new CourseInputRefused("course "
                    + course.name() + " has no session " + sessionNumber.get() + " (" + course.held().size() + " held)"));
            sessionId = Optional.of(s.session().id());
            day = s.day();
        } else {
            day = at.orElse(today());
            datedWithin(course, day);
            sessionId = course.held().stream().filter(s -> s.day().equals(day)).reduce((a, b) -> b)
                    .map(s -> s.session().id());
        }
        Optional<String> suspends = kind.equals("seizure") && !course.state().equals(Course.CLOSED)
                ? Optional.of("seizure (" + severity + ") on " + day) : Optional.empty();
        store.recordAdverseEvent(course.row().id(), kind, severity, note.strip(), day, sessionId, user, clock.instant(),
                suspends);
    }

    /** A supervisor resumes a suspended course, with the reason recorded. */
    public void resume(String courseName, AuthenticatedUser supervisor, String reason) throws CourseInputRefused {
        Course course = course(courseName);
        if (supervisor.role() != Role.SUPERVISOR) {
            throw new CourseInputRefused(supervisor + " is not a supervisor; a supervisor resumes a course");
        }
        if (!course.state().equals(Course.SUSPENDED)) {
            throw new CourseInputRefused("course " + course.name() + " is " + course.state() + ", not suspended");
        }
        if (reason == null || reason.isBlank()) {
            throw new CourseInputRefused("resuming a course needs --reason");
        }
        store.recordCourseChange(course.row().id(), supervisor.name(), "resume", Optional.of(Course.ACTIVE),
                reason.strip(), clock.instant());
    }

    /** Closes a course early (no session counts toward it after this), with the reason recorded. */
    public void close(String courseName, String user, String reason) throws CourseInputRefused {
        Course course = course(courseName);
        if (course.state().equals(Course.CLOSED)) {
            throw new CourseInputRefused("course " + course.name() + " is already closed");
        }
        if (reason == null || reason.isBlank()) {
            throw new CourseInputRefused("closing a course needs --reason");
        }
        store.recordCourseChange(course.row().id(), user, "close", Optional.of(Course.CLOSED), reason.strip(),
                clock.instant());
    }

    /** A score or event dated in the future, or long before the course was planned, is refused. */
    private void datedWithin(Course course, LocalDate day) throws CourseInputRefused {
        LocalDate today = today();
        if (day.isAfter(today)) {
            throw new CourseInputRefused("--at " + day + " is in the future (today is " + today + ")");
        }
        LocalDate earliest = course.row().plannedAt().atZone(course.zone()).toLocalDate().minusDays(MAX_DAYS_BACK);
        if (day.isBefore(earliest)) {
            throw new CourseInputRefused("--at " + day + " is more than " + MAX_DAYS_BACK + " days before course "
                    + course.name() + " was planned");
        }
    }
}
