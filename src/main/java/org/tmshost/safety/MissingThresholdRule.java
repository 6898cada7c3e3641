package org.tmshost.safety;

import org.tmshost.protocol.Intensity;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code mt.missing} (BLOCKED): a relative intensity whose threshold was not measured, so the
 * protocol cannot be expanded to outputs (no plan). Runs after the other rules and names those
 * that could not be evaluated for want of outputs.
 */
final class MissingThresholdRule implements EnvelopeRule {
    static final String ID = "mt.missing";

    @Override
    public void check(EnvelopeContext ctx, List<Finding> out) {
        var missing = new ArrayList<String>();
        for (Intensity intensity : ctx.protocol().intensities()) {
            if (!ctx.thresholds().canResolve(intensity)) {
                missing.add(intensity + " needs the " + ((Intensity.Relative) intensity).threshold());
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        List<String> skipped = ctx.skippedWithoutPlan();
        out.add(new Finding(ID, Severity.BLOCKED, String.join("; ", missing)
                + ", which was not measured: the protocol cannot be converted to outputs (%MSO)"
                + (skipped.isEmpty() ? "" : "; not evaluated: " + String.join(", ", skipped))
                + "; measure the threshold first", ctx.data().ruleCitations().mtMissing()));
    }
}
