package org.tmshost.console;

import org.tmshost.course.Course;
import org.tmshost.course.CourseAdmission;
import org.tmshost.course.CourseInputRefused;
import org.tmshost.course.Courses;
import org.tmshost.protocol.ProtocolFiles;
import org.tmshost.protocol.ProtocolLibrary;
import org.tmshost.protocol.ThresholdKind;
import org.tmshost.record.CourseRow;
import org.tmshost.session.AuthenticatedUser;
import org.tmshost.session.Session;
import org.tmshost.session.SessionState;
import org.tmshost.session.SiteUsers;
import org.tmshost.yaml.ContentDigest;
import org.tmshost.yaml.Durations;
import org.tmshost.yaml.InvalidFileException;
import org.tmshost.yaml.PrintableText;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import static org.tmshost.yaml.TerminalText.of;

/**
 * The console's {@code course} (issue 16): where the selected course stands, selecting one (its
 * subject and its protocol as planned, so the next session counts toward it), leaving course mode,
 * and recording its outcome scores and adverse events with the console's operator. A supervisor
 * resumes a suspended course here too. Every input is checked by {@link Courses} before anything is
 * written; a refusal is exit 2 with its reason.
 */
final class CourseCommands {
    /** The words after {@code course} that are not a course id. */
    static final List<String> ACTIONS = List.of("none", "outcome", "event", "resume");

    /** The options of {@code course outcome}, {@code course event} and {@code course resume}, as typed. */
    record Options(String measure, String before, String after, Integer session, String at, String kind,
                   String severity, String note, String as, String reason) {
        boolean outcome() {
            return measure != null || before != null || after != null;
        }

        boolean event() {
            return kind != null || severity != null || note != null;
        }

        boolean resume() {
            return as != null || reason != null;
        }

        boolean any() {
            return outcome() || event() || resume() || session != null || at != null;
        }
    }

    private final ConsoleState state;
    private final ConsoleIo io;
    private final SettingsCommands settings;

    CourseCommands(ConsoleState state, SettingsCommands settings) {
        this.state = state;
        this.io = state.io;
        this.settings = settings;
    }

    int course(List<String> words, Options options) throws InvalidFileException, IOException {
        if (words.isEmpty()) {
            return options.any() ? io.bad("course outcome|event|resume ... (the options belong to one of them)")
                    : show();
        }
        String first = words.get(0);
        if (words.size() > 1) {
            return io.bad("course [ID | none | outcome ... | event ... | resume ...]: one word, not "
                    + words.size());
        }
        return switch (first) {
            case "outcome" -> options.event() || options.resume() ? io.bad(only("outcome",
                    "--measure, --before, --after, --session, --at")) : outcome(options);
            case "event" -> options.outcome() || options.resume() ? io.bad(only("event",
                    "--kind, --severity, --note, --session, --at")) : event(options);
            case "resume" -> options.outcome() || options.event() || options.session() != null || options.at() != null
                    ? io.bad(only("resume", "--as, --reason")) : resume(options);
            case "none", "off" -> options.any() ? io.bad("course none takes no options") : leave();
            default -> options.any() ? io.bad("course ID takes no options") : select(first);
        };
    }

    private static String only(String action, String options) {
        return "course " + action + " takes " + options;
    }

    /** The selected course's standing; else the subject's active courses; else what to type. */
    private int show() throws InvalidFileException {
        Courses courses = state.host.courses();
        SelectedCourse selected = state.course;
        if (selected != null) {
            try {
                print(CourseStandingText.standing(courses.course(selected.name()), courses.today()));
            } catch (CourseInputRefused e) {
                return io.bad(of(e.getMessage()));
            }
            return ExitCode.OK;
        }
        LocalDate today = courses.today();
        if (state.subject != null) {
            List<Course> active = courses.all().stream().filter(c -> c.subjectId().equals(state.subject)
                    && c.state().equals(Course.ACTIVE)).toList();
            if (!active.isEmpty()) {
                io.out().println("subject " + of(state.subject) + ": " + active.size() + " active course(s); "
                        + "'course ID' selects one, so the session counts toward it:");
                active.forEach(c -> io.out().println(CourseStandingText.listed(c, today)));
                return ExitCode.OK;
            }
            io.out().println("subject " + of(state.subject) + " has no active course");
        }
        List<String> names = courses.all().stream().filter(c -> c.state().equals(Course.ACTIVE)).map(Course::name)
                .toList();
        io.out().println("no course selected: course ID selects one (its subject and protocol are set, and the "
                + "session counts toward it)" + (names.isEmpty() ? "; none is planned ('tmshost course plan ID "
                + "--subject S --protocol P --sessions N --schedule weekdays --operator U')"
                : "; active courses: " + of(String.join(", ", names))));
        return ExitCode.OK;
    }

