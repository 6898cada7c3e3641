package org.tmshost.device;

/**
 * Fires one pulse now. Implemented by the device layer (a TTL line, a serial fire command, the
 * simulator) and called only from the pulse thread: implementations must not allocate, lock or log.
 * A failure to fire is reported through the device's status (which trips the session's interlock),
 * not by throwing.
 */
@FunctionalInterface
public interface PulseTrigger {
    /**
     * @param pulseIndex       index of the pulse in its plan
     * @param outputPercentMso the output the pulse was planned at (already set on the device)
     * @param channel          the unit that fires (0 unless paired-pulse or quadripulse)
     */
    void fire(int pulseIndex, int outputPercentMso, int channel);
}
