package org.tmshost.session;

/** What a site user may do: operators run sessions; supervisors also approve NEEDS_OVERRIDE findings. */
public enum Role {
    OPERATOR, SUPERVISOR
}
