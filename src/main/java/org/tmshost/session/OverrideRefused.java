package org.tmshost.session;

/** An override approval was refused: an operator tried to approve, a BLOCKED verdict, no reason, a wrong password. */
public final class OverrideRefused extends Exception {
    public OverrideRefused(String message) {
        super(message);
    }
}
