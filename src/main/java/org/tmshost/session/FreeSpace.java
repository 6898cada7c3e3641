package org.tmshost.session;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How much room the disk holding a location has left for this process: the free-space arming check's
 * source, injectable so that a test can play a full disk without filling one.
 */
@FunctionalInterface
public interface FreeSpace {
    /** The room on the file store holding {@code location}, or its nearest existing ancestor. */
    Room of(Path location) throws IOException;

    /**
     * @param store       identifies the file store (two locations on one store share its room)
     * @param usableBytes what this process may still write there ({@link FileStore#getUsableSpace()})
     */
    record Room(Object store, long usableBytes) {
    }

    /** The real file stores. */
    FreeSpace FILE_STORES = location -> {
        Path existing = location.toAbsolutePath();
        while (!Files.exists(existing) && existing.getParent() != null) {
            existing = existing.getParent();
        }
        FileStore store = Files.getFileStore(existing);
        return new Room(store, store.getUsableSpace());
    };
}
