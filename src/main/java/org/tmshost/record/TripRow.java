package org.tmshost.record;

import java.time.Instant;
import java.util.Optional;

/**
 * One interlock trip: its cause code, what happened in words, and the measured time from the trip
 * to the device's disarm command returning, when known.
 */
public record TripRow(Instant at, String cause, String detail, Optional<Long> tripToDisarmNanos) {
}
