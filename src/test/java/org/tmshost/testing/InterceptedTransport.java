package org.tmshost.testing;

import org.tmshost.device.transport.Transport;

import java.io.IOException;

/** A transport that passes everything on to another, letting a test see, change or drop each write first. */
public final class InterceptedTransport implements Transport {
    /** Sees a write before it goes on; may change the bytes; false drops it (a link that lost it). */
    @FunctionalInterface
    public interface Writes {
        boolean pass(byte[] bytes, int offset, int length) throws IOException;
    }

    private final Transport inner;
    private final String description;
    private final Writes writes;

    public InterceptedTransport(Transport inner, String description, Writes writes) {
        this.inner = inner;
        this.description = description;
        this.writes = writes;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        if (writes.pass(bytes, offset, length)) {
            inner.write(bytes, offset, length);
        }
    }

    @Override
    public int read(byte[] buffer, int offset, int length, long timeoutMillis) throws IOException {
        return inner.read(buffer, offset, length, timeoutMillis);
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public boolean isOpen() {
        return inner.isOpen();
    }

    @Override
    public void close() {
        inner.close();
    }
}
