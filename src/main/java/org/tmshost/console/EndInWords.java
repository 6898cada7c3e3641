package org.tmshost.console;

import org.tmshost.record.SessionRow;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Why a session ended, in a few words for the CAUSE column: "stopped by operator", "coil too hot
 * (41.2 °C)", "link lost", "arming refused: thresholds, coil". Never a repeat of the state: an end
 * without an interlock cause (a cancel, a refusal at arming, a host that stopped) is said from its
 * recorded reason. The full reason stays in {@code sessions show} and the JSON.
 */
public final class EndInWords {
    static final int LONGEST = 40;
    private static final Pattern COIL = Pattern.compile("coil at (-?[0-9]+(?:\\.[0-9]+)?) C");
    private static final Pattern CHECK_ID = Pattern.compile("PreArm: \\[([a-z-]+)]");
    private static final Pattern FAULT_CODE = Pattern.compile("^arming failed \\(([^)]{1,24})\\)");

    private EndInWords() {
    }

    /** The cause in words, or "-" for a session not ended. */
    public static String of(SessionRow r) {
        if (!r.ended()) {
            return "-";
        }
        String reason = r.endReason().orElse("");
        return switch (r.endCause().orElse(r.state())) {
            case "COMPLETED" -> "plan delivered";
            case "STOP_BUTTON" -> "stop button pressed";
            case "CONSOLE_STOP" -> "stopped by operator";
            case "COIL_OVER_TEMPERATURE" -> coil(reason);
            case "DEVICE_ERROR" -> "device reported an error";
            case "UNEXPECTED_DISARM" -> "device disarmed itself";
            case "LINK_LOSS" -> "link lost";
            case "TIMING_FAULT" -> "timing fault (pulses late)";
            case "PULSE_COUNT_MISMATCH" -> "device count disagrees";
            case "TRIGGER_FAILURE" -> "trigger failed";
            case "RECORD_FAILURE" -> "record could not be written";
            case "SCHEDULER_ERROR" -> "internal scheduler error";
            case "INTERRUPTED" -> "tmshost stopped mid-session";
            default -> fromReason(reason);
        };
    }

    private static String coil(String reason) {
        Matcher m = COIL.matcher(reason);
        return m.find() ? String.format(Locale.ROOT, "coil too hot (%.1f °C)", Double.parseDouble(m.group(1)))
                : "coil too hot";
    }

    /** A cancel or refusal (no interlock cause): said from the reason the door recorded. */
    private static String fromReason(String reason) {
        if (reason.startsWith("arming refused")) {
            Set<String> checks = new LinkedHashSet<>();
            Matcher m = CHECK_ID.matcher(reason);
            while (m.find()) {
                checks.add(m.group(1));
            }
            return shortened(checks.isEmpty() ? "arming refused" : "arming refused: " + String.join(", ", checks));
        }
        if (reason.startsWith("envelope refused")) {
            return "envelope BLOCKED";
        }
        if (reason.startsWith("override refused")) {
            return "override not approved";
        }
        if (reason.startsWith("disarmed at quit")) {
            return "quit before start";
        }
        Matcher fault = FAULT_CODE.matcher(reason);
        if (fault.find()) {
            return "arming failed (" + fault.group(1) + ")";
        }
        if (reason.startsWith("cannot prepare the fire journal")) {
            return "fire journal not ready";
        }
        return shortened(firstClause(reason));
    }

    private static String firstClause(String reason) {
        int end = reason.length();
        for (char c : new char[]{':', ';', '('}) {
            int at = reason.indexOf(c);
            if (at > 0) {
                end = Math.min(end, at);
            }
        }
        String clause = reason.substring(0, end).strip();
        return clause.isEmpty() ? "-" : clause;
    }

    static String shortened(String words) {
        return words.length() <= LONGEST ? words : words.substring(0, LONGEST - 1).stripTrailing() + "…";
    }
}
