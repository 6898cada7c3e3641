package org.tmshost.record;

import java.time.Instant;
import java.util.Optional;

/**
 * One pulse of a threshold hunt, with what was seen: a MEP amplitude, or an operator's yes/no,
 * or neither (the hunt ended before the reading).
 */
public record HuntPulseRow(int pulseIndex, Instant firedAt, int outputPercentMso, Optional<Double> mepMicrovolts,
                           Optional<Boolean> response) {
}
