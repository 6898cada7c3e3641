package org.tmshost.device;

/**
 * Fires one pulse now. Implemented by the device layer (a TTL line, a serial fire command, the
 * simulator) and called only from the pulse thread: implementations must not allocate, lock or log.
 * A failure to fire is reported through the device's status (which trips the session's interlock),
 * not by throwing.
 */
@FunctionalInterface
public interface PulseTrigger {
    /** Returned by {@link #fire} when the trigger cannot tell when its pulse left the host. */
    long EMISSION_UNKNOWN = -1;

    /**
     * Returned by {@link #fire} when the device did not deliver the pulse: it was not sent (the
     * device not ready, the port busy, the link lost) or the device answered that it refused it.
     * The scheduler records it as a refused pulse, never a delivered one; the device's status says
     * why, and the session's interlocks act on that.
     */
    long REFUSED = Long.MIN_VALUE;

    /**
     * Returned by {@link #fire} when the fire command left the host and the device did not confirm it
     * (no reply, a garbled one, the link closing as it was sent): it may or may not have delivered
     * the pulse. The scheduler journals it as unconfirmed, which the record keeps out of the delivered
     * pulses and counts among those the device may have delivered, and stops the session on a lost link:
     * a next pulse would be timed from a pulse nobody knows was given.
     */
    long UNCONFIRMED = Long.MIN_VALUE + 1;

    /**
     * @param pulseIndex       index of the pulse in its plan
     * @param outputPercentMso the output the pulse was planned at (already set on the device)
     * @param channel          the unit that fires (0 unless paired-pulse or quadripulse)
     * @return nanoseconds from the moment the pulse left the host (the TTL edge was up, the fire
     *         command was written) until this call returns, measured with {@link System#nanoTime}
     *         by clock reads taken after that moment; 0 when the pulse left at the return (an
     *         in-process device), {@link #EMISSION_UNKNOWN} (treated as 0), {@link #REFUSED} or {@link #UNCONFIRMED}. The scheduler measures
     *         the no-compression rule from its clock read after the return minus this, so a trigger
     *         that returns late (holding a TTL line high, reading an acknowledgement) does not push
     *         the schedule back. Why after, not from the call: the pulse thread can lose its CPU
     *         between its own clock read and the pulse leaving, and an interval measured from a
     *         moment before the pulse left could be compressed by that delay; a moment read after
     *         it never can.
     */
    long fire(int pulseIndex, int outputPercentMso, int channel);

    /**
     * The least time from a call to its pulse leaving that this trigger guarantees (a steady part of
     * its latency it knows it has, e.g. a fixed settle time before the edge); the scheduler calls it
     * that much earlier so pulses leave at their planned spacing. 0 (the default) when it cannot promise one.
     */
    default long minEmissionDelayNanos() {
        return 0;
    }
}
