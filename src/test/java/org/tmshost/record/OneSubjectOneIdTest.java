package org.tmshost.record;

import org.tmshost.testing.TestStores;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 14, through the records API: every spelling of a subject's id reaches the one subject's dose
 * ledger, and a new subject whose id resembles one on record is refused naming it.
 */
@Tag("unit")
class OneSubjectOneIdTest {
    private static final Instant MORNING = Instant.parse("2026-11-22T08:00:00Z");

    /** A session of {@code pulses} delivered pulses for {@code subject}, ended at {@code end}. */
    static long heldSession(RecordStore store, String subject, int pulses, Instant end) {
        long id = store.createSession(new NewSession(subject, "op1", "itbs", "name: iTBS", "simulator", "p", "e",
                "sim:simulator", true, "PASS", pulses), end.minusSeconds(200));
        var rows = new java.util.ArrayList<PulseRow>();
        for (int i = 0; i < pulses; i++) {
            rows.add(new PulseRow(i, i * 1_000_000L, i * 1_000_000L + 1_000, 40, 0));
        }
        store.appendPulses(id, rows);
        store.endSession(id, "RUNNING", "COMPLETED", "done", null, end);
        return id;
    }

    @Test
    void everySpellingOfQ1ReadsQ1sDoseLedger(@TempDir Path dir) {
        try (RecordStore store = TestStores.open(dir.resolve("records.db"))) {
            Instant ended = MORNING.minusSeconds(600);
            heldSession(store, "Q1", 600, ended);
            DoseTotals q1 = new DoseTotals(600, 0, 1, Optional.of(ended));
            for (String spelling : List.of("Q1", "q1", "Q1 ", " Q1", "Q\uFF11")) {
                assertThat(store.doseTotals(spelling, MORNING, ZoneOffset.UTC)).as(spelling).isEqualTo(q1);
            }
        }
    }

    @Test
    void sessionsUnderTwoSpellingsAreOneSubjectsSessions(@TempDir Path dir) {
        try (RecordStore store = TestStores.open(dir.resolve("records.db"))) {
            heldSession(store, "Q1", 600, MORNING.minusSeconds(7200));
            heldSession(store, "q1 ", 300, MORNING.minusSeconds(600));
            assertThat(store.doseTotals("Q1", MORNING, ZoneOffset.UTC))
                    .isEqualTo(new DoseTotals(900, 0, 2, Optional.of(MORNING.minusSeconds(600))));
            assertThat(store.allSessions()).extracting(SessionRow::subjectId).containsExactly("q1", "q1");
        }
    }

    @Test
    void aNewSubjectResemblingOneOnRecordIsRefusedNamingIt(@TempDir Path dir) {
        try (RecordStore store = TestStores.open(dir.resolve("records.db"))) {
            heldSession(store, "P001", 10, MORNING.minusSeconds(600));
            for (String lookAlike : List.of("P0O1", "p-001", "PO01", "p_0_0_1")) {
                assertThatThrownBy(() -> heldSession(store, lookAlike, 10, MORNING)).as(lookAlike)
                        .isInstanceOf(SubjectIdRefused.class).hasMessageContaining("resembles subject \"p001\"");
                assertThatThrownBy(() -> store.admitSubject(SubjectId.of(lookAlike)))
                        .isInstanceOf(SubjectIdRefused.class).hasMessageContaining("\"p001\"");
            }
            assertThatThrownBy(() -> store.startHunt(new NewHunt("P0O1", "op1", "RMT", "ML-PEST", 50, "operator",
                    "simulator", "sim:simulator", true), MORNING)).isInstanceOf(SubjectIdRefused.class);
            assertThat(store.allSessions()).hasSize(1);
        }
    }

    @Test
    void sequentialIdsAreDistinctSubjects(@TempDir Path dir) {
        try (RecordStore store = TestStores.open(dir.resolve("records.db"))) {
            heldSession(store, "P001", 10, MORNING.minusSeconds(600));
            heldSession(store, "P002", 20, MORNING.minusSeconds(300));
            assertThat(store.admitSubject(SubjectId.of("P003")).value()).isEqualTo("p003");
            assertThat(store.admitSubject(SubjectId.of(" p001")).value()).as("the subject itself").isEqualTo("p001");
            assertThat(store.doseTotals("P001", MORNING, ZoneOffset.UTC).pulsesToday()).isEqualTo(10);
            assertThat(store.doseTotals("P002", MORNING, ZoneOffset.UTC).pulsesToday()).isEqualTo(20);
        }
    }
}
