package org.tmshost.record;

import java.time.Instant;

/**
 * A session, hunt or measurement could not be created: another host of the site has one of the same
 * subject open ({@link SubjectLock}).
 * One subject is stimulated by one stimulator at a time, and the site's dose ledger must count a
 * session before the next is judged.
 */
public final class SubjectInSession extends RecordException {
    private final String kind;
    private final long id;
    private final String host;

    SubjectInSession(String subjectId, String kind, long id, String host, Instant since) {
        super("subject " + subjectId + " is in " + kind + " " + id + " on host " + host + " (since " + since
                + "): one subject, one stimulator at a time. Wait for it to end; if that host is gone, start tmshost "
                + "on it again, which closes what it left open from its journals", null);
        this.kind = kind;
        this.id = id;
        this.host = host;
    }

    /** What the other host has open: {@code session}, {@code threshold hunt} or {@code excitability measurement}. */
    public String kind() {
        return kind;
    }

    /** Its id. */
    public long id() {
        return id;
    }

    public String host() {
        return host;
    }
}
