package org.tmshost.record;

import java.time.Instant;

/** A supervisor's recorded approval of one NEEDS_OVERRIDE finding. */
public record OverrideRow(String ruleId, String approvedBy, String reason, Instant at) {
}
