package org.tmshost.record;

import java.time.Instant;
import java.util.Optional;

/**
 * One session as stored.
 *
 * @param state                 IDLE .. COMPLETED | ABORTED | FAULTED | INTERRUPTED, as text
 * @param endCause              stable code of why it ended (e.g. {@code STOP_BUTTON}, {@code COMPLETED})
 * @param endReason             the same, in words for a technician
 * @param deliveredPulses       pulses in the record (imported from the fire journal)
 * @param deviceReportedPulses  what the device said it delivered, when it can count (the simulator can)
 * @param t0Nanos               the scheduler's t0 on the host clock, once RUNNING; pulse times are relative to it
 * @param delivery              how the plan reached the device ({@code device-timed-trains}, {@code ttl-trigger},
 *                              {@code serial-fire}), once armed
 * @param deliveryHostStarts    what the host started: {@code each pulse} or {@code each train}
 */
public record SessionRow(long id, String subjectId, String operatorId, String protocolName, String profileName,
                         String profileSha256, String envelopeSha256, String deviceUri, boolean simulated,
                         String verdict, String state, Optional<String> endCause, Optional<String> endReason,
                         int plannedPulses, int deliveredPulses, Optional<Integer> deviceReportedPulses,
                         Optional<String> journalPath, Instant createdAt, Optional<Instant> startedAt,
                         Optional<Instant> endedAt, Optional<Long> t0Nanos, Optional<String> deviceModel,
                         Optional<String> deviceFirmware, Optional<Double> rmtPercentMso,
                         Optional<Double> amtPercentMso, Optional<String> mtMethod, Optional<String> delivery,
                         Optional<String> deliveryHostStarts, Optional<String> host) {

    /** A session recorded before sessions named their host (schema 13), or built without one. */
    public SessionRow(long id, String subjectId, String operatorId, String protocolName, String profileName,
                      String profileSha256, String envelopeSha256, String deviceUri, boolean simulated, String verdict,
                      String state, Optional<String> endCause, Optional<String> endReason, int plannedPulses,
                      int deliveredPulses, Optional<Integer> deviceReportedPulses, Optional<String> journalPath,
                      Instant createdAt, Optional<Instant> startedAt, Optional<Instant> endedAt, Optional<Long> t0Nanos,
                      Optional<String> deviceModel, Optional<String> deviceFirmware, Optional<Double> rmtPercentMso,
                      Optional<Double> amtPercentMso, Optional<String> mtMethod, Optional<String> delivery,
                      Optional<String> deliveryHostStarts) {
        this(id, subjectId, operatorId, protocolName, profileName, profileSha256, envelopeSha256, deviceUri, simulated,
                verdict, state, endCause, endReason, plannedPulses, deliveredPulses, deviceReportedPulses, journalPath,
                createdAt, startedAt, endedAt, t0Nanos, deviceModel, deviceFirmware, rmtPercentMso, amtPercentMso,
                mtMethod, delivery, deliveryHostStarts, Optional.empty());
    }

    public boolean ended() {
        return endedAt.isPresent();
    }
}
