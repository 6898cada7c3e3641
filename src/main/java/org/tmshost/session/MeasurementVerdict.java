package org.tmshost.session;

import org.tmshost.excitability.MeasurementPlan;
import org.tmshost.profile.HardwareProfile;
import org.tmshost.protocol.MotorThresholds;
import org.tmshost.protocol.ThresholdMethod;
import org.tmshost.safety.DoseHistory;
import org.tmshost.safety.SafetyEnvelope;
import org.tmshost.safety.Verdict;

import java.util.Optional;

/**
 * The safety envelope's word on a measurement, as {@code check} gives it on a protocol: the envelope
 * judges the plan's {@link MeasurementPlan#boundingProtocol()} (no trial milder than it) with the
 * subject's RMT, on the profile as the link reaches it. A verdict other than PASS is refused (exit 3):
 * a measurement has no override.
 */
public final class MeasurementVerdict {
    private MeasurementVerdict() {
    }

    /**
     * @param reachableChannels the units the device's link reaches ({@code Stimulator.reachableChannels()})
     * @param history           the subject's dose so far, or {@link DoseHistory#none}
     */
    public static Verdict of(MeasurementPlan plan, HardwareProfile profile, int reachableChannels,
                             SafetyEnvelope envelope, DoseHistory history) {
        MotorThresholds rmt = new MotorThresholds(Optional.of(plan.rmtPercentMso()), Optional.empty(),
                ThresholdMethod.UNSTATED);
        return envelope.check(plan.boundingProtocol(), rmt, profile.reaching(reachableChannels), history);
    }
}
