package org.tmshost.cli;

import org.tmshost.console.CheckOutput;
import org.tmshost.console.Devices;
import org.tmshost.console.ErrorMessages;
import org.tmshost.console.ExitCode;
import org.tmshost.console.RunProgress;
import org.tmshost.console.SessionHost;
import org.tmshost.console.SubjectEntry;
import org.tmshost.course.CourseInputRefused;
import org.tmshost.device.DeviceFault;
import org.tmshost.device.DeviceUri;
import org.tmshost.device.ttl.PanelPrompt;
import org.tmshost.profile.HardwareProfile;
import org.tmshost.protocol.MotorThresholds;
import org.tmshost.protocol.ProtocolLibrary;
import org.tmshost.record.RecordException;
import org.tmshost.record.TmsHome;
import org.tmshost.safety.Severity;
import org.tmshost.session.ArmingReport;
import org.tmshost.session.Confirmations;
import org.tmshost.session.Session;
import org.tmshost.session.SessionOutcome;
import org.tmshost.session.SessionState;
import org.tmshost.yaml.InvalidFileException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;

import static org.tmshost.yaml.TerminalText.of;

@Command(name = "run", description = {"Run a real session without the console (automation, HIL): check the protocol, "
        + "run every arming check, arm, fire the plan, record everything under $TMSHOST_HOME.",
        "Exit codes: 0 completed; 2 bad input; 3 envelope or arming refused; 4 device or link fault; "
                + "5 aborted by an interlock or a stop."})
