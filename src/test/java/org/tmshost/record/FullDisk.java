package org.tmshost.record;

/** Tests of other packages: a record store that can grow no further, as on a full disk. */
public final class FullDisk {
    private FullDisk() {
    }

    /** From now on, a write of {@code store} that needs room fails with SQLite's SQLITE_FULL. */
    public static void fill(RecordStore store) {
        store.capAtCurrentSize();
    }
}
