package org.tmshost.session;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14: the disk holding the journals and the record has room for the plan before a session
 * arms; the refusal names what the plan needs and what is free. The disk is played, not filled.
 */
@Tag("unit")
class FreeSpaceCheckTest {
    private static final Object ONE_DISK = "disk";

    @Test
    void aDiskWithoutRoomForThePlanRefusesArmingNamingTheNeedAndWhatIsFree(@TempDir Path dir) throws Exception {
        try (SessionRig rig = new SessionRig(dir)) {
            List<Path> asked = new ArrayList<>();
            rig.settings = rig.settings.withFreeSpace(location -> {
                asked.add(location);
                return new FreeSpace.Room(ONE_DISK, 1_000_000);
            });
            Session session = rig.prepare(SessionRig.PASSING);
            ArmingReport report = session.arm(Confirmations.BOTH, "op1");
            assertThat(report.canArm()).isFalse();
            assertThat(report.failedChecks()).containsExactly(CheckId.FREE_SPACE);
            long needed = 64 + 32 * 30 + 4096 + FreeSpaceSuffices.RECORD_BYTES_PER_PULSE * 30
                    + FreeSpaceSuffices.MARGIN_BYTES;
            assertThat(report.lines()).singleElement().satisfies(line -> assertThat(line)
                    .contains(String.format(java.util.Locale.ROOT, "needs %.1f MB", needed / 1e6))
                    .contains("for 30 pulses").contains("1.0 MB is free"));
            assertThat(asked).contains(rig.settings.journalDirectory(), dir.resolve("records.db").toAbsolutePath());
            assertThat(session.state()).isEqualTo(SessionState.PREPARED);
            assertThat(rig.simulator.status().armed()).isFalse();
            session.cancel("test over", "op1");
        }
    }

    @Test
    void justEnoughRoomArms(@TempDir Path dir) throws Exception {
        long needed = 64 + 32 * 30 + 4096 + FreeSpaceSuffices.RECORD_BYTES_PER_PULSE * 30
                + FreeSpaceSuffices.MARGIN_BYTES;
        for (long usable : new long[] {needed, needed - 1}) {
            try (SessionRig rig = new SessionRig(dir.resolve("room-" + usable))) {
                rig.settings = rig.settings.withFreeSpace(location -> new FreeSpace.Room(ONE_DISK, usable));
                Session session = rig.prepare(SessionRig.PASSING);
                ArmingReport report = session.arm(Confirmations.BOTH, "op1");
                assertThat(report.canArm()).as("%d bytes usable, %d needed", usable, needed).isEqualTo(usable == needed);
                session.cancel("test over", "op1");
            }
        }
    }

    @Test
    void aRecordOnAnotherDiskIsCheckedForItsOwnShare(@TempDir Path dir) throws Exception {
        try (SessionRig rig = new SessionRig(dir)) {
            Path database = dir.resolve("records.db").toAbsolutePath();
            rig.settings = rig.settings.withFreeSpace(location -> location.equals(database)
                    ? new FreeSpace.Room("record disk", 2_000_000) : new FreeSpace.Room("journal disk", 1L << 40));
            Session session = rig.prepare(SessionRig.PASSING);
            ArmingReport report = session.arm(Confirmations.BOTH, "op1");
            assertThat(report.failedChecks()).containsExactly(CheckId.FREE_SPACE);
            assertThat(report.lines()).singleElement().satisfies(line -> assertThat(line)
                    .contains("holding " + database).contains("2.0 MB is free"));
            session.cancel("test over", "op1");
        }
    }

    @Test
    void theRealSourceReadsTheFileStoreOfTheNearestExistingDirectory(@TempDir Path dir) throws Exception {
        FreeSpace.Room room = FreeSpace.FILE_STORES.of(dir.resolve("not/yet/there"));
        assertThat(room.usableBytes()).isPositive();
        assertThat(room.store()).isEqualTo(FreeSpace.FILE_STORES.of(dir).store());
    }
}
