package org.tmshost.safety;

import java.time.Instant;
import java.util.Optional;

/**
 * What the subject already received, from the dose ledger: pulses delivered today in sessions and,
 * apart, single pulses given by motor threshold hunts; and when the last session ended.
 * {@link #none} for a check without a subject.
 */
public record DoseHistory(int pulsesToday, int huntPulsesToday, Optional<Instant> lastSessionEnded, Instant now) {
    /** A history without threshold hunts. */
    public DoseHistory(int pulsesToday, Optional<Instant> lastSessionEnded, Instant now) {
        this(pulsesToday, 0, lastSessionEnded, now);
    }

    public static DoseHistory none(Instant now) {
        return new DoseHistory(0, Optional.empty(), now);
    }
}
