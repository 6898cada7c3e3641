package org.tmshost.safety;

import org.tmshost.protocol.Intensity;
import org.tmshost.protocol.ThresholdMethod;

import java.util.List;

/**
 * {@code mt.method-unstated} (WARN): a measured threshold is used (a relative intensity was
 * converted, or an intensity was put in % RMT) but how it was measured is not stated. It is treated
 * as EMG, so {@code policy.visual-threshold} does not apply.
 */
final class MethodUnstatedRule implements EnvelopeRule {
    static final String ID = "mt.method-unstated";

    @Override
    public void check(EnvelopeContext ctx, List<Finding> out) {
        if (ctx.thresholds().method() != ThresholdMethod.UNSTATED || ctx.plan().isEmpty()) {
            return;
        }
        boolean relative = ctx.protocol().intensities().stream().anyMatch(i -> i instanceof Intensity.Relative);
        if (relative || ctx.rmtUsed()) {
            out.add(new Finding(ID, Severity.WARN, "the motor threshold method is not stated; it is treated as EMG,"
                    + " so the visual-threshold margin (policy.visual-threshold) was not applied; record whether the MT"
                    + " was measured with EMG or visually", ctx.data().ruleCitations().mtMethodUnstated()));
        }
    }
}
