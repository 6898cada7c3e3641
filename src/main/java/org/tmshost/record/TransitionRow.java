package org.tmshost.record;

import java.time.Instant;
import java.util.Optional;

/** One recorded state change of a session, with who caused it (empty for the host itself). */
public record TransitionRow(Instant at, String fromState, String toState, String reason, Optional<String> userId) {
}
