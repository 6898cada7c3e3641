package org.tmshost.safety;

import java.util.List;

/**
 * {@code mt.rmt-unknown} (NEEDS_OVERRIDE): the RMT is not known but a rule needs the intensity in
 * % RMT (the 2009 table, Chen 1997, the intensity policies, also for AMT-relative and absolute
 * protocols). One finding naming every rule that could not be evaluated. Runs last.
 */
final class RmtUnknownRule implements EnvelopeRule {
    static final String ID = "mt.rmt-unknown";

    @Override
    public void check(EnvelopeContext ctx, List<Finding> out) {
        List<String> skipped = ctx.skippedWithoutRmt();
        if (skipped.isEmpty()) {
            return;
        }
        out.add(new Finding(ID, Severity.NEEDS_OVERRIDE, "the resting motor threshold is not known, so the intensity"
                + " cannot be put in % RMT and these rules could not be evaluated: " + String.join(", ", skipped)
                + "; measure the RMT or approve without these checks", ctx.data().ruleCitations().mtRmtUnknown()));
    }
}
