package org.tmshost.record;

import java.util.Optional;

/**
 * What is known about a session when it is created (PREPARED).
 *
 * @param subjectId    as entered; normalised by the constructor
 * @param protocolText the protocol file's content, stored verbatim with its SHA-256
 * @param mtMethod     how the thresholds were measured (EMG, VISUAL, UNSTATED)
 * @param limits       the profile and policy files verbatim (empty only for tests' bare sessions)
 */
public record NewSession(String subjectId, String operatorId, String protocolName, String protocolText,
                         String profileName, String profileSha256, String envelopeSha256, String deviceUri,
                         boolean simulated, String verdict, int plannedPulses, Optional<Double> rmtPercentMso,
                         Optional<Double> amtPercentMso, String mtMethod, Optional<SessionLimits> limits) {

    /** A session whose limit files are not kept (tests). */
    public NewSession(String subjectId, String operatorId, String protocolName, String protocolText,
                      String profileName, String profileSha256, String envelopeSha256, String deviceUri,
                      boolean simulated, String verdict, int plannedPulses, Optional<Double> rmtPercentMso,
                      Optional<Double> amtPercentMso, String mtMethod) {
        this(subjectId, operatorId, protocolName, protocolText, profileName, profileSha256, envelopeSha256, deviceUri,
                simulated, verdict, plannedPulses, rmtPercentMso, amtPercentMso, mtMethod, Optional.empty());
    }

    /** The subject id is normalised here ({@link SubjectId#of(String)}): one subject, one id. */
    public NewSession {
        subjectId = SubjectId.of(subjectId).value();
    }

    /** A session without thresholds on record (tests, absolute-intensity protocols). */
    public NewSession(String subjectId, String operatorId, String protocolName, String protocolText,
                      String profileName, String profileSha256, String envelopeSha256, String deviceUri,
                      boolean simulated, String verdict, int plannedPulses) {
        this(subjectId, operatorId, protocolName, protocolText, profileName, profileSha256, envelopeSha256, deviceUri,
                simulated, verdict, plannedPulses, Optional.empty(), Optional.empty(), "UNSTATED");
    }
}
