package org.tmshost.record;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;

/**
 * Whether the database file a store opened is still the one on disk: not removed, not replaced (its
 * file key), and still the store its home's identity file names.
 */
final class DatabaseOnDisk {
    private final Path file;
    private final Object key;
    private final StoreIdentity identity;
    private final String storeId;

    /** {@code file} is null for a site database on a server: only the home's identity file is checked. */
    DatabaseOnDisk(Path file, StoreIdentity identity, String storeId) throws IOException {
        this.file = file;
        this.key = file == null ? null : keyOf(file);
        this.identity = identity;
        this.storeId = storeId;
    }

    /** Why the database is no longer the one on disk, or empty while it is. */
    Optional<String> lost() {
        try {
            if (file != null && !Files.exists(file)) {
                return Optional.of("the record database " + file + " was removed while tmshost had it open");
            }
            if (file != null && !keyOf(file).equals(key)) {
                return Optional.of("the record database " + file + " was replaced while tmshost had it open");
            }
            Optional<StoreIdentity.Marks> marks = identity.read();
            if (marks.isPresent() && !marks.get().store().equals(storeId)) {
                return Optional.of(identity.file() + " names store " + marks.get().store() + ", not this database ("
                        + storeId + ")");
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("cannot read " + file + ": " + e.getMessage());
        }
    }

    private static Object keyOf(Path file) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        return attributes.fileKey() != null ? attributes.fileKey() : attributes.creationTime();
    }
}
