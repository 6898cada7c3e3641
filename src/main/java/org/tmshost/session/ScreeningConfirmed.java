package org.tmshost.session;

import java.util.EnumSet;
import java.util.Set;

/** The operator confirmed the subject's TMS safety screening. */
final class ScreeningConfirmed implements ArmingCheck {
    @Override
    public Set<PulsePath> guards() {
        return EnumSet.allOf(PulsePath.class);
    }

    @Override
    public CheckId id() {
        return CheckId.SCREENING_CONFIRMED;
    }

    @Override
    public void check(ArmingContext c, ArmingReport.Collector report) {
        if (!c.confirmations().screening()) {
            report.fail(id(), "safety screening not confirmed by the operator");
        }
    }
}