    /**
     * Selects a course: its subject (thresholds and confirmations cleared, as {@code subject} does),
     * its protocol from the text kept with it (the course decides the protocol, not today's library),
     * where it stands, what a session today would need, and the thresholds to measure.
     */
    private int select(String name) throws InvalidFileException {
        Courses courses = state.host.courses();
        Course course;
        try {
            course = courses.course(name);
        } catch (CourseInputRefused e) {
            return io.bad(of(e.getMessage()));
        }
        CourseRow row = course.row();
        ProtocolLibrary.Entry protocol = new ProtocolLibrary.Entry(row.protocolName(),
                ProtocolFiles.parse(row.protocolName(), row.protocolText()), row.protocolText());
        if (!state.changeable("the course")) {
            return ExitCode.BAD_INPUT;
        }
        state.course = null; // the subject below is the course's: no note about leaving the previous one
        int subject = settings.subject(course.subjectId());
        if (subject != ExitCode.OK) {
            return subject;
        }
        state.protocol = protocol;
        state.course = new SelectedCourse(course.name(), course.subjectId());
        io.out().printf(Locale.ROOT, "loaded %s (course %s's protocol as planned, SHA-256 %s): %s, %d pulses, %s%n",
                of(protocol.name()), of(course.name()), ContentDigest.sha256(protocol.text()).substring(0, 12),
                of(protocol.protocol().name()), protocol.protocol().pulseCount(),
                Durations.human(protocol.protocol().timeline().durationNanos()));
        print(CourseStandingText.standing(course, courses.today()));
        try {
            CourseAdmission admission = courses.admit(course.name(), course.subjectId(), protocol.name(), protocol.text());
            print(CourseStandingText.today(admission.findings()));
        } catch (CourseInputRefused e) {
            io.out().println("  today: " + of(e.getMessage()));
        }
        String needed = String.join(" and ", FirstRunGuide.thresholdsNeeded(state).stream().map(ThresholdKind::name)
                .toList());
        io.out().println(row.thresholdsEvery().equals("week")
                ? "  thresholds: the course re-measures them every week: without a threshold entered today, the "
                + "subject's latest " + needed + " doses the session if measured within 7 days counting today ("
                + "threshold rmt|amt VALUE --evidence emg|visual to measure again); the course doses by '"
                + of(row.intensityRule()) + "'"
                : "  thresholds: measure " + needed + " today (threshold rmt|amt VALUE --evidence emg|visual, or "
                + "threshold hunt ...); the course doses by '" + of(row.intensityRule()) + "', re-measured every "
                + "session");
        io.out().println("  the next check/arm prepares a session of course " + of(course.name())
                + "; 'course none' leaves course mode");
        return ExitCode.OK;
    }

    private int leave() {
        SelectedCourse selected = state.course;
        if (selected == null) {
            io.out().println("no course selected");
            return ExitCode.OK;
        }
        if (!state.changeable("the course")) {
            return ExitCode.BAD_INPUT;
        }
        state.course = null;
        io.out().println("course " + of(selected.name()) + " left: sessions no longer count toward a course "
                + "(subject and protocol stay set)");
        return ExitCode.OK;
    }

    private int outcome(Options o) throws InvalidFileException {
        Optional<SelectedCourse> course = selectedWithOperator("course outcome --measure M --before X [--after Y]");
        if (course.isEmpty()) {
            return ExitCode.BAD_INPUT;
        }
        if (o.measure() == null) {
            return io.bad("course outcome needs --measure (e.g. pain-nrs) and a score: --before X and/or --after Y");
        }
        Optional<BigDecimal> before;
        Optional<BigDecimal> after;
        Optional<LocalDate> at;
        try {
            before = score("--before", o.before());
            after = score("--after", o.after());
            at = date(o.at());
        } catch (IllegalArgumentException e) {
            return io.bad(of(e.getMessage()));
        }
        Courses courses = state.host.courses();
        try {
            courses.recordOutcome(course.get().name(), o.measure(), before, after, Optional.ofNullable(o.session()), at,
                    state.operator);
            Course recorded = courses.course(course.get().name());
            io.out().println("recorded for course " + of(recorded.name()) + " by " + of(state.operator) + ": "
                    + of(o.measure()) + before.map(b -> " before " + b.toPlainString()).orElse("")
                    + after.map(a -> " after " + a.toPlainString()).orElse("") + at.map(d -> " on " + d).orElse(""));
            io.out().println("  " + CourseStandingText.outcome(recorded.summary(courses.measures().require(o.measure()))));
        } catch (CourseInputRefused e) {
            return io.bad("course outcome refused, nothing recorded: " + of(e.getMessage()));
        }
        return ExitCode.OK;
    }

