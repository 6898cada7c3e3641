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
     * @return nanoseconds from the call until the pulse left the host (the TTL edge was up, the fire
     *         command was written; measured with {@link System#nanoTime}, 0 for an in-process
     *         device), or {@link #EMISSION_UNKNOWN}. The scheduler measures the no-compression rule
     *         from that moment, or from the call's return when it is unknown, so a trigger that
     *         returns late (holding a TTL line high, reading an acknowledgement) does not push the
     *         schedule back.
     */
    long fire(int pulseIndex, int outputPercentMso, int channel);
}
