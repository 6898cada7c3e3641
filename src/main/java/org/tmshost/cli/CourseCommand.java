package org.tmshost.cli;

import org.tmshost.console.ExitCode;
import org.tmshost.console.LocalTimes;
import org.tmshost.course.Course;
import org.tmshost.course.CourseInputRefused;
import org.tmshost.session.AuthenticatedUser;
import org.tmshost.session.SiteUsers;
import org.tmshost.session.UserAudit;
import org.tmshost.yaml.PrintableText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import static org.tmshost.yaml.TerminalText.of;

@Command(name = "course", description = {"Treatment courses (issue 16): a series of sessions of one protocol for one "
        + "subject, with a schedule, outcome scores and adverse events, in the records under $TMSHOST_HOME; every "
        + "change audited with its user. 'run ... --course ID' counts a session toward a course.",
        "Rules, findings and examples: docs/courses.md.",
        "Exit codes: 0 done; 2 bad input or a refused request (nothing is written)."},
        subcommands = {CoursePlanCommand.class, CourseCommand.ListCourses.class, CourseCommand.Show.class,
                CourseCommand.Outcome.class, CourseCommand.Event.class, CourseCommand.Resume.class,
                CourseCommand.Close.class, CourseCommand.ProtocolText.class, CourseReportCommand.class, CourseExportCommand.class})
