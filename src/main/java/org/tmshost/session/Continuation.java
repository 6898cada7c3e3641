package org.tmshost.session;

import org.tmshost.delivery.DeliveryChoice;
import org.tmshost.delivery.DeliveryPlanner;
import org.tmshost.profile.HardwareProfile;
import org.tmshost.protocol.MotorThresholds;
import org.tmshost.protocol.ProtocolKind;
import org.tmshost.protocol.PulsePlan;
import org.tmshost.protocol.ThresholdMethod;
import org.tmshost.record.Continuity;
import org.tmshost.record.OverrideRow;
import org.tmshost.record.PulseRow;
import org.tmshost.record.RecordStore;
import org.tmshost.record.SessionRow;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The rest of a treatment that the host's own fault cut short: a timing fault, a record failure, a
 * lost link, or a host that died (INTERRUPTED). A new session continues it for its remaining pulses
 * as the same treatment: the recorded protocol, thresholds and hardware profile; the envelope
 * checks the whole plan (delivered + remaining) with a dose ledger that leaves the treatment's own
 * sessions out; the overrides a supervisor approved for it carry over. The operator continues it,
 * without a supervisor, within the site policy's window, if no other session of the subject
 * delivered pulses since. Faults of the device or the subject's safety (coil temperature, a stop,
 * a device error or disarm, a pulse count the device disputes) are not continued: a new session
 * is a new decision.
 *
 * @param continues    the session continued: the treatment's latest
 * @param protocolText the treatment's protocol, as recorded
 * @param thresholds   the treatment's motor thresholds, as recorded
 * @param treatment    every session of the treatment so far (the ledger leaves them out)
 * @param nextPulse    the first pulse of the treatment's plan past every pulse the device delivered
 *                     or may have delivered (a continuation never repeats one)
 * @param delivered    pulses the treatment's sessions delivered
 * @param overrides    what supervisors approved for the treatment
 */
