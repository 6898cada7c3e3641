package org.tmshost.session;

/** A change to the site's users that the four-eyes rules refuse; the message says why and what to do. */
public final class UserChangeRefused extends Exception {
    public UserChangeRefused(String message) {
        super(message);
    }
}
