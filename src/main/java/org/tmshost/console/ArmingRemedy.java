package org.tmshost.console;

import org.tmshost.course.CourseAdmission;
import org.tmshost.session.ArmingFailure;

import java.util.Locale;

/**
 * For a failed arming check, the console command that fixes it (or, where the fix is in the room, the
 * command to type once it is fixed), with its syntax. Words in capitals are the technician's values
 * (VALUE, SUPERVISOR, TEXT), {@code a|b} a choice. Every check has one: the switch is exhaustive, so a
 * new check does not compile without its remedy ({@code ArmingRemedyTest} types each one).
 */
final class ArmingRemedy {
    private ArmingRemedy() {
    }

    /** The command to type for {@code failure}, as it is shown after "type:". */
    static String command(ArmingFailure failure) {
        String message = failure.message();
        return switch (failure.check()) {
            case THRESHOLDS_MEASURED_TODAY -> {
                String kind = message.contains("relative to AMT") ? "amt" : message.contains("relative to RMT") ? "rmt"
                        : "rmt|amt";
                yield "threshold " + kind + " VALUE --evidence emg|visual  (VALUE: the threshold in %MSO measured "
                        + "today; or hunt it: threshold hunt " + kind + " --algorithm mlpest --start PCT)";
            }
            case ENVELOPE_APPROVED -> message.startsWith("BLOCKED by " + CourseAdmission.SUSPENDED)
                    ? "course resume --as SUPERVISOR --reason TEXT  (a supervisor who has reviewed the adverse event; "
                    + "their password is asked. Outside the console: tmshost course resume ID --as SUPERVISOR --reason TEXT)"
                    : message.startsWith("BLOCKED by " + CourseAdmission.CLOSED)
                    ? "course none  (the course is closed: leave course mode to run the session outside it)"
                    : message.startsWith("BLOCKED by mt.missing")
                    ? "threshold " + (message.contains("needs the AMT") ? "amt" : "rmt") + " VALUE --evidence emg|visual"
                    + "  (the protocol's outputs are computed from it)"
                    : message.startsWith("BLOCKED")
                    ? "load PROTOCOL  (another protocol: a BLOCKED one cannot be approved; 'tmshost protocols' lists them)"
                    : "approve SUPERVISOR --reason TEXT  (a supervisor; their password is asked)";
            case DOSE_LEDGER_ALLOWS -> message.endsWith("(not approved)")
                    ? "approve SUPERVISOR --reason TEXT  (a supervisor; their password is asked)"
                    : "sessions  (today's sessions; the limit allows another session later or on another day)";
            case DEVICE_IDENTIFIED -> "device URI  (again, once it is connected and on: it reconnects), then arm";
            case COIL_READY -> "status  (shows the coil), then arm once the coil is ready";
            case STOP_BUTTON_RELEASED -> "arm  (again, once the stop button is released)";
            case HEARING_PROTECTION_CONFIRMED -> "confirm --hearing-protection";
            case SCREENING_CONFIRMED -> "confirm --screening";
            case FREE_SPACE -> "arm  (again, once there is space)";
        };
    }

    /** The lines shown for one failure: what was found, what to do, and what to type. */
    static String describe(ArmingFailure failure) {
        return String.format(Locale.ROOT, "  %s%n      what to do: %s%n      type: %s", failure,
                failure.check().help(), command(failure));
    }
}
