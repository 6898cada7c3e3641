package org.tmshost.record;

import java.util.Optional;

/**
 * Where a recorded pulse sits in its protocol's plan, all indexes from 0.
 *
 * @param protocolPulse the pulse's index in the treatment's plan: the session's own pulse index, plus the
 *                      first pulse of a session that continues another
 * @param train         the protocol's train (rTMS, theta burst; the one block of the other kinds)
 * @param burst         the burst within its train (theta burst) or within the block (quadripulse)
 * @param pair          the pair of a paired-pulse protocol
 */
public record PulsePlace(int protocolPulse, Optional<Integer> train, Optional<Integer> burst,
                         Optional<Integer> pair) {

    /** Only the plan index is known (a protocol the export cannot read, a pulse past its plan). */
    static PulsePlace unknown(int protocolPulse) {
        return new PulsePlace(protocolPulse, Optional.empty(), Optional.empty(), Optional.empty());
    }

    PulsePlace withTrain(Optional<Integer> train) {
        return new PulsePlace(protocolPulse, train, burst, pair);
    }
}
