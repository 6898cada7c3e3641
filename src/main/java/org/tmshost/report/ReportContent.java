package org.tmshost.report;

import org.tmshost.profile.HardwareProfile;
import org.tmshost.protocol.MotorThresholds;
import org.tmshost.protocol.Protocol;
import org.tmshost.protocol.PulsePlan;
import org.tmshost.safety.Verdict;

/**
 * What a session report shows: the protocol as written, the subject's thresholds, the profile, the
 * verdict with its findings, the plan and what the device delivered (its ground-truth times).
 */
public record ReportContent(String protocolName, Protocol protocol, String protocolText, MotorThresholds thresholds,
                            HardwareProfile profile, Verdict verdict, PulsePlan timeline, boolean ran,
                            int deliveredPulses, int refusedPulses, double coilPeakTemperatureCelsius,
                            long[] deliveredAtNanos, String generatedAt) {
}
