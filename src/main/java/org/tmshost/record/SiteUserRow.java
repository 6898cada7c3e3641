package org.tmshost.record;

/**
 * One of a site's users as the site database holds it ({@code site_users}, schema 13): the role
 * ({@code supervisor} or {@code operator}), the salted PBKDF2 hash with its iteration count, and
 * the failed sign-ins in a row with the lock they set.
 */
public record SiteUserRow(String name, String role, String salt, int iterations, String hash, int failedSignIns,
                          boolean locked) {
}
