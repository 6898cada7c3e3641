package org.tmshost.session;

import org.tmshost.safety.Finding;
import org.tmshost.safety.Severity;
import org.tmshost.safety.Verdict;

import java.util.EnumSet;
import java.util.Set;

/**
 * The dose rules hold against the ledger as it is now (another session may have ended since this one
 * was prepared). A session only: a hunt's pulses are counted in the ledger, not checked against it.
 */
final class DoseLedgerAllows implements ArmingCheck {
    @Override
    public Set<PulsePath> guards() {
        return EnumSet.of(PulsePath.SESSION);
    }

    @Override
    public CheckId id() {
        return CheckId.DOSE_LEDGER_ALLOWS;
    }

    @Override
    public void check(ArmingContext c, ArmingReport.Collector report) {
        Verdict now = c.envelope().check(c.protocol(), c.thresholds().thresholds(), c.profile(), c.doseNow());
        for (Finding finding : now.findings()) {
            if (!ArmingChecks.DOSE_RULES.contains(finding.ruleId())) {
                continue;
            }
            if (finding.severity() == Severity.BLOCKED) {
                report.fail(id(), finding.message() + " (pulses today: " + c.doseNow().pulsesToday()
                        + " in sessions, " + c.doseNow().huntPulsesToday() + " in threshold hunts)");
            } else if (finding.severity() == Severity.NEEDS_OVERRIDE
                    && !c.approvedRuleIds().contains(finding.ruleId())) {
                report.fail(id(), finding.message() + " (not approved)");
            }
        }
    }
}
