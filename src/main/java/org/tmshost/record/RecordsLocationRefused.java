package org.tmshost.record;

/** The records URL, or the password file it needs, is wrong: bad input, named with what is expected. */
public final class RecordsLocationRefused extends IllegalArgumentException {
    public RecordsLocationRefused(String message) {
        super(message);
    }

    public RecordsLocationRefused(String message, Throwable cause) {
        super(message, cause);
    }
}
