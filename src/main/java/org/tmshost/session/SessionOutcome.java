package org.tmshost.session;

import java.util.Optional;

/**
 * How a session ended.
 *
 * @param firedPulses          pulses the pulse thread fired (fire journal entries)
 * @param recordedPulses       pulses in the record store
 * @param deviceReportedPulses what the device says it delivered in this session, or -1 if it cannot count
 * @param tripToDisarmNanos    host clock from the latch trip to the device's disarm call returning; -1 without a trip
 * @param tripToHaltNanos      from the latch trip to the pulse thread halting; -1 without a trip
 * @param recordComplete       false if the final record writes failed (the journal keeps the pulses; the next
 *                             start closes the session as INTERRUPTED from it)
 */
public record SessionOutcome(long sessionId, SessionState state, Optional<InterlockCause> cause, String reason,
                             int plannedPulses, int firedPulses, int recordedPulses, int deviceReportedPulses,
                             long tripToDisarmNanos, long tripToHaltNanos, boolean recordComplete,
                             String recordProblem, long recorderBatches, long recorderBusyNanos,
                             long recorderLongestBatchNanos) {
}
