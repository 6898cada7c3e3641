package org.tmshost.session;

import org.tmshost.device.DeviceFault;
import org.tmshost.device.DeviceIdentity;
import org.tmshost.device.DeviceStatus;
import org.tmshost.protocol.Intensity;
import org.tmshost.protocol.ThresholdKind;
import org.tmshost.protocol.ThresholdMethod;
import org.tmshost.safety.Finding;
import org.tmshost.safety.Severity;
import org.tmshost.safety.Verdict;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
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
            new DoseLedgerAllows());

    /** Policy rules fed by the dose ledger (safety/site-policy.yaml). */
    static final Set<String> DOSE_RULES = Set.of("policy.session-pulses", "policy.daily-pulses",
            "policy.intersession-interval");

    private ArmingChecks() {
    }

    /** Runs every check and returns the full report. */
    static ArmingReport run(ArmingContext context) {
        ArmingReport.Collector report = new ArmingReport.Collector();
        for (ArmingCheck check : MANDATORY) {
            try {
                check.check(context, report);
            } catch (RuntimeException e) {
                report.fail(check.id(), "the check itself failed: " + e);
            }
            report.ran(check.id());
        }
        return report.finish();
    }

    static final class ThresholdsMeasuredToday implements ArmingCheck {
        @Override
        public CheckId id() {
            return CheckId.THRESHOLDS_MEASURED_TODAY;
        }

        @Override
        public void check(ArmingContext c, ArmingReport.Collector report) {
            Set<ThresholdKind> needed = EnumSet.noneOf(ThresholdKind.class);
            for (Intensity intensity : c.protocol().intensities()) {
                if (intensity instanceof Intensity.Relative relative) {
                    needed.add(relative.threshold());
                }
            }
            for (ThresholdKind kind : needed) {
                if (c.thresholds().thresholds().threshold(kind).isEmpty()) {
                    report.fail(id(), "the protocol is dosed relative to " + kind + " but no " + kind
                            + " was measured in this session");
                }
            }
            if (!needed.isEmpty() && c.thresholds().thresholds().method() == ThresholdMethod.UNSTATED) {
                report.fail(id(), "how the threshold was measured is not recorded: give EMG or visual");
            }
            LocalDate today = c.now().atZone(c.zone()).toLocalDate();
            LocalDate measured = c.thresholds().measuredAt().atZone(c.zone()).toLocalDate();
            if (!needed.isEmpty() && (!measured.equals(today) || c.thresholds().measuredAt().isAfter(c.now()))) {
                report.fail(id(), "the threshold was measured on " + measured + ", not today (" + today
                        + "); thresholds drift between days: measure again");
            }
        }
    }

    static final class EnvelopeApproved implements ArmingCheck {
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

    static final class DeviceIdentified implements ArmingCheck {
        @Override
        public CheckId id() {
            return CheckId.DEVICE_IDENTIFIED;
        }

        @Override
        public void check(ArmingContext c, ArmingReport.Collector report) {
            if (c.linkFault().isPresent()) {
                report.fail(id(), "the link to the device failed: " + c.linkFault().get().getMessage());
                return;
            }
            DeviceIdentity identity;
            try {
                identity = c.device().identify();
            } catch (DeviceFault fault) {
                report.fail(id(), "the device did not identify itself (" + fault.code() + "): " + fault.getMessage());
                return;
            }
            if (identity.simulated() != c.simulationExpected()) {
                report.fail(id(), "the device is " + (identity.simulated() ? "a SIMULATION" : "a real stimulator")
                        + " but the session is recorded as " + (c.simulationExpected()
                        ? "a SIMULATION" : "delivered by a real stimulator (profile " + c.profile().name() + ")"));
            }
            if (!modelsMatch(identity.model(), c.profile().model())) {
                report.fail(id(), "the device says it is '" + identity.model() + "' but profile "
                        + c.profile().name() + " is for '" + c.profile().model() + "'");
            }
        }

        /**
         * Lenient on purpose: drivers report the model in their own words (a serial number appended,
         * a SIMULATION tag); after dropping parentheses and ", serial ..." one must contain the other.
         */
        static boolean modelsMatch(String reported, String expected) {
            String a = normalize(reported);
            String b = normalize(expected);
            return !a.isEmpty() && !b.isEmpty() && (a.contains(b) || b.contains(a));
        }

        private static String normalize(String model) {
            String text = model.replaceAll("\\([^)]*\\)", " ").replaceAll(",\\s*serial.*$", " ");
            return text.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").trim();
        }
    }

    static final class CoilReady implements ArmingCheck {
        @Override
        public CheckId id() {
            return CheckId.COIL_READY;
        }

        @Override
        public void check(ArmingContext c, ArmingReport.Collector report) {
            DeviceStatus status = c.device().status();
            if (status.faulted()) {
                report.fail(id(), "the device reports fault " + status.faultCode());
            }
            if (!c.device().readsCoilTemperature()) {
                if (!status.ready()) {
                    report.fail(id(), "the stimulator's coil-ready line is low: is it on, with its coil connected?");
                }
                return; // the stimulator behind a trigger line guards its coil's temperature itself
            }
            double celsius = status.coilTemperatureCelsius();
            double warn = c.profile().limits().coilTemperature().warnCelsius().doubleValue();
            if (Double.isNaN(celsius)) {
                report.fail(id(), "no coil temperature reading: is the coil connected?");
            } else if (celsius >= warn) {
                report.fail(id(), String.format(Locale.ROOT, "coil at %.1f C, at or above its warning temperature "
                        + "%.1f C (stop %.1f C)", celsius, warn,
                        c.profile().limits().coilTemperature().stopCelsius().doubleValue()));
            }
        }
    }

    static final class StopButtonReleased implements ArmingCheck {
        @Override
        public CheckId id() {
            return CheckId.STOP_BUTTON_RELEASED;
        }

        @Override
        public void check(ArmingContext c, ArmingReport.Collector report) {
            if (c.stopButton().pressed()) {
                report.fail(id(), "the stop button is pressed");
            }
        }
    }

    static final class HearingProtectionConfirmed implements ArmingCheck {
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

    static final class ScreeningConfirmed implements ArmingCheck {
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

    /**
     * Re-checks the dose rules against the ledger as it is now (another session may have ended since
     * this one was prepared): a BLOCKED dose finding, or a NEEDS_OVERRIDE one not approved, fails.
     */
    static final class DoseLedgerAllows implements ArmingCheck {
        @Override
        public CheckId id() {
            return CheckId.DOSE_LEDGER_ALLOWS;
        }

        @Override
        public void check(ArmingContext c, ArmingReport.Collector report) {
            Verdict now = c.envelope().check(c.protocol(), c.thresholds().thresholds(), c.profile(), c.doseNow());
            for (Finding finding : now.findings()) {
                if (!DOSE_RULES.contains(finding.ruleId())) {
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
}
