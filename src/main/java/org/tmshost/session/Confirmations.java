package org.tmshost.session;

/**
 * What the operator confirms before arming: the subject and operator wear hearing protection, and
 * the subject's safety screening is complete ({@code --yes} confirms both non-interactively).
 */
public record Confirmations(boolean hearingProtection, boolean screening) {
    public static final Confirmations NONE = new Confirmations(false, false);
    public static final Confirmations BOTH = new Confirmations(true, true);
}
