package org.tmshost.device.transport;

import org.tmshost.device.LinkThreadTask;

import java.io.IOException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * A wire driver's link thread: a daemon that runs the driver's loop one turn at a time while the
 * driver is open and its link up, runs the task handed in from outside
 * ({@link org.tmshost.device.Stimulator#onLinkThreads}) at the top of each turn, and is stopped and
 * joined the same way for every driver.
 */
public final class LinkThread {
    /** One turn of the driver's loop; an {@link IOException} ends the loop (the link closed). */
    @FunctionalInterface
    public interface Turn {
        void run() throws IOException;
    }

    private static final long JOIN_MILLIS = 2000;

    private final Thread thread;
    private final LinkThreadTask task = new LinkThreadTask();
    private volatile boolean running = true;

    /**
     * @param linkUp   checked before each turn; false ends the loop
     * @param onClosed told when a turn threw while the driver was still open
     */
    public LinkThread(String name, BooleanSupplier linkUp, Turn turn, Consumer<IOException> onClosed) {
        this.thread = new Thread(() -> {
            try {
                while (running && linkUp.getAsBoolean()) {
                    task.runIfRequested();
                    turn.run();
                }
            } catch (IOException e) {
                if (running) {
                    onClosed.accept(e);
                }
            }
        }, name);
        thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /** False once {@link #stop} began. */
    public boolean running() {
        return running;
    }

    /** {@link org.tmshost.device.Stimulator#onLinkThreads}: runs {@code task} once, at the next turn. */
    public void request(Runnable task) {
        this.task.request(task);
    }

    /** Interrupts a turn parked between exchanges. */
    public void interrupt() {
        thread.interrupt();
    }

    /**
     * Ends the loop: no further turn starts, {@code unblock} frees a turn that is waiting (an
     * interrupt, closing the transport under a read), and the thread is given 2 s to end.
     */
    public void stop(Runnable unblock) {
        running = false;
        unblock.run();
        try {
            thread.join(JOIN_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
