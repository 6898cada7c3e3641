package org.tmshost.session;

import org.tmshost.protocol.Intensity;
import org.tmshost.protocol.ThresholdKind;
import org.tmshost.protocol.ThresholdMethod;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Set;

/**
 * The motor thresholds the protocol is dosed by were measured today (or, for a treatment course that
 * re-measures them weekly, within its week: {@link MeasuredThresholds#validForDays()}), and how. A
 * session only: a hunt measures them.
 */
final class ThresholdsMeasuredToday implements ArmingCheck {
    @Override
    public Set<PulsePath> guards() {
        return EnumSet.of(PulsePath.SESSION);
    }

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
        int validDays = c.thresholds().validForDays();
        if (!needed.isEmpty() && validDays == 1 && !measured.equals(today)) {
            report.fail(id(), "the threshold was measured on " + measured + ", not today (" + today
                    + "); thresholds drift between days: measure again");
        } else if (!needed.isEmpty() && measured.isBefore(today.minusDays(validDays - 1L))) {
            report.fail(id(), "the threshold was measured on " + measured + ", more than " + validDays
                    + " days ago counting today (" + today + "); the course re-measures it every " + validDays
                    + " days: measure again");
        } else if (!needed.isEmpty() && c.thresholds().measuredAt().isAfter(c.now())) {
            report.fail(id(), "the threshold is recorded as measured at " + c.thresholds().measuredAt()
                    .truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + ", after now (" + c.now()
                    .truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + "): a clock set wrong? measure again");
        }
    }
}
