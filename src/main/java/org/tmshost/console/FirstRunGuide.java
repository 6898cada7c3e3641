package org.tmshost.console;

import org.tmshost.protocol.Intensity;
import org.tmshost.protocol.ThresholdKind;
import org.tmshost.session.ArmingReport;
import org.tmshost.session.Role;
import org.tmshost.session.Session;
import org.tmshost.session.SessionState;
import org.tmshost.session.SiteUsers;

import java.io.IOException;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The first-run guide: on a home with no users or no session yet, after every command the shell says
 * the one next thing to type until a session is armed: the site's first supervisor and an operator,
 * the device, the operator, the subject, the protocol, the thresholds it is dosed by, {@code check},
 * then whatever {@code arm} would still refuse (the same arming checks, with the same commands as
 * {@link ArmingRemedy}) and {@code arm}. It teaches only what the console enforces: each step is read
 * from the console's own state and checks, never a rule of its own.
 */
final class FirstRunGuide {
    /** One step: the command (capitals are the technician's values), and why. */
    record Step(String command, String why) {
        List<String> lines() {
            return List.of("guide: " + why, "  type: " + command);
        }
    }

    private FirstRunGuide() {
    }

    /** True when the home looks new: no users or no session recorded. */
    static boolean firstRun(ConsoleState state) throws IOException {
        return state.host.users().isEmpty() || state.host.store().allSessions().isEmpty();
    }

    /** The next step, or empty once a session is armed (or running, or ended). */
    static Optional<Step> next(ConsoleState state) throws IOException {
        SiteUsers users = state.host.users();
        if (users.isEmpty()) {
            return step("users add NAME --role supervisor", "this site has no users yet. Its first user is a "
                    + "supervisor (approves overrides, adds users); NAME is one you choose, a password is asked");
        }
        List<String> operators = UserCommands.withRole(users, Role.OPERATOR);
        List<String> supervisors = UserCommands.withRole(users, Role.SUPERVISOR);
        if (operators.isEmpty()) {
            return step("users add NAME --role operator --as " + supervisors.get(0), "add the operator who runs "
                    + "sessions (NAME is theirs). " + supervisors.get(0) + "'s password is asked first, then the "
                    + "new operator's");
        }
        if (state.deviceUri == null) {
            return step("device sim:simulator", "connect the stimulator: sim:simulator is a simulation (no pulse "
                    + "is delivered); a real one is e.g. device serial:/dev/ttyUSB0?profile=magstim-rapid2");
        }
        if (state.operator == null) {
            return step("operator " + operators.get(0), "who operates (a site user: "
                    + String.join(", ", operators) + "); recorded with every action");
        }
        if (state.subject == null) {
            return step("subject ID", "the subject, by a pseudonymous id you choose (e.g. s1)");
        }
        if (state.protocol == null) {
            return step("load itbs", "the protocol: a library name (itbs is iTBS 600) or a protocol file; "
                    + "'tmshost protocols' lists the library");
        }
        for (ThresholdKind kind : thresholdsNeeded(state)) {
            if (!state.thresholds.has(kind)) {
                String k = kind.name().toLowerCase(Locale.ROOT);
                return step("threshold " + k + " VALUE --evidence emg|visual", (kind == ThresholdKind.RMT
                        ? "the safety rules are in % of the RMT" : state.protocol.name() + " is dosed by " + kind)
                        + ": enter the " + kind + " measured today in %MSO (VALUE), seen on an EMG display "
                        + "(emg) or by watching the muscle (visual); or hunt it with the device: threshold hunt " + k
                        + " --algorithm mlpest --start PCT");
            }
        }
        Session s = state.session;
        if (s == null || s.state().isTerminal()) {
            return step("check", "the safety verdict for this plan, and what arming still needs");
        }
        if (s.state() != SessionState.PREPARED) {
            return Optional.empty();
        }
        ArmingReport report = s.armingChecks(state.confirmations);
        if (!report.failures().isEmpty()) {
            var failure = report.failures().get(0);
            return step(ArmingRemedy.command(failure), "arming still needs: " + failure.message());
        }
        return step("arm", "every arming check passes; arm the device, then 'start' delivers (Space, Esc or Ctrl-C "
                + "stops at once)");
    }

    private static Optional<Step> step(String command, String why) {
        return Optional.of(new Step(command, why));
    }

    /**
     * The thresholds to measure: the RMT always (the envelope's intensity rules are in % RMT; without it
     * they need a supervisor's approval), and any other the loaded protocol is dosed by.
     */
    static Set<ThresholdKind> thresholdsNeeded(ConsoleState state) {
        Set<ThresholdKind> needed = EnumSet.of(ThresholdKind.RMT);
        for (Intensity intensity : state.protocol.protocol().intensities()) {
            if (intensity instanceof Intensity.Relative relative) {
                needed.add(relative.threshold());
            }
        }
        return needed;
    }
}
