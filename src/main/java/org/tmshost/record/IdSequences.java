package org.tmshost.record;

import java.sql.SQLException;

/**
 * The ids a table has given, read and raised through {@code sqlite_sequence}, so that an id a home
 * has given once (in a lost or replaced database, or a journal) is never given again.
 */
final class IdSequences {
    private IdSequences() {
    }

    /** The highest id {@code table} has given (its last row may have been removed since). */
    static long highest(StoreConnection db, String table) {
        long[] high = {0};
        db.query(db.dialect().highestIdSql(table), rs -> high[0] = rs.getLong(1));
        return high[0];
    }

    /** The next id {@code table} gives is above {@code above}. */
    static void raise(StoreConnection db, String table, long above) throws SQLException {
        if (db.dialect() == Dialect.POSTGRESQL) {
            db.query("SELECT setval('" + table + "_id_seq', GREATEST(?, (SELECT last_value FROM " + table + "_id_seq)))",
                    rs -> { }, above);
            return;
        }
        try (var update = db.prepare("UPDATE sqlite_sequence SET seq = MAX(seq, ?) WHERE name = ?")) {
            StoreConnection.bind(update, above, table);
            if (update.executeUpdate() == 0) {
                try (var insert = db.prepare("INSERT INTO sqlite_sequence(name, seq) VALUES (?, ?)")) {
                    StoreConnection.bind(insert, table, above);
                    insert.executeUpdate();
                }
            }
        }
    }
}
