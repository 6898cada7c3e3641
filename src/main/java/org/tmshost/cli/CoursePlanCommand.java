package org.tmshost.cli;

import org.tmshost.console.ExitCode;
import org.tmshost.course.Course;
import org.tmshost.course.CourseInputRefused;
import org.tmshost.course.CoursePlanRequest;
import org.tmshost.profile.SiteLimits;
import org.tmshost.protocol.ProtocolLibrary;
import org.tmshost.record.SubjectId;
import org.tmshost.safety.SafetyEnvelope;
import org.tmshost.yaml.InvalidFileException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import static org.tmshost.yaml.TerminalText.of;

@Command(name = "plan", description = {"Plan a treatment course: SESSIONS induction sessions of one protocol on a "
        + "schedule, then optional maintenance sessions. The protocol's text and SHA-256 are kept with the course; "
        + "a session on it changed since is refused.",
        "Refused, with nothing written: an unknown subject (unless --new-subject), measure or site, a start date in "
                + "the past or more than a year ahead, an id already used."})
final class CoursePlanCommand extends CourseAction {
    @Parameters(paramLabel = "ID", description = "The course's id, e.g. c1 (a-z, 0-9, '.', '_', '-').")
    String id;

    @Option(names = "--subject", required = true, paramLabel = "S", description = "A subject on record (or --new-subject).")
    String subject;

    @Option(names = "--protocol", required = true, paramLabel = "P",
            description = "A library name (tmshost protocols) or a protocol file.")
    String protocol;

    @Option(names = "--sessions", required = true, paramLabel = "N", description = "Induction sessions (1 to 100).")
    int sessions;

    @Option(names = "--schedule", required = true, paramLabel = "daily|weekdays|DATES",
            description = "daily, weekdays (Monday to Friday), or dates YYYY-MM-DD,YYYY-MM-DD,...")
    String schedule;

    @Option(names = "--start", paramLabel = "DATE", description = "The first day, YYYY-MM-DD (default today; a dates "
            + "schedule starts at its first date).")
    String start;

    @Option(names = "--maintenance", paramLabel = "N/EVERY",
            description = "N maintenance sessions after the induction, one every EVERY days (e.g. 4/14).")
    String maintenance;

    @Option(names = "--target", paramLabel = "TEXT", description = "Where exactly, in words (default: the site).")
    String target = "";

    @Option(names = "--site", paramLabel = "NAME", description = "A standard target site (default: ${DEFAULT-VALUE}).")
    String site = "M1 contralateral to pain";

    @Option(names = "--outcome", paramLabel = "M", split = ",",
            description = "Outcome measures, the primary first (default pain-nrs): pain-nrs, pain-vas, or a site's own.")
    List<String> outcomes = List.of();

    @Option(names = "--thresholds", paramLabel = "session|week",
            description = "How often the motor threshold is re-measured (default: ${DEFAULT-VALUE}): session needs it "
                    + "measured the day of each session; week lets a session given no threshold be dosed by the "
                    + "subject's latest stored one for 7 days counting the day it was measured.")
    String thresholds = "session";

    @Option(names = "--per-day", paramLabel = "N", description = "Sessions a treatment day allows (default: ${DEFAULT-VALUE}).")
    int perDay = 1;

    @Option(names = "--new-subject", description = "The subject is seen for the first time: create them with the course "
            + "(their id must match the site policy's subjectIdPattern).")
    boolean newSubject;

    @Mixin
    CourseOperator operator;

    @Override
    int run(Desk desk) throws CourseInputRefused, IOException, InvalidFileException {
        operator.signIn(desk);
        ProtocolLibrary.Entry entry = ProtocolLibrary.resolve(protocol);
        String subjectId = subject;
        if (newSubject) {
            // as run takes a subject seen for the first time: the site's pattern (SubjectIdRefused: exit 2)
            SafetyEnvelope envelope = SafetyEnvelope.inForce(SiteLimits.current());
            subjectId = SubjectId.of(subject, envelope.subjectIdPattern()).value();
        }
        Course course = desk.courses().plan(new CoursePlanRequest(id, subjectId, entry.name(), entry.text(), sessions,
                schedule, CourseCommand.date("--start", start), Optional.ofNullable(maintenance), target, site,
                outcomes, thresholds, perDay, newSubject, operator.name));
        CourseView view = CourseView.of(course, desk.courses().today(), Optional.empty());
        desk.out().println("course " + of(course.name()) + " planned for subject " + of(course.subjectId()) + ": "
                + course.plannedSessions() + " sessions of " + of(entry.name()) + " (SHA-256 "
                + course.row().protocolSha256().substring(0, 12) + "…), " + of(course.row().schedule()) + " from "
                + course.row().startDate() + ", maintenance " + course.maintenance().text() + "; next: "
                + view.nextSaid());
        return ExitCode.OK;
    }
}
