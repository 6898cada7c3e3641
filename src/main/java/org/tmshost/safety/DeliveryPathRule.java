package org.tmshost.safety;

import org.tmshost.delivery.DeliveryChoice;
import org.tmshost.delivery.DeliveryPlanner;

import java.util.List;

/**
 * {@code delivery.path} (BLOCKED): the plan has no way to reach this device as planned
 * ({@link DeliveryPlanner}): a rate beyond the serial link's host-timed single pulses that the device
 * cannot time itself exactly. The envelope judges the plan as the session will deliver it, so it
 * never approves a path the session would not use.
 */
final class DeliveryPathRule implements EnvelopeRule {
    static final String ID = "delivery.path";

    @Override
    public void check(EnvelopeContext ctx, List<Finding> out) {
        if (DeliveryPlanner.choose(ctx.timeline(), ctx.protocol().kind(), ctx.profile())
                instanceof DeliveryChoice.Refused refused) {
            out.add(new Finding(ID, Severity.BLOCKED, refused.reason(), ctx.profileCitation()));
        }
    }
}
