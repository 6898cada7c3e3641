package org.tmshost.record;

/**
 * A subject id that cannot be used: a control character, inner whitespace, not the site's pattern,
 * or a new id that resembles a subject already on record. Bad input (exit 2); the message names the
 * value (escaped) and the rule.
 */
public final class SubjectIdRefused extends RuntimeException {
    public SubjectIdRefused(String message) {
        super(message);
    }
}
