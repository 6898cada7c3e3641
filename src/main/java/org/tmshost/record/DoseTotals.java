package org.tmshost.record;

import java.time.Instant;
import java.util.Optional;

/** A subject's delivered pulses since the start of today, and when their last session ended. */
public record DoseTotals(int pulsesToday, Optional<Instant> lastSessionEnded) {
}
