package org.tmshost.safety;

import java.util.List;

/**
 * {@code policy.daily-pulses} (BLOCKED): the subject's session pulses today (and their threshold
 * hunts' single pulses, when the policy says so) plus this session above the policy's daily maximum.
 */
final class DailyPulsesRule implements EnvelopeRule {
    static final String ID = "policy.daily-pulses";

    @Override
    public void check(EnvelopeContext ctx, List<Finding> out) {
        boolean hunts = ctx.policy().dailyPulsesIncludeThresholdHunts();
        long today = ctx.history().pulsesToday() + (hunts ? ctx.history().huntPulsesToday() : 0);
        long session = ctx.protocol().pulseCount();
        int max = ctx.policy().maxDailyPulses();
        if (today + session > max) {
            out.add(new Finding(ID, Severity.BLOCKED, today + " pulses already today"
                    + (hunts && ctx.history().huntPulsesToday() > 0 ? " (" + ctx.history().huntPulsesToday()
                    + " of them in threshold hunts)" : "") + " + " + session
                    + " in this session = " + (today + session) + " pulses, above the site policy's " + max
                    + " pulses per day", ctx.policy().citation(ID)));
        }
    }
}
