package org.tmshost.session;

/**
 * The ways a pulse reaches a subject; each arming check declares which it guards, as PX4's arming
 * checks declare their modes.
 */
public enum PulsePath {
    /** A session's plan: a protocol, checked against the envelope. */
    SESSION("a session"),
    /** A threshold hunt: single pulses 4 s or more apart, one at a time. */
    HUNT("a threshold hunt"),
    /** An excitability measurement: single and paired pulses 4 s or more apart, one trial at a time; a hunt's checks. */
    MEASUREMENT("an excitability measurement");

    private final String words;

    PulsePath(String words) {
        this.words = words;
    }

    @Override
    public String toString() {
        return words;
    }
}
