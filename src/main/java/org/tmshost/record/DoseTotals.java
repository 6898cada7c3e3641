package org.tmshost.record;

import java.time.Instant;
import java.util.Optional;

/**
 * A subject's dose ledger entry: pulses delivered in sessions, pulses given to read MEPs outside
 * sessions and sessions held since local midnight, and when their last session ended. Sessions still
 * open count with the pulses recorded so far.
 *
 * @param huntPulsesToday threshold hunts' single pulses and excitability measurements' trial pulses (2 per
 *                        paired trial), each written before it was fired; counted toward the daily
 *                        pulses only if the site policy says so, as hunt pulses always were
 */
public record DoseTotals(int pulsesToday, int huntPulsesToday, int sessionsToday, Optional<Instant> lastSessionEnded) {
}
