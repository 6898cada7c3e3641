package org.tmshost.safety;

import java.util.List;

/** {@code policy.session-pulses} (NEEDS_OVERRIDE): more pulses in the session than the policy allows (3000 by default). */
final class SessionPulsesRule implements EnvelopeRule {
    static final String ID = "policy.session-pulses";

    @Override
    public void check(EnvelopeContext ctx, List<Finding> out) {
        int pulses = ctx.protocol().pulseCount();
        int max = ctx.policy().maxSessionPulses();
        if (pulses > max) {
            out.add(new Finding(ID, Severity.NEEDS_OVERRIDE, "session of " + pulses
                    + " pulses is above the site policy's " + max + " pulses per session", ctx.policy().citation(ID)));
        }
    }
}
