package org.tmshost.console;

import org.tmshost.yaml.Durations;
import org.tmshost.device.DeviceFault;
import org.tmshost.device.DeviceUri;
import org.tmshost.profile.HardwareProfile;
import org.tmshost.profile.HardwareProfiles;
import org.tmshost.safety.Severity;
import org.tmshost.session.ArmingReport;
import org.tmshost.session.CheckId;
import org.tmshost.session.Confirmations;
import org.tmshost.session.Continuation;
import org.tmshost.session.ContinuationRefused;
import org.tmshost.session.DoseLedger;
import org.tmshost.session.Session;
import org.tmshost.yaml.InvalidFileException;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import static org.tmshost.yaml.TerminalText.of;

/**
 * Before a session arms: {@code check} (the verdict, the thresholds used, the subject's dose today),
 * a supervisor's {@code approve}, the operator's {@code confirm}, {@code continue} (a treatment the
 * host's own fault cut short) and {@code arm} (every arming check, each failure with what to do).
 */
final class ArmingCommands {
    private final ConsoleState state;
    private final ConsoleIo io;

    ArmingCommands(ConsoleState state) {
        this.state = state;
        this.io = state.io;
    }

    int check() throws DeviceFault, InvalidFileException {
        Optional<Session> prepared = state.prepared();
        if (prepared.isEmpty()) {
            return ExitCode.BAD_INPUT;
        }
        Session s = prepared.get();
        CheckOutput.printText(io.out(), state.protocol.name(), s.request().profile(), state.protocol.protocol(),
                s.verdict());
        String thresholds = state.thresholds.described();
        if (!thresholds.isEmpty()) {
            io.out().println("  thresholds: " + thresholds);
        }
        io.out().println("  " + doseText(s.doseToday()));
        if (s.verdict().level() == Severity.NEEDS_OVERRIDE) {
            boolean approved = s.approvedRuleIds().containsAll(
                    s.verdict().needingOverride().stream().map(f -> f.ruleId()).toList());
            io.out().println(approved ? "  Overrides approved." : "  Not yet approved: a supervisor types "
                    + "approve SUPERVISOR --reason TEXT (their password is asked).");
        }
        int ready = readiness(s);
        return s.verdict().level() == Severity.BLOCKED ? ExitCode.SAFETY_REFUSED : ready;
    }

    /**
     * What {@code arm} would find now: the same arming checks on the same session. A failure of what
     * the session is (its thresholds, its envelope, the subject's dose) fails {@code check} as it will
     * fail {@code arm}; what the room still has to do (confirmations, the device, the coil) is listed
     * with its command and leaves {@code check} passing, since those come after it.
     */
    private int readiness(Session s) {
        ArmingReport report = s.armingChecks(state.confirmations);
        if (report.canArm()) {
            io.out().println("  arming: all " + report.checksRun().size() + " arming checks pass now; 'arm' arms.");
            return ExitCode.OK;
        }
        io.out().println("  arming: " + report.failures().size() + " of " + report.checksRun().size()
                + " arming checks fail now; 'arm' refuses until each is done:");
        report.failures().forEach(f -> io.out().println(ArmingRemedy.describe(f)));
        boolean sessionItself = report.failedChecks().stream().anyMatch(SESSION_CHECKS::contains);
        return sessionItself ? ExitCode.SAFETY_REFUSED : ExitCode.OK;
    }

    /** The checks about the session itself, which no step after {@code check} fixes without changing it. */
    static final Set<CheckId> SESSION_CHECKS = EnumSet.of(CheckId.THRESHOLDS_MEASURED_TODAY, CheckId.ENVELOPE_APPROVED,
            CheckId.DOSE_LEDGER_ALLOWS);

    int approve(String user, String reason) throws DeviceFault, IOException, InvalidFileException {
        Optional<Session> prepared = state.prepared();
        if (prepared.isEmpty()) {
            return ExitCode.BAD_INPUT;
        }
        Session s = prepared.get();
        if (s.verdict().level() == Severity.PASS) {
            io.out().println("nothing to approve: the verdict is PASS");
            return ExitCode.OK;
        }
        String who = user != null ? user : io.ask("supervisor: ");
        String why = reason != null ? reason : io.ask("reason (recorded): ");
        if (who == null || who.isBlank() || why == null || why.isBlank()) {
            return io.bad("approve needs a supervisor and a reason: approve USER --reason TEXT");
        }
        char[] password = io.askSecret("password for " + of(who.strip()) + ": ");
        Optional<String> refused = state.host.approve(s, who.strip(), password, why.strip());
        if (refused.isPresent()) {
            io.err().println("override refused: " + of(refused.get()));
            return ExitCode.SAFETY_REFUSED;
        }
        io.out().println("approved by " + of(who.strip()) + ": " + s.verdict().needingOverride().size()
                + " finding(s), reason recorded: " + of(why.strip()));
        return ExitCode.OK;
    }

