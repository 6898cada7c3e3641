package org.tmshost.session;

import java.util.Objects;

/**
 * A site user whose password was just verified against the users file. Only {@link SiteUsers}
 * creates one, so holding one proves the check happened; approvals name {@link #name()}.
 */
public final class AuthenticatedUser {
    private final String name;
    private final Role role;

    AuthenticatedUser(String name, Role role) {
        this.name = Objects.requireNonNull(name);
        this.role = Objects.requireNonNull(role);
    }

    public String name() {
        return name;
    }

    public Role role() {
        return role;
    }

    @Override
    public String toString() {
        return name + " (" + role.name().toLowerCase(java.util.Locale.ROOT) + ")";
    }
}
