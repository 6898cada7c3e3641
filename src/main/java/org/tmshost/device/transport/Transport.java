package org.tmshost.device.transport;

import java.io.IOException;

/**
 * A byte link to a device: a serial port, a raw TCP socket (network serial servers, the
 * standalone simulator) or an in-memory pipe. One reader thread and one writer thread at a time.
 */
public interface Transport extends AutoCloseable {
    /** Writes all bytes, or throws {@link LinkClosedException} when the peer is gone. */
    void write(byte[] bytes, int offset, int length) throws IOException;

    default void write(byte[] bytes) throws IOException {
        write(bytes, 0, bytes.length);
    }

    /**
     * Reads what is available, waiting at most {@code timeoutMillis} for the first byte.
     *
     * @return bytes read, 0 on timeout
     * @throws LinkClosedException when the peer hung up or the transport was closed
     */
    int read(byte[] buffer, int offset, int length, long timeoutMillis) throws IOException;

    /** Human description for logs and the console: the port path, host:port or pipe name. */
    String description();

    boolean isOpen();

    /** Idempotent; unblocks a pending read, which then throws {@link LinkClosedException}. */
    @Override
    void close();
}
