package org.tmshost.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * What a listener heard, in order, for a test to wait on: {@link #await} wakes when a matching
 * event arrives (no polling, no sleep); the timeout only bounds a test whose event never comes.
 */
public final class EventQueue<T> implements Consumer<T> {
    private final List<T> events = new ArrayList<>();

    @Override
    public synchronized void accept(T event) {
        events.add(event);
        notifyAll();
    }

    /** The first event so far that matches, waiting for one up to {@code timeout}; null if none came. */
    public synchronized T await(Predicate<? super T> matching, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (T event : events) {
                if (matching.test(event)) {
                    return event;
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            wait(left / 1_000_000L + 1);
        }
    }

    /** Everything heard so far. */
    public synchronized List<T> all() {
        return List.copyOf(events);
    }
}
