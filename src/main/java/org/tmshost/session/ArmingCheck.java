package org.tmshost.session;

/**
 * One arming check: looks at the context, reports failures into the collector, has no side
 * effects on the device (queries only). Implementations are small classes in this package.
 */
interface ArmingCheck {
    CheckId id();

    void check(ArmingContext context, ArmingReport.Collector report);
}
