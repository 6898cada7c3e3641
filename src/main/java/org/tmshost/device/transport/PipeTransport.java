package org.tmshost.device.transport;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An in-memory, full-duplex byte link: {@link #pair(String)} returns two connected ends. Used to
 * connect a driver to the emulated device in one process, without a serial port.
 */
public final class PipeTransport implements Transport {
    private final String name;
    private final ByteQueue incoming;
    private final ByteQueue outgoing;

    private PipeTransport(String name, ByteQueue incoming, ByteQueue outgoing) {
        this.name = name;
        this.incoming = incoming;
        this.outgoing = outgoing;
    }

    /** Two connected ends: what one writes, the other reads. */
    public static PipeTransport[] pair(String name) {
        ByteQueue aToB = new ByteQueue(1 << 16);
        ByteQueue bToA = new ByteQueue(1 << 16);
        return new PipeTransport[]{new PipeTransport(name + ":host", bToA, aToB),
                new PipeTransport(name + ":device", aToB, bToA)};
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        outgoing.put(bytes, offset, length, name);
    }

    @Override
    public int read(byte[] buffer, int offset, int length, long timeoutMillis) throws IOException {
        return incoming.take(buffer, offset, length, timeoutMillis, name);
    }

    @Override
    public String description() {
        return "pipe " + name;
    }

    @Override
    public boolean isOpen() {
        return !incoming.closed && !outgoing.closed;
    }

    @Override
    public void close() {
        incoming.close();
        outgoing.close();
    }

    /** A bounded ring of bytes with blocking take; closing it wakes every waiter. */
    private static final class ByteQueue {
        private final byte[] ring;
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition changed = lock.newCondition();
        private int head;
        private int size;
        private volatile boolean closed;

        ByteQueue(int capacity) {
            ring = new byte[capacity];
        }

        void put(byte[] bytes, int offset, int length, String name) throws IOException {
            lock.lock();
            try {
                for (int i = 0; i < length; i++) {
                    while (size == ring.length && !closed) {
                        changed.awaitUninterruptibly();
                    }
                    if (closed) {
                        throw new LinkClosedException(name + " is closed");
                    }
                    ring[(head + size) % ring.length] = bytes[offset + i];
                    size++;
                }
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }

        int take(byte[] buffer, int offset, int length, long timeoutMillis, String name) throws IOException {
            lock.lock();
            try {
                long remaining = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
                while (size == 0 && !closed && remaining > 0) {
                    try {
                        remaining = changed.awaitNanos(remaining);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new LinkClosedException(name + ": interrupted");
                    }
                }
                if (size == 0) {
                    if (closed) {
                        throw new LinkClosedException(name + " is closed");
                    }
                    return 0;
                }
                int n = Math.min(length, size);
                for (int i = 0; i < n; i++) {
                    buffer[offset + i] = ring[head];
                    head = (head + 1) % ring.length;
                }
                size -= n;
                changed.signalAll();
                return n;
            } finally {
                lock.unlock();
            }
        }

        void close() {
            lock.lock();
            try {
                closed = true;
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }
}
