package org.tmshost.session;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tmshost.record.FullDisk;
import org.tmshost.record.InterruptedSessions;
import org.tmshost.record.RecordStore;
import org.tmshost.record.SessionRow;
import org.tmshost.record.TripRow;

import java.nio.file.Path;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14: a disk that fills during a session trips RECORD_FAILURE with the store's reason, and the
 * next start records that end, not "process killed, crashed or power lost".
 */
@Tag("unit")
class RecordFailureTest {
    private static final String LONG = RecordFailureTestProtocols.LONG;

    @Test
    void aDiskThatFillsMidSessionIsRecordedAsARecordFailureWithItsReasonAtTheNextStart(@TempDir Path dir)
            throws Exception {
        long id;
        int delivered;
        try (SessionRig rig = new SessionRig(dir)) {
            Session session = rig.started(LONG);
            id = session.id();
            rig.awaitDelivered(5);
            FullDisk.fill(rig.store);
            rig.stepUntil(session, () -> session.tripCause().isPresent(), "a trip");
            assertThat(session.tripCause()).contains(InterlockCause.RECORD_FAILURE);
            SessionOutcome outcome = rig.end(session);
            assertThat(outcome.state()).isEqualTo(SessionState.FAULTED);
            assertThat(outcome.recordComplete()).as("the disk is still full").isFalse();
            assertThat(outcome.reason()).contains("database or disk is full")
                    .doesNotContain("no transaction is active");
            assertThat(rig.simulator.status().armed()).isFalse();
            delivered = rig.simulator.groundTruth().size();
            assertThat(rig.row(session).endedAt()).as("the end could not be recorded").isEmpty();
        }
        try (RecordStore store = RecordStore.open(dir.resolve("records.db"))) { // the next start: room again
            var recovered = InterruptedSessions.closeAll(store, Instant.now());
            assertThat(recovered).singleElement().satisfies(r -> assertThat(r.state()).isEqualTo("FAULTED"));
            SessionRow row = store.session(id).orElseThrow();
            assertThat(row.state()).isEqualTo("FAULTED");
            assertThat(row.endCause()).contains("RECORD_FAILURE");
            assertThat(row.endReason().orElseThrow()).contains("database or disk is full")
                    .doesNotContain("process killed").doesNotContain("no transaction is active");
            assertThat(row.deliveredPulses()).as("every delivered pulse, from the journal").isEqualTo(delivered);
            assertThat(store.trips(id)).extracting(TripRow::cause).containsExactly("RECORD_FAILURE");
        }
    }

    /** The note is written when the failure is seen: a host that dies before the end still leaves the cause. */
    @Test
    void aHostThatDiesAfterARecordFailureIsStillRecordedAsOne(@TempDir Path dir) throws Exception {
        long id;
        try (SessionRig rig = new SessionRig(dir)) {
            Session session = rig.started(LONG);
            id = session.id();
            rig.awaitDelivered(5);
            FullDisk.fill(rig.store);
            rig.stepUntil(session, () -> session.tripCause().isPresent(), "a trip");
            assertThat(session.outcome()).as("killed before the end").isEmpty();
        }
        try (RecordStore store = RecordStore.open(dir.resolve("records.db"))) {
            InterruptedSessions.closeAll(store, Instant.now());
            SessionRow row = store.session(id).orElseThrow();
            assertThat(row.state()).isEqualTo("FAULTED");
            assertThat(row.endCause()).contains("RECORD_FAILURE");
            assertThat(row.endReason().orElseThrow()).contains("database or disk is full");
        }
        assertThat(dir.resolve("journals").resolve("session-" + id + ".record-failure")).as("removed once recorded")
                .doesNotExist();
    }

    @Test
    void aSessionWhoseEndIsRecordedLeavesNoNote(@TempDir Path dir) throws Exception {
        try (SessionRig rig = new SessionRig(dir)) {
            Session session = rig.started(SessionRig.PASSING);
            Path note = dir.resolve("journals").resolve("session-" + session.id() + ".record-failure");
            assertThat(note).as("allocated with the journal").exists().hasSize(4096);
            assertThat(rig.end(session).recordComplete()).isTrue();
            assertThat(note).doesNotExist();
        }
    }
}
