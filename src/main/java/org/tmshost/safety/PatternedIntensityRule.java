package org.tmshost.safety;

import org.tmshost.protocol.Intensity;

import java.util.List;
import java.util.Optional;

/** {@code policy.patterned-intensity} (NEEDS_OVERRIDE): theta burst or quadripulse above the policy's % RMT (100 by default). */
final class PatternedIntensityRule implements EnvelopeRule {
    static final String ID = "policy.patterned-intensity";

    @Override
    public void check(EnvelopeContext ctx, List<Finding> out) {
        if (!ctx.protocol().kind().patterned()) {
            return;
        }
        for (Intensity stated : ctx.protocol().intensities()) {
            Optional<PercentRmt> intensity = ctx.percentRmt(ID, stated);
            if (intensity.isPresent() && intensity.get().compareTo(ctx.policy().patternedMaxPercentRmt()) > 0) {
                out.add(new Finding(ID, Severity.NEEDS_OVERRIDE, ctx.protocol().kind().fileName() + " at " + stated
                        + " = " + intensity.get().describe() + " is above the site policy's "
                        + Display.number(ctx.policy().patternedMaxPercentRmt()) + "% RMT for patterned protocols",
                        ctx.policy().citation(ID)));
                return;
            }
        }
    }
}
