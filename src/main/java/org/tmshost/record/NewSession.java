package org.tmshost.record;

/** What is known about a session when it is created (PREPARED). */
public record NewSession(String subjectId, String operatorId, String protocolName, String protocolText,
                         String profileName, String profileSha256, String envelopeSha256, String deviceUri,
                         boolean simulated, String verdict, int plannedPulses) {
}
