package org.tmshost.session;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The first trip of a session or hunt, the one that ends it (any thread may trip; the first cause
 * wins), and when the device's disarm that trip called returned: a session's end reports
 * trip-to-disarm from it.
 */
final class FirstTrip {
    /** The cause, its detail, and the session clock's time of the trip. */
    record Trip(InterlockCause cause, String detail, long atNanos) {
    }

    private final AtomicReference<Trip> first = new AtomicReference<>();
    private volatile long disarmReturnedNanos;

    /** @return true if this was the first trip */
    boolean trip(InterlockCause cause, String detail, long atNanos) {
        return first.compareAndSet(null, new Trip(cause, detail, atNanos));
    }

    /** The first trip, or null before any. */
    Trip get() {
        return first.get();
    }

    Optional<InterlockCause> cause() {
        return Optional.ofNullable(first.get()).map(Trip::cause);
    }

    /** The first trip's disarm returned at {@code nanos} (session clock). */
    void disarmReturned(long nanos) {
        disarmReturnedNanos = nanos;
    }

    long disarmReturnedNanos() {
        return disarmReturnedNanos;
    }
}
