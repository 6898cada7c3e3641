package org.tmshost.session;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tmshost.record.InterruptedSessions;
import org.tmshost.record.RecordStore;
import org.tmshost.record.SessionRow;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14 on a real full disk: a small tmpfs holds the records and journals (root only; skipped
 * where it cannot be mounted). It fills mid-session: the session faults on RECORD_FAILURE with the
 * store's reason, the note allocated beside the journal is still written on the full disk, and once
 * room is made the next start records the session as a record failure.
 */
@Tag("hil")
class FullTmpfsHilTest {
    private static boolean run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    }

    @Test
    void aTmpfsThatFillsMidSessionIsRecordedAsARecordFailure(@TempDir Path dir) throws Exception {
        Path disk = Files.createDirectories(dir.resolve("disk"));
        Assumptions.assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=24m,mode=0700", "tmpfs", disk.toString()),
                "a tmpfs can be mounted (root)");
        try {
            long id;
            int delivered;
            Path filler = disk.resolve("filler");
            try (SessionRig rig = new SessionRig(disk)) {
                Session session = rig.prepare(RecordFailureTestProtocols.LONG);
                ArmingReport report = session.arm(Confirmations.BOTH, "op1");
                assertThat(report.canArm()).as("24 MB hold the plan: %s", report.lines()).isTrue();
                session.start("op1");
                rig.running(session);
                id = session.id();
                rig.awaitDelivered(5);
                try (OutputStream out = Files.newOutputStream(filler)) {
                    byte[] block = new byte[4096];
                    while (true) {
                        out.write(block);
                    }
                } catch (IOException full) {
                    assertThat(full.getMessage()).contains("No space left on device");
                }
                rig.stepUntil(session, () -> session.tripCause().isPresent(), "a trip");
                assertThat(session.tripCause()).contains(InterlockCause.RECORD_FAILURE);
                SessionOutcome outcome = rig.end(session);
                assertThat(outcome.reason()).contains("full").doesNotContain("no transaction is active");
                assertThat(rig.simulator.status().armed()).isFalse();
                delivered = rig.simulator.groundTruth().size();
            }
            Files.delete(filler); // room again, as an operator would make
            try (RecordStore store = RecordStore.open(disk.resolve("records.db"))) {
                InterruptedSessions.closeAll(store, Instant.now());
                SessionRow row = store.session(id).orElseThrow();
                assertThat(row.endCause()).contains("RECORD_FAILURE");
                assertThat(row.endReason().orElseThrow()).contains("full").doesNotContain("process killed");
                assertThat(row.deliveredPulses()).isEqualTo(delivered);
            }
        } finally {
            run("umount", "-l", disk.toString());
        }
    }
}
