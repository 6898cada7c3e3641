package org.tmshost.session;

/** What a row of the users' audit records (the {@code action} column holds the name). */
public enum UserAction {
    /** A user was added (the first supervisor of a site, or by a supervisor). */
    ADDED,
    /** A user changed their own password, giving the current one. */
    PASSWORD_CHANGED,
    /** A supervisor set a user's password (and unlocked the account). */
    PASSWORD_RESET,
    ROLE_CHANGED,
    REMOVED,
    /** A supervisor unlocked an account locked by failed sign-ins. */
    UNLOCKED,
    /** A change asked for and refused (who asked, what, and why). */
    CHANGE_REFUSED,
    /** A sign-in that failed: wrong password, unknown user, locked account, or a hash below the work factor. */
    SIGN_IN_FAILED,
    /** An account locked after {@link SiteUsers#MAX_FAILED_SIGN_INS} failed sign-ins in a row. */
    LOCKED
}
