package org.tmshost.record;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A site's users ({@code site_users}), shared by its hosts (issue 18). Every write is one
 * transaction under the site's users' advisory lock, reading the rows it decides on inside it: of
 * two hosts adding the site's first user only one adds it, two hosts' failed sign-ins add up, and
 * two supervisors removing each other's role at once still leave one. (SQLite's one writer is the
 * lock; a home's own file keeps its users in users.yaml and never writes here.)
 */
final class SiteUserRecords {
    /** The advisory lock a site's hosts take to change its users ("tmsu" in ASCII). */
    private static final long SITE_USERS_LOCK = 0x746d7375L;
    private static final String COLUMNS = "name, role, salt, iterations, hash, failed_sign_ins, locked";

    private final StoreConnection db;

    SiteUserRecords(StoreConnection db) {
        this.db = db;
    }

    /**
     * Every user, in the order they were added: the table keeps no such order, the users' audit does
     * (its last ADDED row of each name); a user without one (added by hand) comes last, by name.
     */
    List<SiteUserRow> all() {
        var rows = new ArrayList<SiteUserRow>();
        db.query("the site's users", "SELECT " + COLUMNS + " FROM site_users s ORDER BY (SELECT MAX(c.id) FROM "
                + "user_changes c WHERE c.user_name = s.name AND c.action = 'ADDED') NULLS LAST, name",
                rs -> rows.add(row(rs)));
        return rows;
    }

    Optional<SiteUserRow> get(String name) {
        SiteUserRow[] row = {null};
        db.query("the site's user", "SELECT " + COLUMNS + " FROM site_users WHERE name = ?", rs -> row[0] = row(rs), name);
        return Optional.ofNullable(row[0]);
    }

    /** Adds {@code user}: false, and nothing written, if the name exists or, {@code onlyTheFirst}, the site has users. */
    boolean add(SiteUserRow user, boolean onlyTheFirst, Instant at) {
        return underLock(() -> {
            boolean[] refused = {false};
            db.query("the site's users", onlyTheFirst ? "SELECT 1 FROM site_users LIMIT 1"
                    : "SELECT 1 FROM site_users WHERE name = ?", rs -> refused[0] = true,
                    onlyTheFirst ? new Object[0] : new Object[]{user.name()});
            if (refused[0]) {
                return false;
            }
            db.update("INSERT INTO site_users(" + COLUMNS + ", changed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", user.name(),
                    user.role(), user.salt(), user.iterations(), user.hash(), user.failedSignIns(), user.locked(),
                    at.toString());
            return true;
        });
    }

    /** A new password, clearing failed sign-ins and the lock; false if there is no such user (any more). */
    boolean setPassword(String name, String salt, int iterations, String hash, Instant at) {
        return underLock(() -> db.changed("UPDATE site_users SET salt = ?, iterations = ?, hash = ?, failed_sign_ins = 0, "
                + "locked = 0, changed_at = ? WHERE name = ?", salt, iterations, hash, at.toString(), name) == 1);
    }

    /** A new role; false if there is no such user or it would leave the site without a supervisor. */
    boolean setRole(String name, String role, Instant at) {
        return underLock(() -> !lastSupervisor(name) && db.changed("UPDATE site_users SET role = ?, changed_at = ? "
                + "WHERE name = ?", role, at.toString(), name) == 1);
    }

    /** Removes {@code name}; false if there is no such user or it is the site's last supervisor. */
    boolean remove(String name) {
        return underLock(() -> !lastSupervisor(name) && db.changed("DELETE FROM site_users WHERE name = ?", name) == 1);
    }

    /** Clears the lock and the failed sign-ins; false if there is no such user. */
    boolean unlock(String name, Instant at) {
        return underLock(() -> db.changed("UPDATE site_users SET failed_sign_ins = 0, locked = 0, changed_at = ? "
                + "WHERE name = ?", at.toString(), name) == 1);
    }

    /**
     * A sign-in's outcome: a failure counts one more in a row ({@code lockAt} in a row lock the
     * account), a success clears the count. Returns the user as it is now, or empty (nothing
     * written) if the account is gone or locked, which a sign-in on another host may have done since
     * this one read it.
     */
    Optional<SiteUserRow> signIn(String name, boolean failed, int lockAt, Instant at) {
        return underLock(() -> {
            Optional<SiteUserRow> now = get(name).filter(u -> !u.locked());
            if (now.isEmpty()) {
                return now;
            }
            SiteUserRow u = now.get();
            int failures = failed ? u.failedSignIns() + 1 : 0;
            boolean lock = failures >= lockAt;
            if (failures != u.failedSignIns() || lock) {
                db.update("UPDATE site_users SET failed_sign_ins = ?, locked = ?, changed_at = ? WHERE name = ?",
                        failures, lock, at.toString(), name);
            }
            return Optional.of(new SiteUserRow(u.name(), u.role(), u.salt(), u.iterations(), u.hash(), failures, lock));
        });
    }

    private boolean lastSupervisor(String name) {
        long[] others = {0};
        boolean[] supervisor = {false};
        db.query("the site's supervisors", "SELECT name FROM site_users WHERE role = 'supervisor'", rs -> {
            if (rs.getString(1).equals(name)) {
                supervisor[0] = true;
            } else {
                others[0]++;
            }
        });
        return supervisor[0] && others[0] == 0;
    }

    private interface Work<T> {
        T run();
    }

    /** {@code work} in one transaction, under the site's users' lock on a site database. */
    private <T> T underLock(Work<T> work) {
        Object[] result = {null};
        db.transaction(() -> {
            if (db.dialect() == Dialect.POSTGRESQL) {
                db.query("SELECT pg_advisory_xact_lock(" + SITE_USERS_LOCK + ")", rs -> { });
            }
            result[0] = work.run();
        });
        @SuppressWarnings("unchecked")
        T t = (T) result[0];
        return t;
    }

    private static SiteUserRow row(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new SiteUserRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getString(5),
                rs.getInt(6), rs.getInt(7) != 0);
    }
}
