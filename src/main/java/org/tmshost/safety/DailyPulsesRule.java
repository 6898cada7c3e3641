package org.tmshost.safety;

import java.util.List;

/** {@code policy.daily-pulses} (BLOCKED): the subject's pulses today plus this session above the policy's daily maximum. */
final class DailyPulsesRule implements EnvelopeRule {
    static final String ID = "policy.daily-pulses";

    @Override
    public void check(EnvelopeContext ctx, List<Finding> out) {
        long today = ctx.history().pulsesToday();
        long session = ctx.protocol().pulseCount();
        int max = ctx.policy().maxDailyPulses();
        if (today + session > max) {
            out.add(new Finding(ID, Severity.BLOCKED, today + " pulses already today + " + session
                    + " in this session = " + (today + session) + " pulses, above the site policy's " + max
                    + " pulses per day", ctx.policy().citation(ID)));
        }
    }
}
