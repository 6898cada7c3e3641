package org.tmshost.device.magventure;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * The MagPro's recent messages, numbered as they arrive, for a command that waits for the device to
 * confirm it: the command notes the number before it sends ({@link #mark}) and then waits for the
 * first later message that matches ({@link #await}). Fed by the link thread; woken at link loss.
 */
final class MagProInbox {
    private static final int RECENT_MESSAGES = 64;

    private final Object lock = new Object();
    private final ArrayDeque<Received> recent = new ArrayDeque<>(); // guarded by lock
    private long sequence; // guarded by lock

    private record Received(long sequence, MagProMessage message) {
    }

    /** The number of the last message received so far. */
    long mark() {
        synchronized (lock) {
            return sequence;
        }
    }

    /** Link thread: keeps {@code message} (the oldest beyond 64 goes) and wakes the waiters. */
    void add(MagProMessage message) {
        synchronized (lock) {
            sequence++;
            recent.addLast(new Received(sequence, message));
            if (recent.size() > RECENT_MESSAGES) {
                recent.removeFirst();
            }
            lock.notifyAll();
        }
    }

    /** Wakes the waiters so they see that the link is lost. */
    void wake() {
        synchronized (lock) {
            lock.notifyAll();
        }
    }

    /**
     * The first message after {@code afterSequence} that matches, or {@code null} once
     * {@code timeoutNanos} passed or the link is {@code lost}.
     */
    MagProMessage await(long afterSequence, Predicate<MagProMessage> matches, long timeoutNanos, BooleanSupplier lost) {
        long deadline = System.nanoTime() + timeoutNanos;
        synchronized (lock) {
            while (true) {
                for (Received received : recent) {
                    if (received.sequence() > afterSequence && matches.test(received.message())) {
                        return received.message();
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || lost.getAsBoolean()) {
                    return null;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(lock, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return null;
                }
            }
        }
    }
}
