package org.tmshost.console;

import org.tmshost.threshold.HuntMethod;

import java.util.Locale;

/**
 * The names of {@code threshold}'s options: {@code --evidence emg|visual} says how a threshold was
 * seen (an EMG display, or watching the muscle), {@code --algorithm} which hunt found it. The old
 * {@code --method} meant either, depending on the command (docs/console.md before issue 15); it
 * still works where its value says which one it means, with a note naming the new option, and is
 * refused, naming the right option, where it does not fit the command.
 */
record ThresholdOptionNames(String evidence, String algorithm, String note) {
    static final String EVIDENCE = "--evidence";
    static final String ALGORITHM = "--algorithm";
    static final String OLD = "--method";

    /** Raised when the options cannot be read unambiguously; the message names the option to use. */
    static final class Refused extends Exception {
        Refused(String message) {
            super(message);
        }
    }

    /**
     * Resolves the typed options for a hunt ({@code hunt} true) or a stated threshold.
     *
     * @param method the deprecated {@code --method}, or null
     */
    static ThresholdOptionNames of(boolean hunt, String evidence, String algorithm, String method) throws Refused {
        if (!hunt && algorithm != null) {
            throw new Refused(ALGORITHM + " is a hunt's (threshold hunt rmt|amt " + ALGORITHM + " "
                    + String.join("|", HuntMethod.keywords()) + "); a measured threshold takes " + EVIDENCE
                    + " emg|visual");
        }
        if (method == null) {
            return new ThresholdOptionNames(evidence, algorithm, null);
        }
        boolean isEvidence = method.toLowerCase(Locale.ROOT).matches("emg|visual");
        boolean isAlgorithm = HuntMethod.ofKeyword(method).isPresent();
        if (hunt && isAlgorithm && algorithm == null) {
            return new ThresholdOptionNames(evidence, method, "note: " + OLD + " is now " + ALGORITHM + " for a hunt: "
                    + "threshold hunt ... " + ALGORITHM + " " + method.toLowerCase(Locale.ROOT));
        }
        if (!hunt && isEvidence && evidence == null) {
            return new ThresholdOptionNames(method, null, "note: " + OLD + " is now " + EVIDENCE + " for a measured "
                    + "threshold: threshold rmt|amt VALUE " + EVIDENCE + " " + method.toLowerCase(Locale.ROOT));
        }
        if (hunt && isEvidence) {
            throw new Refused(OLD + " " + method + " is ambiguous in a hunt: how the MEP is seen is " + EVIDENCE + " "
                    + method.toLowerCase(Locale.ROOT) + ", the hunt's algorithm is " + ALGORITHM + " "
                    + String.join("|", HuntMethod.keywords()));
        }
        if (!hunt && isAlgorithm) {
            throw new Refused(method + " is a hunt's algorithm: threshold hunt rmt|amt " + ALGORITHM + " "
                    + method.toLowerCase(Locale.ROOT) + "; a measured threshold takes " + EVIDENCE + " emg|visual");
        }
        throw new Refused(OLD + " is replaced by " + EVIDENCE + " emg|visual (how the threshold was seen) and, for a "
                + "hunt, " + ALGORITHM + " " + String.join("|", HuntMethod.keywords()) + "; not '" + method + "'"
                + (hunt ? (algorithm != null ? " (" + ALGORITHM + " is given)" : "")
                : (evidence != null ? " (" + EVIDENCE + " is given)" : "")));
    }
}
