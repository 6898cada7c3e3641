package org.tmshost.timing;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Tag("unit")
class FireJournalTest {
    @Test
    void aConcurrentReaderOnlyEverSeesCompleteEntries() throws InterruptedException {
        int pulses = 200_000;
        FireJournal journal = FireJournal.inMemory(pulses);
        AtomicReference<String> problem = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            int seen = 0;
            while (seen < pulses && problem.get() == null) {
                int count = journal.count();
                for (; seen < count; seen++) {
                    if (journal.pulseIndex(seen) != seen || journal.plannedNanos(seen) != 10L * seen
                            || journal.actualNanos(seen) != 10L * seen + 3 || journal.outputPercentMso(seen) != seen % 100) {
                        problem.set("entry " + seen + " incomplete when count was " + count);
                    }
                }
            }
        }, "journal-reader");
        reader.start();
        for (int i = 0; i < pulses; i++) {
            journal.append(i, 10L * i, 10L * i + 3, i % 100, i & 1);
        }
        reader.join(60_000);

        assertThat(problem.get()).isNull();
        assertThat(journal.count()).isEqualTo(pulses);
    }

    @Test
    void aMappedJournalLeavesEveryFiredPulseInItsFile(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("session.journal");
        FireJournal journal = FireJournal.mapped(file, 10);
        journal.append(0, 1_000, 1_007, 40, 0);
        journal.append(1, 2_000, 2_004, 41, 1);

        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.nativeOrder());
        assertThat(bytes.getInt(0)).isEqualTo(FireJournal.MAGIC);
        assertThat(bytes.getInt(12)).as("count").isEqualTo(2);
        assertThat(bytes.getLong(64 + 32 + 8)).as("actual time of pulse 1").isEqualTo(2_004);
        assertThat(bytes.getInt(64 + 32 + 20)).as("output of pulse 1").isEqualTo(41);
    }

    @Test
    void refusesToOverflow() {
        FireJournal journal = FireJournal.inMemory(1);
        journal.append(0, 0, 0, 40, 0);
        assertThatThrownBy(() -> journal.append(1, 0, 0, 40, 0)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> journal.actualNanos(1)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void deviceStopsByOnlyEverMovesLaterUntilTheSessionSettlesIt() {
        FireJournal journal = FireJournal.inMemory(4);
        journal.raiseDeviceStopsBy(500);
        journal.raiseDeviceStopsBy(300); // a monitor poll that read the device before the link's last command
        assertThat(journal.deviceStopsByNanos()).isEqualTo(500);
        journal.raiseDeviceStopsBy(900);
        assertThat(journal.deviceStopsByNanos()).isEqualTo(900);
        journal.deviceStopsBy(200); // the host disarmed it
        assertThat(journal.deviceStopsByNanos()).isEqualTo(200);
    }

    @Test
    void entriesWithdrawnAtTheEndAreNotSettledByALaterBound() {
        FireJournal journal = FireJournal.inMemory(4);
        journal.append(0, 0, 100, 40, 0);
        journal.expect(0, 1, 200, 200, 40, 0); // the rest of a device-timed train, written ahead
        journal.expect(1, 2, 300, 300, 40, 0);
        assertThat(journal.deliveredIfStoppedBy(250)).isEqualTo(2);
        journal.withdrawExpected();
        journal.raiseDeviceStopsBy(10_000); // a keep-alive after the disarm
        assertThat(journal.expectedEnd()).isEqualTo(1);
        assertThat(journal.deliveredIfStoppedBy(journal.deviceStopsByNanos())).isEqualTo(1);
    }
}
