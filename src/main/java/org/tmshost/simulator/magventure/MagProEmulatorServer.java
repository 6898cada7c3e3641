package org.tmshost.simulator.magventure;

import org.tmshost.device.transport.LinkClosedException;
import org.tmshost.device.transport.Transport;

import java.io.IOException;
import java.util.function.LongSupplier;

/**
 * Runs a {@link MagProEmulator} on a transport: a daemon thread reads what the host sends, feeds
 * it to the emulator with the time, and writes back what the emulator answers; between reads it
 * advances time (trains, bursts, temperature notifications). Stops when closed or when the host
 * hangs up.
 */
public final class MagProEmulatorServer implements AutoCloseable {
    private static final long READ_SLICE_MILLIS = 2;
    private final MagProEmulator emulator;
    private final Transport transport;
    private final LongSupplier clock;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile IOException stoppedBy;

    private MagProEmulatorServer(MagProEmulator emulator, Transport transport, LongSupplier clock) {
        this.emulator = emulator;
        this.transport = transport;
        this.clock = clock;
        this.thread = new Thread(this::serve, "magpro-emulator " + transport.description());
        thread.setDaemon(true);
    }

    static MagProEmulatorServer start(MagProEmulator emulator, Transport transport, LongSupplier clock) {
        MagProEmulatorServer server = new MagProEmulatorServer(emulator, transport, clock);
        server.thread.start();
        return server;
    }

    public MagProEmulator emulator() {
        return emulator;
    }

    public boolean isRunning() {
        return thread.isAlive();
    }

    /** Why serving stopped other than {@link #close()}: the host hung up, or {@code null}. */
    public IOException stoppedBy() {
        return stoppedBy;
    }

    private void serve() {
        byte[] buffer = new byte[256];
        try {
            while (running) {
                int n = transport.read(buffer, 0, buffer.length, READ_SLICE_MILLIS);
                byte[] reply = n > 0 ? emulator.receive(buffer, 0, n, clock.getAsLong()) : emulator.tick(clock.getAsLong());
                if (reply.length > 0) {
                    transport.write(reply, 0, reply.length);
                }
            }
        } catch (LinkClosedException e) {
            if (running) {
                stoppedBy = e;
            }
        } catch (IOException e) {
            stoppedBy = e;
        } finally {
            emulator.device().disarm();
        }
    }

    /** Stops serving and closes the transport; the simulated device is left disarmed. */
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