final class CourseCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return ExitCode.OK;
    }

    /** {@code YYYY-MM-DD} for {@code option}, or a refusal naming the option and the value. */
    static Optional<LocalDate> date(String option, String text) throws CourseInputRefused {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(text.strip()));
        } catch (DateTimeParseException e) {
            throw new CourseInputRefused(option + " must be a date YYYY-MM-DD, not '" + text + "'");
        }
    }

    /** A score for {@code option}, or a refusal naming the option and the value. */
    static Optional<BigDecimal> score(String option, String text) throws CourseInputRefused {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new BigDecimal(text.strip()));
        } catch (NumberFormatException e) {
            throw new CourseInputRefused(option + " must be a number, not '" + text + "'");
        }
    }

    @Command(name = "list", description = {"Active courses (neither closed nor complete), one line each: sessions "
            + "done / planned, days missed, when the next session is due, the latest score of the primary measure.",
            "NEXT: a date, today, 'overdue since DATE', suspended (a seizure; a supervisor resumes it), complete."})
    static final class ListCourses extends CourseAction {
        @Option(names = "--all", description = "Every course, closed and complete ones too.")
        boolean all;

        @Option(names = "--json", description = "The same courses as JSON (docs/courses.md).")
        boolean json;

        @Override
        int run(Desk desk) {
            LocalDate today = desk.courses().today();
            List<CourseView> shown = desk.courses().all().stream()
                    .map(c -> CourseView.of(c, today, Optional.empty())).filter(v -> all || v.active()).toList();
            if (json) {
                desk.out().println(CourseJson.text(shown.stream().map(CourseJson::summary).toList()));
            } else {
                CourseListing.list(shown, all, desk.out());
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "show", description = "One course in full: the plan, where it stands, every held session with its "
            + "pulses, output and scores, adverse events, each measure's change from baseline and responder status, "
            + "and every audited change.")
    static final class Show extends CourseAction {
        @Parameters(paramLabel = "ID")
        String id;

        @Option(names = "--json", description = "Machine-readable (contracts.md §6, docs/courses.md).")
        boolean json;

        @Override
        int run(Desk desk) throws CourseInputRefused {
            Course course = desk.courses().course(id);
            CourseView view = CourseView.of(course, desk.courses().today(), Optional.of(desk.store()));
            if (json) {
                desk.out().println(CourseJson.text(CourseJson.course(view)));
            } else {
                CourseListing.show(view, desk.store().verifyCourse(course.row().id()), LocalTimes.ofSystem(), desk.out());
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "outcome", description = {"Record a measure's scores: before and/or after a session (--session N, "
            + "else today's session or, before it, the next one), or a follow-up without a session (--after Y --at DATE).",
            "Scores are checked against the measure's range and steps (outcomes/*.yaml)."})
    static final class Outcome extends CourseAction {
        @Parameters(paramLabel = "ID")
        String id;

        @Option(names = "--measure", required = true, paramLabel = "M", description = "e.g. pain-nrs, pain-vas.")
        String measure;

        @Option(names = "--before", paramLabel = "X", description = "The score before the session.")
        String before;

        @Option(names = "--after", paramLabel = "Y", description = "The score after it (or at a follow-up).")
        String after;

        @Option(names = "--session", paramLabel = "N", description = "The course's session number N (course show).")
        Integer session;

        @Option(names = "--at", paramLabel = "DATE", description = "The day scored, YYYY-MM-DD (default today).")
        String at;

        @Mixin
        CourseOperator operator;

        @Override
        int run(Desk desk) throws CourseInputRefused, IOException, org.tmshost.yaml.InvalidFileException {
            operator.signIn(desk);
            desk.courses().recordOutcome(id, measure, score("--before", before), score("--after", after),
                    Optional.ofNullable(session), date("--at", at), operator.name);
            CourseView view = CourseView.of(desk.courses().course(id), desk.courses().today(), Optional.empty());
            desk.out().println("recorded " + of(measure) + " for course " + of(id) + "; "
                    + CourseListing.summary(view.summaries().stream().filter(s -> s.measure().name().equals(measure))
                    .findFirst().orElse(view.primary())));
            return ExitCode.OK;
        }
    }

    @Command(name = "event", description = {"Record an adverse event. A seizure suspends the course: no session counts "
            + "toward it until a supervisor resumes it (course resume)."})
    static final class Event extends CourseAction {
        @Parameters(paramLabel = "ID")
        String id;

        @Option(names = "--kind", required = true, paramLabel = "K",
                description = "headache, scalp-discomfort, syncope, seizure or other (other needs --note).")
        String kind;

        @Option(names = "--severity", required = true, paramLabel = "S", description = "mild, moderate or severe.")
        String severity;

        @Option(names = "--note", paramLabel = "TEXT", description = "What happened.")
        String note = "";

        @Option(names = "--session", paramLabel = "N", description = "The course's session number N it followed.")
        Integer session;

        @Option(names = "--at", paramLabel = "DATE", description = "The day, YYYY-MM-DD (default today).")
        String at;

        @Mixin
        CourseOperator operator;

        @Override
        int run(Desk desk) throws CourseInputRefused, IOException, org.tmshost.yaml.InvalidFileException {
            operator.signIn(desk);
            desk.courses().recordEvent(id, kind, severity, note, Optional.ofNullable(session), date("--at", at),
                    operator.name);
            Course course = desk.courses().course(id);
            desk.out().println("recorded " + of(kind) + " (" + of(severity) + ") for course " + of(id));
            if (course.state().equals(Course.SUSPENDED)) {
                desk.out().println("course " + of(id) + " is SUSPENDED: no session counts toward it until a supervisor "
                        + "resumes it: tmshost course resume " + of(id) + " --as SUPERVISOR --reason TEXT");
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "resume", description = {"A supervisor resumes a course a seizure suspended, with the reason "
            + "recorded. The password is asked without echo on a terminal, else read from standard input."})
    static final class Resume extends CourseAction {
        @Parameters(paramLabel = "ID")
        String id;

        @Mixin
        SupervisorCredentials supervisor;

        @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why it may go on (recorded).")
        String reason;

        @Override
        int run(Desk desk) throws CourseInputRefused, IOException {
            Course course = desk.courses().course(id);
            if (!course.state().equals(Course.SUSPENDED)) { // refused before a password is asked
                throw new CourseInputRefused("course " + course.name() + " is " + course.state() + ", not suspended; "
                        + "only a course a seizure suspended is resumed");
            }
            SiteUsers users = SiteUsers.of(desk.home(), desk.store(), UserAudit.into(desk.store()));
            char[] password = supervisor.password();
            Optional<AuthenticatedUser> by;
            try {
                by = users.authenticate(supervisor.name, password, "resume course " + id);
            } finally {
                SiteUsers.wipe(password);
            }
            if (by.isEmpty()) {
                desk.err().println("error: unknown user, wrong password or a locked account for '"
                        + PrintableText.escaped(supervisor.name) + "' (audited); the course stays suspended");
                return ExitCode.BAD_INPUT;
            }
            desk.courses().resume(id, by.get(), reason);
            desk.out().println("course " + of(id) + " resumed by " + of(by.get().name()) + ": " + of(reason.strip()));
            return ExitCode.OK;
        }
    }

    @Command(name = "protocol", description = {"The protocol file as the course was planned with it, byte for byte "
            + "(its SHA-256 is the course's): run it when the library or the file has changed since, "
            + "e.g. 'tmshost course protocol c1 --output c1.yaml' then 'tmshost run c1.yaml --course c1 ...'."})
    static final class ProtocolText extends CourseAction {
        @Parameters(paramLabel = "ID")
        String id;

        @Option(names = "--output", paramLabel = "FILE", description = "Write to FILE (not replacing one) instead of "
                + "standard output.")
        java.nio.file.Path output;

        @Override
        int run(Desk desk) throws CourseInputRefused, IOException {
            Course course = desk.courses().course(id);
            String text = course.row().protocolText();
            if (output == null) {
                desk.out().print(text);
                desk.out().flush();
                return ExitCode.OK;
            }
            try {
                java.nio.file.Files.writeString(output, text, java.nio.charset.StandardCharsets.UTF_8,
                        java.nio.file.StandardOpenOption.CREATE_NEW);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                throw new CourseInputRefused("--output " + output + " exists; name a new file");
            }
            desk.out().println("protocol of course " + of(id) + " (SHA-256 " + course.row().protocolSha256() + "): "
                    + of(output.toString()));
            return ExitCode.OK;
        }
    }

    @Command(name = "close", description = "Close a course early, with the reason recorded; no session counts toward "
            + "it after this (run --course is refused).")
    static final class Close extends CourseAction {
        @Parameters(paramLabel = "ID")
        String id;

        @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why (recorded).")
        String reason;

        @Mixin
        CourseOperator operator;

        @Override
        int run(Desk desk) throws CourseInputRefused, IOException, org.tmshost.yaml.InvalidFileException {
            operator.signIn(desk);
            desk.courses().close(id, operator.name, reason);
            desk.out().println("course " + of(id) + " closed by " + of(operator.name) + ": " + of(reason.strip()));
            return ExitCode.OK;
        }
    }
}
