package org.tmshost.session;

/** Why a session cannot be continued, in words for the technician (and what to do instead). */
public final class ContinuationRefused extends Exception {
    public ContinuationRefused(String message) {
        super(message);
    }
}
