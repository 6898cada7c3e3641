package org.tmshost.session;

import java.util.Set;

/**
 * One arming check: looks at the context, reports failures into the collector, has no side
 * effects on the device (queries only). Implementations are small classes in this package.
 */
interface ArmingCheck {
    CheckId id();

    /** The pulse paths this check must pass for; a check runs only for those. */
    Set<PulsePath> guards();

    void check(ArmingContext context, ArmingReport.Collector report);
}
