package org.tmshost.safety;

import org.tmshost.protocol.Rtms;

import java.util.List;
import java.util.Optional;

/** {@code policy.rtms-intensity} (NEEDS_OVERRIDE): conventional rTMS above the policy's % RMT (130 by default). */
final class RtmsIntensityRule implements EnvelopeRule {
    static final String ID = "policy.rtms-intensity";

    @Override
    public void check(EnvelopeContext ctx, List<Finding> out) {
        if (!(ctx.protocol() instanceof Rtms)) {
            return;
        }
        Rtms rtms = (Rtms) ctx.protocol();
        Optional<PercentRmt> intensity = ctx.percentRmt(ID, rtms.intensity());
        if (intensity.isPresent() && intensity.get().compareTo(ctx.policy().rtmsMaxPercentRmt()) > 0) {
            out.add(new Finding(ID, Severity.NEEDS_OVERRIDE, "rTMS at " + intensity.get().describe()
                    + " is above the site policy's " + Display.number(ctx.policy().rtmsMaxPercentRmt()) + "% RMT",
                    ctx.policy().citation(ID)));
        }
    }
}
