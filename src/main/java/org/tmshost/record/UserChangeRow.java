package org.tmshost.record;

import java.time.Instant;

/**
 * One row of the users' audit: {@code actor} did {@code action} to {@code user} ({@code detail}
 * says what) on {@code host} at {@code recordedAt}. A failed sign-in names the name tried as both.
 */
public record UserChangeRow(long id, Instant recordedAt, String host, String actor, String user, String action,
                            String detail) {
}
