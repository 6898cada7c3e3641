package org.tmshost.record;

import java.time.Instant;
import java.util.Optional;

/**
 * A stored motor threshold hunt. {@code outcome} is empty while it runs, and stays empty for a
 * hunt the process did not live to end (its pulses are kept).
 */
public record HuntRow(long id, String subjectId, String operatorId, String kind, String method, double criterionUv,
                      String mepInput, String profileName, String deviceUri, boolean simulated, Instant startedAt,
                      Optional<Instant> endedAt, Optional<String> outcome, Optional<Double> thresholdPercentMso,
                      int pulses) {
}
