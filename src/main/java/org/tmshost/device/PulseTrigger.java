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
     * @param pulseIndex       index of the pulse in its plan
     * @param outputPercentMso the output the pulse was planned at (already set on the device)
     * @param channel          the unit that fires (0 unless paired-pulse or quadripulse)
     * @return nanoseconds from the moment the pulse left the host (the TTL edge was up, the fire
     *         command was written) until this call returns, measured with {@link System#nanoTime}
     *         by clock reads taken after that moment; 0 when the pulse left at the return (an
     *         in-process device), or {@link #EMISSION_UNKNOWN} (treated as 0). The scheduler measures
     *         the no-compression rule from its clock read after the return minus this, so a trigger
     *         that returns late (holding a TTL line high, reading an acknowledgement) does not push
     *         the schedule back. Why after, not from the call: the pulse thread can lose its CPU
     *         between its own clock read and the pulse leaving, and an interval measured from a
     *         moment before the pulse left could be compressed by that delay; a moment read after
     *         it never can.
     */
    long fire(int pulseIndex, int outputPercentMso, int channel);
}
