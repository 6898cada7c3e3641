package org.tmshost.session;

import org.tmshost.protocol.PulsePlan;
import org.tmshost.record.RecordFailureNote;
import org.tmshost.timing.FireJournal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The disks holding the fire journal and the record have room for the whole plan: the journal file,
 * a record row per pulse, and a margin for the database's write-ahead log and the session's other
 * rows. A disk that fills mid-session stops it (RECORD_FAILURE); this refuses to start one that
 * would. A session only: a hunt writes a few rows.
 */
final class FreeSpaceSuffices implements ArmingCheck {
    /**
     * A pulse's row with its index, generously: about 45 bytes today (six integers, the primary key),
     * room for columns to come (a hash chain), and the pages the write-ahead log copies.
     */
    static final long RECORD_BYTES_PER_PULSE = 256;
    /** The write-ahead log before a checkpoint (about 1000 pages of 4 KiB), transitions, trips, the end. */
    static final long MARGIN_BYTES = 16L << 20;

    @Override
    public Set<PulsePath> guards() {
        return EnumSet.of(PulsePath.SESSION);
    }

    @Override
    public CheckId id() {
        return CheckId.FREE_SPACE;
    }

    @Override
    public void check(ArmingContext c, ArmingReport.Collector report) {
        if (c.verdict().plan().isEmpty()) {
            return; // no plan (BLOCKED): the envelope check refuses it
        }
        PulsePlan plan = c.verdict().plan().get();
        long journal = FireJournal.fileBytes(plan.pulseCount()) + RecordFailureNote.BYTES;
        long record = RECORD_BYTES_PER_PULSE * plan.pulseCount() + MARGIN_BYTES;
        RecordRoom room = c.room();
        Map<Object, Need> needs = new LinkedHashMap<>();
        try {
            add(needs, room.freeSpace().of(room.journalDirectory()), room.journalDirectory(), journal, 0);
            Path database = room.recordFile().orElse(room.journalDirectory());
            add(needs, room.freeSpace().of(database), database, 0, record);
        } catch (IOException e) {
            report.fail(id(), "cannot read the free space where the record goes: " + e.getMessage());
            return;
        }
        for (Need need : needs.values()) {
            if (need.journalBytes + need.recordBytes > need.usableBytes) {
                report.fail(id(), String.format(Locale.ROOT, "the session needs %s on the disk holding %s "
                        + "(fire journal %s, record ~%s for %d pulses with margin); %s is free",
                        size(need.journalBytes + need.recordBytes), need.where, size(need.journalBytes),
                        size(need.recordBytes), plan.pulseCount(), size(need.usableBytes)));
            }
        }
    }

    /** What one disk must hold: the journal, the record, or both when they share it. */
    private static final class Need {
        final Path where;
        final long usableBytes;
        long journalBytes;
        long recordBytes;

        Need(Path where, long usableBytes) {
            this.where = where;
            this.usableBytes = usableBytes;
        }
    }

    private static void add(Map<Object, Need> needs, FreeSpace.Room room, Path where, long journal, long record) {
        Need need = needs.computeIfAbsent(room.store(), s -> new Need(where, room.usableBytes()));
        need.journalBytes += journal;
        need.recordBytes += record;
    }

    private static String size(long bytes) {
        if (bytes < 1_000_000) {
            return String.format(Locale.ROOT, "%.1f kB", bytes / 1e3);
        }
        return bytes < 1_000_000_000 ? String.format(Locale.ROOT, "%.1f MB", bytes / 1e6)
                : String.format(Locale.ROOT, "%.2f GB", bytes / 1e9);
    }
}
