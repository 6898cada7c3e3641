package org.tmshost.record;

import java.util.Optional;

/**
 * One session's place in its treatment.
 *
 * @param continues        the session it continues for its remaining pulses, if any
 * @param firstPulse       the index in the treatment's plan of this session's pulse 0 (0 for a first session)
 * @param mayHaveDelivered pulses past the record that the device may have delivered on its own
 * @param continuedBy      the session that continues it, if any
 */
public record Continuity(Optional<Long> continues, int firstPulse, int mayHaveDelivered, Optional<Long> continuedBy) {
}