    private int event(Options o) throws InvalidFileException {
        Optional<SelectedCourse> course = selectedWithOperator("course event --kind K --severity S [--note TEXT]");
        if (course.isEmpty()) {
            return ExitCode.BAD_INPUT;
        }
        if (o.kind() == null || o.severity() == null) {
            return io.bad("course event needs --kind headache|scalp-discomfort|syncope|seizure|other and --severity "
                    + "mild|moderate|severe");
        }
        Optional<LocalDate> at;
        try {
            at = date(o.at());
        } catch (IllegalArgumentException e) {
            return io.bad(of(e.getMessage()));
        }
        Courses courses = state.host.courses();
        Course recorded;
        try {
            courses.recordEvent(course.get().name(), o.kind(), o.severity(), o.note() == null ? "" : o.note(),
                    Optional.ofNullable(o.session()), at, state.operator);
            recorded = courses.course(course.get().name());
        } catch (CourseInputRefused e) {
            return io.bad("course event refused, nothing recorded: " + of(e.getMessage()));
        }
        io.out().println("recorded for course " + of(recorded.name()) + " by " + of(state.operator) + ": "
                + of(o.kind()) + " (" + of(o.severity()) + ")" + (o.note() == null ? "" : ": " + of(o.note())));
        if (recorded.state().equals(Course.SUSPENDED)) {
            endSessionOf("course " + recorded.name() + " suspended: " + o.kind() + " recorded");
            io.out().println("course " + of(recorded.name()) + " SUSPENDED: no session counts toward it until a "
                    + "supervisor, having reviewed the event, resumes it:");
            io.out().println("  type: course resume --as SUPERVISOR --reason TEXT  (outside the console: tmshost course "
                    + "resume " + of(recorded.name()) + " --as SUPERVISOR --reason TEXT)");
        }
        return ExitCode.OK;
    }

    /** A supervisor resumes the selected course (suspended by a seizure), with the reason recorded. */
    private int resume(Options o) throws InvalidFileException, IOException {
        SelectedCourse course = state.course;
        if (course == null) {
            return io.bad("no course selected: course ID first, then course resume --as SUPERVISOR --reason TEXT");
        }
        if (o.as() == null || o.reason() == null || o.reason().isBlank()) {
            return io.bad("course resume needs --as SUPERVISOR and --reason TEXT (recorded); the password is asked");
        }
        SiteUsers users = state.host.users();
        char[] password = io.askSecret("password for " + PrintableText.escaped(o.as()) + ": ");
        Optional<AuthenticatedUser> supervisor;
        try {
            supervisor = users.authenticate(o.as(), password, "resume course " + course.name());
        } finally {
            SiteUsers.wipe(password);
        }
        if (supervisor.isEmpty()) {
            return io.bad("unknown user, wrong password or a locked account for '" + PrintableText.escaped(o.as())
                    + "' (audited); the course stays suspended");
        }
        try {
            state.host.courses().resume(course.name(), supervisor.get(), o.reason());
        } catch (CourseInputRefused e) {
            return io.bad("course resume refused: " + of(e.getMessage()));
        }
        // a session prepared while it was suspended carries the BLOCKED finding; the next check judges anew
        endSessionOf("course " + course.name() + " resumed");
        io.out().println("course " + of(course.name()) + " resumed by " + of(supervisor.get().name()) + ": "
                + of(o.reason().strip()));
        return ExitCode.OK;
    }

    /**
     * A course's state changed under the session: a prepared one is cancelled (its findings were
     * judged before), an armed or running one stopped and the device disarmed.
     */
    private void endSessionOf(String why) {
        Session s = state.session;
        if (s == null || s.state().isTerminal()) {
            return;
        }
        if (s.state() == SessionState.PREPARED) {
            s.cancel(why, state.operator);
            io.out().println("session " + s.id() + " cancelled before arming (" + of(why) + ")");
            state.session = null;
            return;
        }
        s.stop(state.operator + " (" + why + ")");
        io.out().println("session " + s.id() + " STOPPED and the device disarmed (" + of(why) + ")");
    }

    private Optional<SelectedCourse> selectedWithOperator(String usage) {
        List<String> missing = new ArrayList<>();
        if (state.course == null) {
            missing.add("course ID");
        }
        if (state.operator == null) {
            missing.add("operator ID");
        }
        if (!missing.isEmpty()) {
            io.bad("set first: " + String.join(", ", missing) + " (then " + usage + ")");
            return Optional.empty();
        }
        return Optional.of(state.course);
    }

    private static Optional<BigDecimal> score(String option, String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new BigDecimal(text.strip()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " '" + text + "' is not a number; nothing recorded");
        }
    }

    private static Optional<LocalDate> date(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(text.strip()));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--at '" + text + "' is not a date YYYY-MM-DD; nothing recorded");
        }
    }

    private void print(List<String> lines) {
        lines.forEach(io.out()::println);
    }
}
