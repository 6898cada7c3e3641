package org.tmshost.safety;

import java.time.Instant;
import java.util.Optional;

/**
 * What the subject already received, from the dose ledger: pulses delivered today and when the
 * last session ended. {@link #NONE} for a check without a subject.
 */
public record DoseHistory(int pulsesToday, Optional<Instant> lastSessionEnded, Instant now) {
    public static DoseHistory none(Instant now) {
        return new DoseHistory(0, Optional.empty(), now);
    }
}
