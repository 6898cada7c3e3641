package org.tmshost.session;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The arming checks (envelope-rules.md "At arming"). All are mandatory and all run, in this order,
 * with no short-circuit: the operator sees every failure at once. A check that throws is reported as
 * a failure of that check. Nothing here can be switched off by configuration.
 */
public final class ArmingChecks {
    /** Every check; {@code ArmingChecksTest} fails if one of {@link CheckId} is missing. */
    static final List<ArmingCheck> MANDATORY = List.of(
            new ThresholdsMeasuredToday(),
            new EnvelopeApproved(),
            new DeviceIdentified(),
            new CoilReady(),
            new StopButtonReleased(),
            new HearingProtectionConfirmed(),
            new ScreeningConfirmed(),
            new DoseLedgerAllows(),
            new FreeSpaceSuffices());

    /** Policy rules fed by the dose ledger (safety/site-policy.yaml). */
    static final Set<String> DOSE_RULES = Set.of("policy.session-pulses", "policy.daily-pulses",
            "policy.intersession-interval");

    private ArmingChecks() {
    }

    /** Runs every check a session must pass and returns the full report. */
    static ArmingReport run(ArmingContext context) {
        return run(context, PulsePath.SESSION);
    }

    /** Runs every check guarding {@code path} and returns the full report. */
    static ArmingReport run(ArmingContext context, PulsePath path) {
        ArmingReport.Collector report = new ArmingReport.Collector(path);
        for (ArmingCheck check : MANDATORY) {
            if (!check.guards().contains(path)) {
                continue;
            }
            try {
                check.check(context, report);
            } catch (RuntimeException e) {
                report.fail(check.id(), "the check itself failed: " + e);
            }
            report.ran(check.id());
        }
        return report.finish();
    }

    /** The checks that must run and pass before {@code path} may arm. */
    static Set<CheckId> required(PulsePath path) {
        Set<CheckId> ids = EnumSet.noneOf(CheckId.class);
        for (ArmingCheck check : MANDATORY) {
            if (check.guards().contains(path)) {
                ids.add(check.id());
            }
        }
        return ids;
    }
}