public record Continuation(SessionRow continues, String protocolText, MeasuredThresholds thresholds,
                           Set<Long> treatment, int nextPulse, int delivered, List<OverrideRow> overrides) {
    /** End causes of the host's own faults; INTERRUPTED is the state a dead host leaves. */
    static final Set<String> HOST_FAULTS = Set.of(InterlockCause.TIMING_FAULT.name(),
            InterlockCause.RECORD_FAILURE.name(), InterlockCause.LINK_LOSS.name(), SessionState.INTERRUPTED.name());

    /** True for an end (cause code, or INTERRUPTED) that a continuation may follow. */
    public static boolean continuable(String endCause) {
        return HOST_FAULTS.contains(endCause);
    }

    public Continuation {
        treatment = Set.copyOf(treatment);
        overrides = List.copyOf(overrides);
    }

    /**
     * What continuing session {@code sessionId} would deliver, as the record stands.
     *
     * @param window how long after its end a session may be continued (the site policy's)
     * @throws ContinuationRefused with the reason, when it cannot be continued
     */
    public static Continuation of(RecordStore store, long sessionId, Duration window, Instant now)
            throws ContinuationRefused {
        SessionRow last = store.session(sessionId).orElseThrow(() -> new ContinuationRefused(
                "there is no session " + sessionId + " (tmshost sessions lists them)"));
        if (!last.ended()) {
            throw new ContinuationRefused("session " + sessionId + " is " + last.state() + ", not ended");
        }
        String cause = last.endCause().orElse(last.state());
        if (!HOST_FAULTS.contains(cause)) {
            throw new ContinuationRefused("session " + sessionId + " ended " + last.state() + " (" + cause
                    + "); only a session the host's own fault ended (a timing fault, a record failure, a lost link, "
                    + "a host that stopped) is continued: start a new session");
        }
        Instant ended = last.endedAt().orElseThrow();
        if (now.isAfter(ended.plus(window))) {
            throw new ContinuationRefused("session " + sessionId + " ended at " + ended + ", more than the site policy's "
                    + window.toMinutes() + " min ago: start a new session (the intersession interval counts from "
                    + "its end)");
        }
        Continuity place = store.continuity(sessionId);
        if (place.continuedBy().isPresent()) {
            long by = place.continuedBy().get();
            SessionRow next = store.session(by).orElseThrow();
            if (next.deliveredPulses() > 0 || !next.ended()) {
                throw new ContinuationRefused("session " + sessionId + " was continued by session " + by
                        + (next.ended() ? "" : ", which is " + next.state()) + "; continue that one");
            }
        }
        Set<Long> treatment = new LinkedHashSet<>();
        int delivered = 0;
        List<OverrideRow> overrides = new ArrayList<>();
        for (Optional<Long> at = Optional.of(sessionId); at.isPresent(); at = store.continuity(at.get()).continues()) {
            SessionRow row = store.session(at.get()).orElseThrow();
            treatment.add(row.id());
            delivered += row.deliveredPulses();
            overrides.addAll(store.overrides(row.id()));
        }
        for (SessionRow other : store.allSessions()) {
            if (other.subjectId().equals(last.subjectId()) && other.id() > sessionId && other.deliveredPulses() > 0
                    && !treatment.contains(other.id())) {
                throw new ContinuationRefused("session " + other.id() + " of subject " + last.subjectId()
                        + " delivered pulses after session " + sessionId + " ended: start a new session");
            }
        }
        List<PulseRow> pulses = store.pulses(sessionId);
        int recordedEnd = pulses.stream().mapToInt(PulseRow::index).max().orElse(-1) + 1;
        int nextPulse = place.firstPulse() + recordedEnd + place.mayHaveDelivered();
        if (nextPulse >= place.firstPulse() + last.plannedPulses()) { // the treatment's whole plan
            throw new ContinuationRefused("session " + sessionId + " has nothing left to deliver: its device delivered "
                    + "or may have delivered every planned pulse");
        }
        String text = store.protocolText(sessionId).orElseThrow();
        MotorThresholds thresholds = MotorThresholds.of(last.rmtPercentMso().orElse(null),
                last.amtPercentMso().orElse(null), last.mtMethod().map(ThresholdMethod::valueOf)
                        .orElse(ThresholdMethod.UNSTATED));
        Instant measured = store.thresholdsMeasuredAt(treatment.stream().min(Long::compare).orElseThrow())
                .orElse(last.createdAt());
        return new Continuation(last, text, new MeasuredThresholds(thresholds, measured), treatment, nextPulse,
                delivered, overrides);
    }


    /** A continuation runs on the hardware profile its treatment ran on (same name, same SHA-256). */
    void requireProfile(HardwareProfile profile) throws ContinuationRefused {
        if (!profile.name().equals(continues.profileName()) || !profile.sha256().equals(continues.profileSha256())) {
            throw new ContinuationRefused("session " + continues.id() + " ran on hardware profile "
                    + continues.profileName() + " (SHA-256 " + continues.profileSha256() + "); this device's profile is "
                    + profile.name() + " (" + profile.sha256() + "): a continuation runs on the same profile");
        }
    }

    /**
     * Where the continuation begins in the treatment's {@code plan}: the first pulse past everything
     * delivered that splits no burst or pair, and from which the rest can reach the device. A device
     * loaded with one train setting for the session (a Magstim Rapid) cannot time the rest of a cut
     * train and the whole trains after it: the continuation then begins at the next train, and the
     * pulses it leaves out are never given (a treatment gets less than its plan, never more; the
     * record shows where it began).
     */
    int firstDeliverable(PulsePlan plan, ProtocolKind kind, HardwareProfile profile) throws ContinuationRefused {
        int candidate = plan.resumePointAtOrAfter(nextPulse);
        String why = "part of a burst or pair, which is not delivered alone";
        while (candidate < plan.pulseCount()) {
            DeliveryChoice choice = DeliveryPlanner.choose(plan.from(candidate), kind, profile);
            if (choice instanceof DeliveryChoice.Chosen) {
                return candidate;
            }
            why = ((DeliveryChoice.Refused) choice).reason();
            int train = plan.trainOf(candidate);
            if (train + 1 >= plan.trainCount()) {
                break;
            }
            candidate = plan.resumePointAtOrAfter(plan.trainFirstPulse(train + 1));
        }
        throw new ContinuationRefused("session " + continues.id() + " has nothing left to deliver from pulse "
                + (nextPulse + 1) + " on: " + why);
    }
}
