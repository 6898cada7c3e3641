package org.tmshost.session;

import java.util.EnumSet;
import java.util.Set;

/** The operator confirmed hearing protection for subject and operator. */
final class HearingProtectionConfirmed implements ArmingCheck {
    @Override
    public Set<PulsePath> guards() {
        return EnumSet.allOf(PulsePath.class);
    }

    @Override
    public CheckId id() {
        return CheckId.HEARING_PROTECTION_CONFIRMED;
    }

    @Override
    public void check(ArmingContext c, ArmingReport.Collector report) {
        if (!c.confirmations().hearingProtection()) {
            report.fail(id(), "hearing protection not confirmed by the operator");
        }
    }
}
