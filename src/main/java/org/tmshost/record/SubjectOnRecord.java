package org.tmshost.record;

import java.time.Instant;

/** A subject as the record holds it: its (normalised) id and when the record first named it. */
public record SubjectOnRecord(String id, Instant createdAt) {
}
