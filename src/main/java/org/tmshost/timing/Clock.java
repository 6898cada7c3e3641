package org.tmshost.timing;

/**
 * A monotonic nanosecond clock. The pulse scheduler reads time only through this interface, so the
 * same scheduler code runs on {@link SystemClock} (a session) and on {@link VirtualClock} (the dry
 * run and deterministic tests).
 *
 * <p>Values are only meaningful as differences; compare them overflow-safely
 * ({@code deadlineNanos - nowNanos < 0}), never with {@code <} on the raw values.
 */
@FunctionalInterface
public interface Clock {
    /** Current time in nanoseconds; must not allocate. */
    long nanoTime();
}
