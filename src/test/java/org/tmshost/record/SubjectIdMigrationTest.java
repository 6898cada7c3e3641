package org.tmshost.record;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14, migration 6: a version 5 store that holds subject {@code Q1} and {@code "q1 "} as two
 * subjects becomes one subject with both sessions counted, and nothing of the old spellings is lost.
 */
@Tag("unit")
class SubjectIdMigrationTest {
    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

    /** A store as schema version 5 left it: subjects Q1 and "q1 ", each with a threshold and a session; "Q２" with a hunt. */
    private static Path version5Store(Path dir) throws Exception {
        Path db = dir.resolve("v5.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement()) {
            OldSchemas.applyUpTo(st, 5);
            st.execute("INSERT INTO subjects(id, created_at) VALUES ('q1 ', '2026-11-22T09:00:00Z'), "
                    + "('Q1', '2026-11-22T07:00:00Z'), ('Q\uFF12', '2026-11-22T06:00:00Z')");
            session(st, "Q1", 600, "2026-11-22T07:00:00Z", "2026-11-22T07:03:12Z");
            session(st, "q1 ", 300, "2026-11-22T11:00:00Z", "2026-11-22T11:30:00Z");
            st.execute("INSERT INTO motor_thresholds(subject_id, kind, percent_mso, method, measured_at, profile_name) "
                    + "VALUES ('Q1', 'RMT', 50, 'EMG', '2026-11-22T06:55:00Z', 'simulator'), "
                    + "('q1 ', 'RMT', 52, 'EMG', '2026-11-22T10:55:00Z', 'simulator')");
            st.execute("INSERT INTO threshold_hunts(subject_id, operator_id, kind, method, criterion_uv, mep_input, "
                    + "profile_name, device_uri, simulated, started_at) VALUES ('Q\uFF12', 'op1', 'RMT', 'ML-PEST', 50, "
                    + "'operator', 'simulator', 'sim:simulator', 1, '2026-11-22T06:00:00Z')");
        }
        return db;
    }

    private static void session(Statement st, String subject, int pulses, String created, String ended) throws Exception {
        st.execute("INSERT INTO sessions(subject_id, operator_id, protocol_name, protocol_sha256, protocol_text, "
                + "profile_name, profile_sha256, envelope_sha256, device_uri, simulated, verdict, state, "
                + "planned_pulses, delivered_pulses, created_at, ended_at) VALUES ('" + subject + "', 'op1', 'itbs', "
                + "'x', 'name: iTBS', 'simulator', 'p', 'e', 'sim:simulator', 1, 'PASS', 'COMPLETED', " + pulses + ", "
                + pulses + ", '" + created + "', '" + ended + "')");
    }

    @Test
    void q1AndQ1WithASpaceBecomeOneSubjectWithBothSessionsCounted(@TempDir Path dir) throws Exception {
        Path db = version5Store(dir);
        try (RecordStore store = RecordStore.open(db)) {
            assertThat(store.doseTotals("Q1", NOW, ZoneOffset.UTC))
                    .isEqualTo(new DoseTotals(900, 0, 2, Optional.of(Instant.parse("2026-11-22T11:30:00Z"))));
            assertThat(store.allSessions()).extracting(SessionRow::subjectId).containsExactly("q1", "q1");
            assertThat(store.latestThreshold("Q1", "RMT").orElseThrow().percentMso()).isEqualTo(52);
            assertThat(store.hunts("q2")).hasSize(1);
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement()) {
            assertThat(rows(st, "SELECT id || ' ' || created_at FROM subjects ORDER BY id"))
                    .as("one subject, created when the earliest spelling was").containsExactly(
                            "q1 2026-11-22T07:00:00Z", "q2 2026-11-22T06:00:00Z");
            assertThat(rows(st, "SELECT '[' || alias || ']>' || subject_id FROM subject_aliases ORDER BY alias"))
                    .as("every merged-away spelling kept").containsExactly("[Q1]>q1", "[Q\uFF12]>q2", "[q1 ]>q1");
            assertThat(rows(st, "SELECT '[' || subject_id_as_entered || ']' FROM sessions ORDER BY id"))
                    .as("each session keeps the id it was stored with").containsExactly("[Q1]", "[q1 ]");
            assertThat(rows(st, "SELECT '[' || subject_id_as_entered || ']' FROM motor_thresholds ORDER BY id"))
                    .containsExactly("[Q1]", "[q1 ]");
            assertThat(rows(st, "SELECT MAX(version) FROM schema_version")).containsExactly(String.valueOf(RecordStore.SCHEMA_VERSION));
            assertThat(rows(st, "PRAGMA foreign_key_check")).isEmpty();
        }
    }

    private static List<String> rows(Statement st, String sql) throws Exception {
        var found = new ArrayList<String>();
        try (ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                found.add(rs.getString(1));
            }
        }
        return found;
    }
}
