package org.tmshost.record;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@Tag("unit")
class RecordStoreTest {
    private static final Instant MORNING = Instant.parse("2026-11-22T08:00:00Z");

    private static NewSession session(String subject, int planned) {
        return new NewSession(subject, "op1", "itbs", "name: iTBS\n", "simulator", "p-sha", "e-sha", "sim:simulator",
                true, "PASS", planned);
    }

    @Test
    void aSessionKeepsItsPulsesTransitionsAndHashesAcrossReopening(@TempDir Path dir) {
        Path db = dir.resolve("tmshost.db");
        long id;
        try (RecordStore store = RecordStore.open(db)) {
            id = store.createSession(session("s1", 3), MORNING);
            store.recordTransition(id, "PREPARED", "ARMED", "operator armed", "op1", MORNING);
            store.appendPulses(id, List.of(new PulseRow(0, 0, 1_000, 40, 0), new PulseRow(1, 100_000_000, 100_002_000, 40, 0)));
            store.appendPulses(id, List.of(new PulseRow(1, 100_000_000, 100_002_000, 40, 0))); // re-import is a no-op
        }
        try (RecordStore store = RecordStore.open(db)) {
            SessionRow row = store.session(id).orElseThrow();
            assertThat(row.state()).isEqualTo("ARMED");
            assertThat(row.deliveredPulses()).isEqualTo(2);
            assertThat(row.profileSha256()).isEqualTo("p-sha");
            assertThat(row.envelopeSha256()).isEqualTo("e-sha");
            assertThat(row.simulated()).isTrue();
            assertThat(store.pulses(id)).extracting(PulseRow::actualNanos).containsExactly(1_000L, 100_002_000L);
            assertThat(store.unfinishedSessions()).extracting(SessionRow::id).containsExactly(id);
            store.endSession(id, "RUNNING", "ABORTED", "stop button", "op1", MORNING.plusSeconds(5));
            assertThat(store.unfinishedSessions()).isEmpty();
            assertThat(store.session(id).orElseThrow().endReason()).contains("stop button");
        }
    }

    @Test
    void theDoseLedgerCountsTodaysPulsesAndTheLastEnd(@TempDir Path dir) {
        try (RecordStore store = RecordStore.open(dir.resolve("t.db"))) {
            long yesterday = store.createSession(session("s1", 2), MORNING.minus(Duration.ofDays(1)));
            store.appendPulses(yesterday, List.of(new PulseRow(0, 0, 0, 40, 0), new PulseRow(1, 1, 1, 40, 0)));
            store.endSession(yesterday, "RUNNING", "COMPLETED", "done", "op1", MORNING.minus(Duration.ofDays(1)));
            long today = store.createSession(session("s1", 1), MORNING);
            store.appendPulses(today, List.of(new PulseRow(0, 0, 0, 40, 0)));
            store.endSession(today, "RUNNING", "COMPLETED", "done", "op1", MORNING.plusSeconds(60));
            long refused = store.createSession(session("s1", 600), MORNING.plusSeconds(120));
            store.endSession(refused, "PREPARED", "ABORTED", "arming refused", "op1", MORNING.plusSeconds(180));
            long other = store.createSession(session("s2", 1), MORNING);
            store.appendPulses(other, List.of(new PulseRow(0, 0, 0, 40, 0)));

            DoseTotals totals = store.doseTotals("s1", MORNING.plusSeconds(3600), ZoneOffset.UTC);
            assertThat(totals.pulsesToday()).isEqualTo(1);
            assertThat(totals.sessionsToday()).as("the refused session was not held").isEqualTo(1);
            assertThat(totals.lastSessionEnded()).as("a session without pulses does not start the interval")
                    .contains(MORNING.plusSeconds(60));
            assertThat(store.doseTotals("nobody", MORNING, ZoneOffset.UTC)).isEqualTo(new DoseTotals(0, 0, java.util.Optional.empty()));
        }
    }
}