final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    PlanRequest request;

    @Mixin
    DeliveryOptions delivery;

    @Option(names = "--subject", paramLabel = "ID", required = true, description = "Subject id (pseudonymous; normalised: "
            + "Unicode NFKC, trimmed, lower case; must match the site policy's subjectIdPattern).")
    String subject;

    @Option(names = "--course", paramLabel = "ID", description = "Count the session toward this treatment course "
            + "(tmshost course plan): refused (exit 2) for another subject's course or its protocol changed since it "
            + "was planned; a second session the same day, another protocol, a day off the schedule or a course "
            + "already complete needs a supervisor's approval (--approve-as); a suspended or closed course exits 3.")
    String course;

    @Override
    public Integer call() throws InvalidFileException, DeviceFault, IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ProtocolLibrary.Entry entry = request.protocolEntry();
        HardwareProfile hardware = request.hardwareProfile();
        MotorThresholds subjectThresholds = request.motorThresholds(spec);
        DeviceUri uri = delivery.checked(spec);
        TmsHome home = TmsHome.resolve();
        Optional<SessionHost> opened = SessionHost.open(home, out, err);
        if (opened.isEmpty()) {
            return ExitCode.DEVICE_FAULT;
        }
        try (SessionHost host = opened.get()) {
            if (!delivery.operatorSignedIn(host, request.envelope(), err)) {
                return ExitCode.BAD_INPUT;
            }
            // before the device is opened: a refused id (exit 2) touches nothing
            String subjectId = SubjectEntry.admit(host.store(), subject, request.envelope()).value();
            Optional<CourseTurn> turn = Optional.empty();
            if (course != null) {
                try {
                    turn = Optional.of(CourseTurn.admit(host, course, subjectId, entry));
                } catch (CourseInputRefused e) {
                    err.println("error: " + of(e.getMessage()));
                    return ExitCode.BAD_INPUT;
                }
                out.println(turn.get().said());
            }
            try (SessionHost.Connection device = SessionHost.connect(
                    Devices.offered(System::nanoTime, PanelPrompt.terminal()), uri, hardware)) {
                return run(host, device, entry, subjectThresholds, subjectId, turn, out, err);
            }
        } catch (RecordException e) {
            // before arming (nothing fired) or while finishing (the session already disarmed the device)
            return ErrorMessages.recordFailure(e, home, err);
        }
    }

    private int run(SessionHost host, SessionHost.Connection device, ProtocolLibrary.Entry entry,
                    MotorThresholds subjectThresholds, String subjectId, Optional<CourseTurn> turn, PrintWriter out,
                    PrintWriter err) throws InvalidFileException, IOException, DeviceFault, InterruptedException {
        Session session = turn.isEmpty()
                ? host.prepare(device, entry, subjectThresholds, subjectId, delivery.operator, request.envelope())
                : host.prepare(device, entry, subjectThresholds, subjectId, delivery.operator, request.envelope(),
                turn.get().courses(), turn.get().admission());
        return deliver(host, device, session, entry.name(), delivery.approval(), delivery.yes, delivery.operator, out,
                err);
    }

    /** Who approves NEEDS_OVERRIDE findings, from {@code --approve-as} and {@code --reason}. */
    record Approval(String approveAs, String reason) {
    }

    /**
     * What {@code run} and {@code resume} do with a PREPARED session: show the verdict, take a
     * supervisor's approval where needed, run the arming checks, arm, start and wait for the end.
     *
     * @return the exit code (contracts.md §2)
     */
    static int deliver(SessionHost host, SessionHost.Connection device, Session session, String protocolName,
                       Approval approval, boolean yes, String operator, PrintWriter out, PrintWriter err)
            throws IOException, DeviceFault, InterruptedException {
        HardwareProfile hardware = device.profile();
        String approveAs = approval.approveAs();
        String reason = approval.reason();
        if (session.request().simulated()) {
            out.println("SIMULATION: device " + device.uri() + " is simulated; no real pulse is delivered");
        }
        out.println("session " + session.id() + " prepared");
        CheckOutput.printText(out, protocolName, hardware, session.request().protocol(), session.verdict());
        if (session.verdict().level() == Severity.BLOCKED) {
            session.cancel("envelope refused: verdict BLOCKED", operator);
            return ExitCode.SAFETY_REFUSED;
        }
        if (!session.approvedRuleIds().isEmpty()) {
            out.println("overrides approved for this treatment carry over: " + String.join(", ", session.approvedRuleIds()));
        }
        if (session.verdict().level() == Severity.NEEDS_OVERRIDE && !session.approvedRuleIds().containsAll(
                session.verdict().needingOverride().stream().map(f -> f.ruleId()).toList())) {
            Optional<String> refused = approveAs == null
                    ? Optional.of("NEEDS_OVERRIDE findings need a supervisor: --approve-as USER --reason TEXT "
                    + "(the password is asked without echo, or read from standard input)")
                    : host.approve(session, approveAs, Passwords.of(approveAs), reason);
            if (refused.isPresent()) {
                err.println("override refused: " + of(refused.get()));
                session.cancel("override refused: " + refused.get(), operator);
                return ExitCode.SAFETY_REFUSED;
            }
            out.println("overrides approved by " + of(approveAs) + ": " + of(reason));
        }
        ArmingReport report = session.arm(yes ? Confirmations.BOTH : askConfirmations(out), operator);
        if (!report.canArm()) {
            report.lines().forEach(err::println);
            session.cancel("arming refused: " + String.join("; ", report.lines()), operator);
            return ExitCode.SAFETY_REFUSED;
        }
        if (session.state() != SessionState.ARMED) { // a stop or link fault came between arming and here
            SessionOutcome ended;
            try {
                ended = session.awaitEnd(Duration.ofSeconds(5));
            } catch (TimeoutException e) {
                throw new IllegalStateException("a tripped session did not end within 5 s", e);
            }
            SessionHost.printOutcome(ended, out, err);
            return SessionHost.exitCodeOf(ended);
        }
        out.println("armed: all " + report.checksRun().size() + " arming checks passed");
        report.notes().forEach(note -> out.println("  " + note));
        Thread stopOnInterrupt = new Thread(() -> session.stop(operator + " (interrupt signal)"), "tmshost-sigint");
        Runtime.getRuntime().addShutdownHook(stopOnInterrupt);
        try {
            session.start(operator);
            out.println("RUNNING session " + session.id() + ": " + RunProgress.of(session, System.nanoTime()).said());
            out.flush();
            SessionOutcome outcome = awaitWithProgress(session, out);
            SessionHost.printOutcome(outcome, out, err);
            return SessionHost.exitCodeOf(outcome);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(stopOnInterrupt);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it stops the session
            }
        }
    }

    private static Confirmations askConfirmations(PrintWriter out) {
        java.io.Console console = System.console();
        if (console == null) {
            return Confirmations.NONE; // non-interactive without --yes: the arming checks say what is missing
        }
        boolean hearing = "y".equalsIgnoreCase(console.readLine("Hearing protection fitted (subject and operator)? [y/N] ").trim());
        boolean screening = "y".equalsIgnoreCase(console.readLine("Safety screening complete for this subject? [y/N] ").trim());
        return new Confirmations(hearing, screening);
    }

    /** Waits for the end, printing the progress ("RUNNING 312 / 600 pulses · 1 min 32 s left") every 5 s. */
    private static SessionOutcome awaitWithProgress(Session session, PrintWriter out) throws InterruptedException {
        while (true) {
            try {
                return session.awaitEnd(Duration.ofSeconds(5));
            } catch (TimeoutException e) {
                out.println("  " + RunProgress.of(session, System.nanoTime()).line()); // the session's clock: SystemClock
                session.recordsOutOfReach().ifPresent(why -> out.println("  RECORDS " + why));
                out.flush();
            }
        }
    }
}
