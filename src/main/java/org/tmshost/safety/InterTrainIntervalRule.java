package org.tmshost.safety;

import org.tmshost.protocol.Rtms;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * {@code chen1997.inter-train-interval}: rTMS with more than one train, above 1 Hz and above
 * 100% RMT (limits from the data file): an interval at or below 1 s is BLOCKED, below 5 s
 * NEEDS_OVERRIDE. The interval is the protocol's off-time between trains.
 */
final class InterTrainIntervalRule implements EnvelopeRule {
    static final String ID = "chen1997.inter-train-interval";

    @Override
    public void check(EnvelopeContext ctx, List<Finding> out) {
        if (!(ctx.protocol() instanceof Rtms)) {
            return;
        }
        Rtms rtms = (Rtms) ctx.protocol();
        Chen1997Limits limits = ctx.data().chen1997();
        if (rtms.trains() <= 1 || rtms.frequencyHz().compareTo(limits.appliesAboveFrequencyHz()) <= 0) {
            return;
        }
        Optional<PercentRmt> intensity = ctx.percentRmt(ID, rtms.intensity());
        if (intensity.isEmpty() || intensity.get().compareTo(limits.appliesAbovePercentRmt()) <= 0) {
            return;
        }
        BigDecimal interval = rtms.interTrainIntervalSeconds();
        String asked = "inter-train interval of " + Display.seconds(interval) + " between " + rtms.trains() + " trains at "
                + Display.hz(rtms.frequencyHz()) + ", " + intensity.get().describe();
        String above = "above " + Display.number(limits.appliesAbovePercentRmt()) + "% RMT";
        if (interval.compareTo(limits.blockedAtOrBelowSeconds()) <= 0) {
            out.add(new Finding(ID, Severity.BLOCKED, asked + " is at or below " + Display.seconds(limits.blockedAtOrBelowSeconds())
                    + ", found unsafe " + above + "; at least " + Display.seconds(limits.overrideBelowSeconds())
                    + " is needed", limits.citation()));
        } else if (interval.compareTo(limits.overrideBelowSeconds()) < 0) {
            out.add(new Finding(ID, Severity.NEEDS_OVERRIDE, asked + " is shorter than "
                    + Display.seconds(limits.overrideBelowSeconds()) + ", the interval shown safe " + above,
                    limits.citation()));
        }
    }
}
