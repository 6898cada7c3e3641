package org.tmshost.record;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.Set;

/**
 * An exclusive lock on {@code $TMSHOST_HOME/host.lock}, held by the process that runs sessions.
 * Start-up recovery closes open sessions as INTERRUPTED only while holding it, so a second tmshost
 * process never closes a session that is still running. The operating system releases the lock of
 * a killed process.
 */
public final class HostLock implements AutoCloseable {
    static final String FILE = "host.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private HostLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** The lock, or empty if another process holds it. */
    public static Optional<HostLock> tryAcquire(TmsHome home) throws IOException {
        PrivateFiles.home(home);
        FileChannel channel = FileChannel.open(home.directory().resolve(FILE),
                Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE), PrivateFiles.ownerOnly());
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (java.nio.channels.OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            return Optional.empty();
        }
        return Optional.of(new HostLock(channel, lock));
    }

    @Override
    public void close() throws IOException {
        lock.release();
        channel.close();
    }
}
