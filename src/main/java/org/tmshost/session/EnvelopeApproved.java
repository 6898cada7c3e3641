package org.tmshost.session;

import org.tmshost.safety.Finding;
import org.tmshost.safety.Severity;
import org.tmshost.safety.Verdict;

import java.util.EnumSet;
import java.util.Set;

/**
 * The protocol is not BLOCKED and every NEEDS_OVERRIDE finding is approved. A session only: a hunt has
 * no protocol, and its single pulses 4 s or more apart are inside every envelope.
 */
final class EnvelopeApproved implements ArmingCheck {
    @Override
    public Set<PulsePath> guards() {
        return EnumSet.of(PulsePath.SESSION);
    }

    @Override
    public CheckId id() {
        return CheckId.ENVELOPE_APPROVED;
    }

    @Override
    public void check(ArmingContext c, ArmingReport.Collector report) {
        Verdict verdict = c.verdict();
        for (Finding finding : verdict.findings()) {
            if (finding.severity() == Severity.BLOCKED) {
                report.fail(id(), "BLOCKED by " + finding.ruleId() + ": " + finding.message()
                        + " (cannot be overridden)");
            } else if (finding.severity() == Severity.NEEDS_OVERRIDE
                    && !c.approvedRuleIds().contains(finding.ruleId())) {
                report.fail(id(), "NEEDS_OVERRIDE " + finding.ruleId() + " not approved by a supervisor: "
                        + finding.message());
            }
        }
        if (verdict.plan().isEmpty() && !verdict.blocked()) {
            report.fail(id(), "the protocol could not be expanded into a pulse plan");
        }
    }
}
