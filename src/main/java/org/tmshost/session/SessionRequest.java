package org.tmshost.session;

import org.tmshost.profile.HardwareProfile;
import org.tmshost.protocol.Protocol;
import org.tmshost.record.SubjectId;
import org.tmshost.safety.Finding;
import org.tmshost.safety.SafetyEnvelope;

import java.util.List;
import java.util.Objects;

/**
 * What a session is asked to deliver, to whom, by whom, on what.
 *
 * @param subjectId    normalised here ({@link SubjectId#of(String)})
 * @param protocolName the library name or file path the operator gave
 * @param protocolText the protocol file's content, recorded verbatim
 * @param deviceUri    where the device is (contracts.md §4), recorded; {@code sim:} marks a SIMULATION
 * @param planFindings findings of the plan the session belongs to (a course's), added to the envelope's verdict
 */
public record SessionRequest(String subjectId, String operatorId, String protocolName, Protocol protocol,
                             String protocolText, MeasuredThresholds thresholds, HardwareProfile profile,
                             String deviceUri, SafetyEnvelope envelope, List<Finding> planFindings) {
    /** A session that belongs to no larger plan: its verdict is the envelope's alone. */
    public SessionRequest(String subjectId, String operatorId, String protocolName, Protocol protocol,
                          String protocolText, MeasuredThresholds thresholds, HardwareProfile profile,
                          String deviceUri, SafetyEnvelope envelope) {
        this(subjectId, operatorId, protocolName, protocol, protocolText, thresholds, profile, deviceUri, envelope,
                List.of());
    }

    public SessionRequest {
        planFindings = List.copyOf(planFindings);
        Objects.requireNonNull(subjectId, "subjectId");
        Objects.requireNonNull(operatorId, "operatorId");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(thresholds, "thresholds");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(envelope, "envelope");
        if (subjectId.isBlank() || operatorId.isBlank()) {
            throw new IllegalArgumentException("a session needs a subject id and an operator id");
        }
        subjectId = SubjectId.of(subjectId).value(); // the doors also check the site's pattern
    }

    /** This request on {@code newProfile} (the same profile as a device's link reaches it). */
    public SessionRequest withProfile(HardwareProfile newProfile) {
        return new SessionRequest(subjectId, operatorId, protocolName, protocol, protocolText, thresholds, newProfile,
                deviceUri, envelope, planFindings);
    }

    /**
     * This request within a larger plan (a treatment course) whose findings join the envelope's in
     * the session's verdict: NEEDS_OVERRIDE ones are approved by a supervisor as any other and
     * recorded with the session, BLOCKED ones refuse it.
     */
    public SessionRequest withPlanFindings(List<Finding> findings) {
        return new SessionRequest(subjectId, operatorId, protocolName, protocol, protocolText, thresholds, profile,
                deviceUri, envelope, findings);
    }

    /** Shown and recorded as SIMULATION: a simulated profile or an in-process simulated device. */
    public boolean simulated() {
        return profile.simulation() || deviceUri.startsWith("sim:");
    }
}
