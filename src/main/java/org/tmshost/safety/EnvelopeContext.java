package org.tmshost.safety;

import org.tmshost.profile.HardwareProfile;
import org.tmshost.protocol.Intensity;
import org.tmshost.protocol.MotorThresholds;
import org.tmshost.protocol.Protocol;
import org.tmshost.protocol.PulsePlan;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What one check is about, shared by the rules: the protocol, thresholds, profile, dose history,
 * envelope data, the expanded plan (empty when a threshold is missing) and the timeline (always
 * present: the plan's timing with outputs 0 when the plan cannot be expanded). Also collects which
 * rules could not be evaluated and why, for the summary rules.
 */
final class EnvelopeContext {
    private final Protocol protocol;
    private final MotorThresholds thresholds;
    private final HardwareProfile profile;
    private final DoseHistory history;
    private final EnvelopeData data;
    private final Optional<PulsePlan> plan;
    private final PulsePlan timeline;
    private final Set<String> skippedWithoutPlan = new LinkedHashSet<>();
    private final Set<String> skippedWithoutRmt = new LinkedHashSet<>();
    private boolean rmtUsed;

    EnvelopeContext(Protocol protocol, MotorThresholds thresholds, HardwareProfile profile, DoseHistory history,
                    EnvelopeData data) {
        this.protocol = protocol;
        this.thresholds = thresholds;
        this.profile = profile;
        this.history = history;
        this.data = data;
        boolean resolvable = protocol.intensities().stream().allMatch(thresholds::canResolve);
        this.plan = resolvable ? Optional.of(protocol.expand(thresholds::toPercentMso)) : Optional.empty();
        this.timeline = plan.orElseGet(protocol::timeline);
    }

    Protocol protocol() {
        return protocol;
    }

    MotorThresholds thresholds() {
        return thresholds;
    }

    HardwareProfile profile() {
        return profile;
    }

    DoseHistory history() {
        return history;
    }

    EnvelopeData data() {
        return data;
    }

    SitePolicy policy() {
        return data.policy();
    }

    /** The expanded plan, if any. */
    Optional<PulsePlan> plan() {
        return plan;
    }

    /** The plan for a rule that needs outputs; records the rule as not evaluated when there is none. */
    Optional<PulsePlan> plan(String ruleId) {
        if (plan.isEmpty()) {
            skippedWithoutPlan.add(ruleId);
        }
        return plan;
    }

    /** Pulse times and channels (outputs are 0 when the plan could not be expanded). */
    PulsePlan timeline() {
        return timeline;
    }

    /**
     * The intensity in % RMT for a rule that needs it: empty, with the rule recorded as not
     * evaluated, when there is no plan or no RMT.
     */
    Optional<PercentRmt> percentRmt(String ruleId, Intensity intensity) {
        if (plan(ruleId).isEmpty()) {
            return Optional.empty();
        }
        if (thresholds.rmtPercentMso().isEmpty()) {
            skippedWithoutRmt.add(ruleId);
            return Optional.empty();
        }
        rmtUsed = true;
        return Optional.of(new PercentRmt(thresholds.toPercentMso(intensity), thresholds.rmtPercentMso().get()));
    }

    List<String> skippedWithoutPlan() {
        return new ArrayList<>(skippedWithoutPlan);
    }

    List<String> skippedWithoutRmt() {
        return new ArrayList<>(skippedWithoutRmt);
    }

    /** True once a rule has converted an intensity to % RMT with the measured RMT. */
    boolean rmtUsed() {
        return rmtUsed;
    }

    /** The citation of findings that come from the hardware profile: its name and sources. */
    String profileCitation() {
        return "hardware profile " + profile.name()
                + (profile.sources().isEmpty() ? "" : " (" + String.join("; ", profile.sources()) + ")");
    }
}
