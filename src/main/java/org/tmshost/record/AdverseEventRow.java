package org.tmshost.record;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

/** An adverse event of a course (headache, scalp discomfort, syncope, seizure, other) with its severity. */
public record AdverseEventRow(long id, long courseId, String kind, String severity, String note, LocalDate day,
                              Optional<Long> sessionId, Instant at, String enteredBy) {
}
