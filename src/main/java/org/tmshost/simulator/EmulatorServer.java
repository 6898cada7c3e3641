package org.tmshost.simulator;

import org.tmshost.device.transport.LinkClosedException;
import org.tmshost.device.transport.Transport;

import java.io.IOException;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.tmshost.timing.Clock;

/**
 * A {@link WireEmulator} serving a {@link Transport} until closed or hung up.
 *
 * <p>Three threads: a reader that blocks on the transport and queues what arrives, a device
 * thread that answers and runs the emulator's timers to the nanosecond, and a writer that puts the
 * answers on the transport. The device thread never writes itself: a pty write through jSerialComm
 * was measured blocking 2-14 ms, and a device thread held up there acted on the next command that
 * much after it arrived (a host-fired pulse logged ~19 ms late in the HIL matrices, the host's
 * record on time). When the host hangs up (or
 * the cable is pulled), the device runs on until it is quiet ({@link WireEmulator#quiescent()}: a
 * Magstim's lease disarms it; a MagPro, which has none, finishes its train and stays enabled). They are separate because
 * a serial read cannot be trusted to return on time: jSerialComm on POSIX waits at least 100 ms for
 * any timeout below that, which would make device-timed trains and leases 100 ms coarse.
 */
public final class EmulatorServer<E extends WireEmulator> implements AutoCloseable {
    private final E emulator;
    private final Transport transport;
    private final Clock clock;
    private final Thread reader;
    private final Thread device;
    private final Thread writer;
    private final java.util.concurrent.BlockingQueue<byte[]> outbox = new java.util.concurrent.LinkedBlockingQueue<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private byte[] inbox = new byte[256];
    private int inboxLength;
    private long inboxArrivedNanos;
    private volatile boolean running = true;
    private volatile boolean hungUp;
    private volatile Throwable failure;
    private volatile Runnable deviceSide;

    private EmulatorServer(E emulator, Transport transport, Clock clock) {
        this.emulator = emulator;
        this.transport = transport;
        this.clock = clock;
        this.reader = new Thread(this::read, "emulator-reader " + transport.description());
        this.device = new Thread(this::serve, "emulator " + transport.description());
        this.writer = new Thread(this::write, "emulator-writer " + transport.description());
        reader.setDaemon(true);
        device.setDaemon(true);
        writer.setDaemon(true);
    }

    /** Starts serving on two daemon threads; the emulator's clock is {@code clock}. */
    public static <E extends WireEmulator> EmulatorServer<E> start(E emulator, Transport transport, Clock clock) {
        EmulatorServer<E> server = new EmulatorServer<>(emulator, transport, clock);
        server.reader.start();
        server.device.start();
        server.writer.start();
        return server;
    }

    private void read() {
        DeviceThreads.promoteCurrent();
        byte[] buffer = new byte[256];
        try {
            while (running) {
                int n = transport.read(buffer, 0, buffer.length, 100);
                if (n > 0) {
                    lock.lock();
                    try {
                        if (inboxLength == 0) {
                            // the device acts on a command when it arrives; stamped under the lock, so a
                            // device thread that ran its timers to a time without seeing these bytes read
                            // that time before they were stamped (see timersUntil)
                            inboxArrivedNanos = clock.nanoTime();
                        }
                        if (inboxLength + n > inbox.length) {
                            inbox = Arrays.copyOf(inbox, Math.max(inbox.length * 2, inboxLength + n));
                        }
                        System.arraycopy(buffer, 0, inbox, inboxLength, n);
                        inboxLength += n;
                        arrived.signalAll();
                    } finally {
                        lock.unlock();
                    }
                }
            }
        } catch (LinkClosedException hungUp) {
            // the host went away (or its cable was pulled): the device runs on until it is quiet
            this.hungUp = true;
            wake();
            return;
        } catch (IOException | RuntimeException e) {
            failure = e;
        }
        stop();
    }

    private void serve() {
        DeviceThreads.promoteCurrent();
        byte[] taken = new byte[0];
        long arrivedAt = 0;
        long last = clock.nanoTime(); // the emulator's time never runs backwards
        try {
            while (running && !(hungUp && emulator.quiescent())) {
                lock.lock();
                try {
                    long waitNanos = Math.max(0, emulator.nanosUntilNextDeadline(clock.nanoTime()));
                    if (inboxLength == 0 && waitNanos > 0) {
                        arrived.awaitNanos(waitNanos);
                    }
                    taken = Arrays.copyOf(inbox, inboxLength);
                    arrivedAt = inboxArrivedNanos;
                    inboxLength = 0;
                } finally {
                    lock.unlock();
                }
                if (taken.length > 0) {
                    last = Math.max(last, arrivedAt);
                    send(emulator.onBytes(taken, 0, taken.length, last));
                }
                // run the timers up to now, or only up to a command that came in meanwhile: it is acted on
                // at its arrival next, however long this thread took to get back to it
                last = Math.max(last, timersUntil());
                send(emulator.poll(last));
                Runnable side = deviceSide;
                if (side != null) {
                    emulator.atDeviceTime(last, side);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            stop();
            emulator.device().disarm();
        }
    }

    /**
     * Now, or when the bytes waiting in the inbox arrived if they wait. Read under the lock the reader
     * stamps under: the device's time never runs backwards, so timers run to a time after a command's
     * arrival would move that command (and a pulse it fires) to that later time.
     */
    private long timersUntil() {
        lock.lock();
        try {
            return inboxLength > 0 ? inboxArrivedNanos : clock.nanoTime();
        } finally {
            lock.unlock();
        }
    }

    /** What the device says reaches the host while it is connected (in order, by the writer); after a hang-up it goes nowhere. */
    private void send(byte[] bytes) {
        if (bytes.length > 0 && !hungUp) {
            outbox.add(bytes);
        }
    }

    private void write() {
        DeviceThreads.promoteCurrent();
        try {
            while (running || !outbox.isEmpty()) {
                byte[] bytes = outbox.poll(100, TimeUnit.MILLISECONDS);
                if (bytes != null && !hungUp) {
                    transport.write(bytes, 0, bytes.length);
                }
            }
        } catch (LinkClosedException closed) {
            hungUp = true;
            wake();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            if (running) {
                failure = e;
                stop();
            }
        }
    }

    private void stop() {
        running = false;
        wake();
    }

    private void wake() {
        lock.lock();
        try {
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
    }

    public E emulator() {
        return emulator;
    }

    /**
     * Runs {@code action} on the device thread at each wake-up (at least every 50 ms), at the device's
     * time ({@link WireEmulator#atDeviceTime}). Another thread acting on the model would read the
     * device's clock out of turn: a Magstim's never runs backwards, so a command that had arrived
     * earlier would be handled at that later time (pulses logged up to 13 ms late in the fault matrix).
     */
    public void onDeviceThread(Runnable action) {
        deviceSide = action;
        wake();
    }

    /** A host is connected and the device answers it. */
    public boolean serving() {
        return running && !hungUp && device.isAlive();
    }

    /** What stopped serving, other than a hang-up or {@link #close()}; null if nothing. */
    public Throwable failure() {
        return failure;
    }

    @Override
    public void close() {
        stop();
        transport.close();
        try {
            device.join(2000);
            reader.join(2000);
            writer.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
