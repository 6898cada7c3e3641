package org.tmshost.session;

import org.tmshost.device.StopButton;
import org.tmshost.device.DeviceFault;
import org.tmshost.device.Stimulator;
import org.tmshost.profile.HardwareProfile;
import org.tmshost.protocol.Protocol;
import org.tmshost.safety.DoseHistory;
import org.tmshost.safety.SafetyEnvelope;
import org.tmshost.safety.Verdict;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the arming checks look at, gathered once per run of the checks.
 *
 * @param approvedRuleIds   NEEDS_OVERRIDE rules a supervisor approved for this session
 * @param simulationExpected the session is recorded as a SIMULATION (a simulated profile, or any profile on {@code sim:})
 * @param linkFault         a link fault the driver reported since the device was opened
 * @param doseNow           the subject's dose ledger read now (not when the session was prepared)
 * @param room              where the record goes and the room left there
 */
record ArmingContext(Protocol protocol, MeasuredThresholds thresholds, Verdict verdict, Set<String> approvedRuleIds,
                     Stimulator device, HardwareProfile profile, boolean simulationExpected,
                     Optional<DeviceFault> linkFault,
                     StopButton stopButton, Confirmations confirmations, SafetyEnvelope envelope, DoseHistory doseNow,
                     Instant now, ZoneId zone, RecordRoom room) {
    /**
     * What a hunt's checks look at: no protocol, thresholds, verdict, envelope or dose (those checks
     * guard sessions only and never run for a hunt, see {@link ArmingCheck#guards()}).
     */
    static ArmingContext forHunt(Stimulator device, HardwareProfile profile, boolean simulationExpected,
                                 Optional<DeviceFault> linkFault, StopButton stopButton, Confirmations confirmations,
                                 Instant now, ZoneId zone) {
        return new ArmingContext(null, null, null, Set.of(), device, profile, simulationExpected, linkFault, stopButton,
                confirmations, null, null, now, zone, null);
    }
}
