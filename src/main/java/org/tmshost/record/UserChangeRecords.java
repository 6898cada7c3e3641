package org.tmshost.record;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The users' audit ({@code user_changes}): appended, read back in order, never updated or deleted. */
final class UserChangeRecords {
    private final StoreConnection db;

    UserChangeRecords(StoreConnection db) {
        this.db = db;
    }

    long append(String host, String actor, String user, String action, String detail, Instant at) {
        return db.insert("user change record", "INSERT INTO user_changes(recorded_at, host, actor, user_name, action, "
                + "detail) VALUES (?, ?, ?, ?, ?, ?)", at.toString(), host, actor, user, action, detail);
    }

    List<UserChangeRow> all() {
        var rows = new ArrayList<UserChangeRow>();
        db.query("the users' audit", "SELECT id, recorded_at, host, actor, user_name, action, detail FROM user_changes "
                + "ORDER BY id", rs -> rows.add(new UserChangeRow(rs.getLong(1), Instant.parse(rs.getString(2)),
                rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7))));
        return rows;
    }
}
