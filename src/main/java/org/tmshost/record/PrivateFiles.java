package org.tmshost.record;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The site's records are its owner's alone: the home and its directories 0700, its files 0600. The
 * records were once 0644 in a 0755 directory on lab PCs that others log in to. On a file system
 * without POSIX permissions nothing is changed.
 */
public final class PrivateFiles {
    private static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private PrivateFiles() {
    }

    /** What a new file is created with: owner read and write only. */
    public static FileAttribute<?>[] ownerOnly() {
        return POSIX ? new FileAttribute<?>[]{PosixFilePermissions.asFileAttribute(FILE)} : new FileAttribute<?>[0];
    }

    /**
     * Creates the home (and its journal directory) if needed and makes it, the journal directory and
     * tmshost's own files in them (records and their identity, users, lock, journals) the owner's alone, so that a home
     * written by an older tmshost is private from its next start. Nothing else in the home is touched:
     * a home pointed at a directory that holds other things must not change them.
     */
    public static void home(TmsHome home) throws IOException {
        Files.createDirectories(home.journals());
        if (!POSIX) {
            return;
        }
        Files.setPosixFilePermissions(home.directory(), DIRECTORY);
        Files.setPosixFilePermissions(home.journals(), DIRECTORY);
        String db = home.database().getFileName().toString();
        for (String name : new String[]{db, db + "-wal", db + "-shm", db + "-journal",
                home.usersFile().getFileName().toString(), HostLock.FILE, StoreIdentity.fileName(db)}) {
            ownerOnlyIfPresent(home.directory().resolve(name));
        }
        try (Stream<Path> journals = Files.list(home.journals())) {
            for (Path journal : (Iterable<Path>) journals::iterator) {
                if (journal.getFileName().toString().endsWith(".journal")) {
                    ownerOnlyIfPresent(journal);
                }
            }
        }
    }

    private static void ownerOnlyIfPresent(Path file) throws IOException {
        if (Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            Files.setPosixFilePermissions(file, FILE);
        }
    }

    /**
     * Creates {@code file} empty and owner-only if it does not exist: SQLite gives the database's WAL
     * and shared-memory files the database file's mode.
     */
    public static void createOwnerOnly(Path file) throws IOException {
        if (!Files.exists(file)) {
            Files.createFile(file, ownerOnly());
        }
    }
}
