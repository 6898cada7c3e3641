package org.tmshost.simulator.magstim;

import org.tmshost.device.transport.LinkClosedException;
import org.tmshost.device.transport.Transport;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/** A {@link MagstimEmulator} serving a {@link Transport} from its own thread until closed or hung up. */
public final class MagstimEmulatorServer implements AutoCloseable {
    private final MagstimEmulator emulator;
    private final Transport transport;
    private final LongSupplier clock;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Throwable failure;

    private MagstimEmulatorServer(MagstimEmulator emulator, Transport transport, LongSupplier clock) {
        this.emulator = emulator;
        this.transport = transport;
        this.clock = clock;
        this.thread = new Thread(this::serve, "magstim-emulator " + transport.description());
        thread.setDaemon(true);
    }

    static MagstimEmulatorServer start(MagstimEmulator emulator, Transport transport, LongSupplier clock) {
        MagstimEmulatorServer server = new MagstimEmulatorServer(emulator, transport, clock);
        server.thread.start();
        return server;
    }

    private void serve() {
        byte[] buffer = new byte[256];
        try {
            while (running) {
                long timeoutMillis = Math.max(1, Math.min(5,
                        TimeUnit.NANOSECONDS.toMillis(emulator.nanosUntilNextDeadline(clock.getAsLong()))));
                int n = transport.read(buffer, 0, buffer.length, timeoutMillis);
                if (n > 0) {
                    byte[] reply = emulator.onBytes(buffer, 0, n, clock.getAsLong());
                    if (reply.length > 0) {
                        transport.write(reply, 0, reply.length);
                    }
                }
                emulator.poll(clock.getAsLong());
            }
        } catch (LinkClosedException hungUp) {
            // the host went away: stop serving
        } catch (IOException | RuntimeException e) {
            failure = e;
        } finally {
            running = false;
            emulator.model().disarm();
        }
    }

    public MagstimEmulator emulator() {
        return emulator;
    }

    public boolean serving() {
        return running && thread.isAlive();
    }

    /** What stopped the serving thread, other than a hang-up or {@link #close()}; null if nothing. */
    public Throwable failure() {
        return failure;
    }

    @Override
    public void close() {
        running = false;
        transport.close();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
