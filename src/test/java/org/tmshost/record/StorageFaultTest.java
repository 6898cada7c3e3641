package org.tmshost.record;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Issue 14: a record write that fails for lack of room (or an I/O error) says so, not what rolling back said. */
@Tag("unit")
class StorageFaultTest {
    @Test
    void aFullStoreFailsWithTheStoresReasonNotTheRollbacks(@TempDir Path dir) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("full.db"))) {
            try (Statement s = connection.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("CREATE TABLE t(x BLOB)");
                s.execute("PRAGMA max_page_count=" + pageCount(s)); // full: no page more
            }
            StoreConnection db = new StoreConnection(() -> connection, Dialect.SQLITE);
            assertThatThrownBy(() -> db.transaction(() -> db.update("INSERT INTO t VALUES (zeroblob(100000))")))
                    .isInstanceOf(RecordException.class)
                    .hasMessageContaining("full")
                    .hasMessageNotContaining("no transaction is active");
            assertThat(connection.getAutoCommit()).as("the next write is not left in an open transaction").isTrue();
        }
    }

    private static long pageCount(Statement s) throws Exception {
        try (var rs = s.executeQuery("PRAGMA page_count")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
