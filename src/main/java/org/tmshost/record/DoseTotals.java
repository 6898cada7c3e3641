package org.tmshost.record;

import java.time.Instant;
import java.util.Optional;

/**
 * A subject's dose ledger entry: pulses delivered in sessions, single pulses given by threshold
 * hunts and sessions held since local midnight, and when their last session ended. Sessions still
 * open count with the pulses recorded so far.
 */
public record DoseTotals(int pulsesToday, int huntPulsesToday, int sessionsToday, Optional<Instant> lastSessionEnded) {
}
