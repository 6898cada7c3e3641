package org.tmshost.record;

import java.time.Instant;

/**
 * A session could not be created: another host of the site has a session of the same subject open.
 * One subject is stimulated by one stimulator at a time, and the site's dose ledger must count a
 * session before the next is judged.
 */
public final class SubjectInSession extends RecordException {
    private final long sessionId;
    private final String host;

    SubjectInSession(String subjectId, long sessionId, String host, Instant since) {
        super("subject " + subjectId + " is in session " + sessionId + " on host " + host + " (since " + since
                + "): one subject, one stimulator at a time. Wait for it to end; if that host is gone, start tmshost "
                + "on it again, which closes the session from its fire journal", null);
        this.sessionId = sessionId;
        this.host = host;
    }

    /** The other host's open session. */
    public long sessionId() {
        return sessionId;
    }

    public String host() {
        return host;
    }
}