    int confirm(boolean all, boolean hearing, boolean screening) {
        boolean h = all || hearing;
        boolean sc = all || screening;
        if (!all && !hearing && !screening) {
            if (!io.interactive()) {
                return io.bad("in a script, say what is confirmed: confirm --all (or --hearing-protection, --screening)");
            }
            h = yes(io.ask("Hearing protection fitted (subject and operator)? [y/N] "));
            sc = yes(io.ask("Safety screening complete for this subject? [y/N] "));
        }
        Confirmations now = new Confirmations(state.confirmations.hearingProtection() || h,
                state.confirmations.screening() || sc);
        state.confirmations = now;
        io.out().println("hearing protection: " + (now.hearingProtection() ? "confirmed" : "NOT confirmed")
                + "; screening: " + (now.screening() ? "confirmed" : "NOT confirmed"));
        return ExitCode.OK;
    }

    private static boolean yes(String answer) {
        return answer != null && (answer.strip().equalsIgnoreCase("y") || answer.strip().equalsIgnoreCase("yes"));
    }

    int continueTreatment(Long sessionId) throws DeviceFault, InvalidFileException {
        Session last = state.session;
        if (last != null && !last.state().isTerminal()) {
            return io.bad("session " + last.id() + " is " + last.state() + ": 'stop' it first");
        }
        if (sessionId == null && last == null) {
            return io.bad("continue SESSION: which session? ('sessions' lists them)");
        }
        long target = sessionId != null ? sessionId : last.id();
        List<String> missing = new ArrayList<>();
        if (state.deviceUri == null) {
            missing.add("device URI");
        }
        if (state.operator == null) {
            missing.add("operator ID");
        }
        if (!missing.isEmpty()) {
            return io.bad("set first: " + String.join(", ", missing));
        }
        Continuation continuation;
        Session next;
        try {
            continuation = Continuation.of(state.host.store(), target, state.envelope.continuationWindow(),
                    Instant.now());
            String recordedProfile = continuation.continues().profileName();
            if (state.connection != null && !state.connection.profile().name().equals(recordedProfile)) {
                state.disconnect();
            }
            if (state.connection == null) { // the console's profile (a name or a file) if it is the one recorded
                HardwareProfile set = state.profileName == null ? null : HardwareProfiles.load(state.profileName);
                if (set == null || !set.name().equals(recordedProfile)) {
                    state.profileName = recordedProfile;
                    set = HardwareProfiles.load(recordedProfile);
                }
                state.connect(DeviceUri.parse(state.deviceUri), set);
            }
            next = state.host.continueTreatment(state.connection, continuation, state.operator, state.envelope);
        } catch (ContinuationRefused e) {
            io.err().println("cannot continue session " + target + ": " + e.getMessage());
            return ExitCode.SAFETY_REFUSED;
        }
        state.session = next;
        state.probe = null;
        state.subject = continuation.continues().subjectId();
        state.leaveCourseOfAnotherSubject();
        if (state.course != null) {
            io.out().println("  not counted toward course " + state.course.name() + " as a session of its own: it "
                    + "completes session " + continuation.continues().id() + "'s treatment");
        }
        io.out().println(state.host.continuationSaid(next, continuation) + " ("
                + continuation.continues().protocolName() + ", subject " + state.subject + "). 'arm', then 'start'.");
        return ExitCode.OK;
    }

    int arm() throws DeviceFault, InvalidFileException {
        Optional<Session> prepared = state.prepared();
        if (prepared.isEmpty()) {
            return ExitCode.BAD_INPUT;
        }
        Session s = prepared.get();
        ArmingReport report = s.arm(state.confirmations, state.operator);
        if (!report.canArm()) {
            io.err().println("arming refused: " + report.failures().size() + " check(s) failed");
            report.failures().forEach(f -> io.err().println(ArmingRemedy.describe(f)));
            return ExitCode.SAFETY_REFUSED;
        }
        io.out().println("ARMED: all " + report.checksRun().size() + " arming checks passed. 'start' to deliver, "
                + "'stop' to disarm.");
        report.notes().forEach(note -> io.out().println("  " + note));
        return ExitCode.OK;
    }

    /** The subject's day so far, as the dose rules count it. */
    static String doseText(DoseLedger.Entry dose) {
        return String.format(Locale.ROOT, "subject %s today: %d pulses in %d session(s), %d single pulses in threshold "
                + "hunts; %s", dose.subjectId(), dose.pulsesToday(), dose.sessionsToday(), dose.huntPulsesToday(),
                dose.sinceLastSession().map(d -> "last session ended " + Durations.human(Math.max(0, d.toNanos()))
                        + " ago").orElse("no earlier session"));
    }
}
