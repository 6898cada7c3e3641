package org.tmshost.record;

import java.time.Instant;
import java.util.Optional;

/** One session as stored. */
public record SessionRow(long id, String subjectId, String operatorId, String protocolName, String profileName,
                         String profileSha256, String envelopeSha256, String deviceUri, boolean simulated,
                         String verdict, String state, Optional<String> endReason, int plannedPulses,
                         int deliveredPulses, Optional<String> journalPath, Instant createdAt,
                         Optional<Instant> endedAt) {
}
