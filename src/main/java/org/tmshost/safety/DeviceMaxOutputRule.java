package org.tmshost.safety;

import org.tmshost.protocol.PulsePlan;

import java.util.List;
import java.util.Optional;

/** {@code device.max-output} (BLOCKED): a pulse above the profile's maximum %MSO. */
final class DeviceMaxOutputRule implements EnvelopeRule {
    static final String ID = "device.max-output";

    @Override
    public void check(EnvelopeContext ctx, List<Finding> out) {
        Optional<PulsePlan> found = ctx.plan(ID);
        if (found.isEmpty()) {
            return;
        }
        PulsePlan plan = found.get();
        int max = ctx.profile().limits().maxOutputPercentMso();
        int first = -1;
        int count = 0;
        for (int i = 0; i < plan.pulseCount(); i++) {
            if (plan.outputPercentMso(i) > max) {
                count++;
                if (first < 0) {
                    first = i;
                }
            }
        }
        if (count > 0) {
            out.add(new Finding(ID, Severity.BLOCKED, Display.pulse(plan, first) + " at " + plan.outputPercentMso(first)
                    + "% MSO is above the device maximum of " + max + "% MSO; " + Display.count(count, "pulse") + " affected",
                    ctx.profileCitation()));
        }
    }
}
