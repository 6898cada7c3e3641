package org.tmshost.safety;

import org.tmshost.protocol.Rtms;
import org.tmshost.protocol.ThresholdMethod;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * {@code policy.visual-threshold} (NEEDS_OVERRIDE): the MT was determined visually and an rTMS
 * train is at or above {@code (1 - margin) x} its table limit (the limit as applied, with the
 * Chen margin when the policy asks for it), or outside the table altogether. Visual MT reads high,
 * so the true % RMT may be higher than computed. An UNSTATED method is treated as EMG.
 */
final class VisualThresholdRule implements EnvelopeRule {
    static final String ID = "policy.visual-threshold";
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    @Override
    public void check(EnvelopeContext ctx, List<Finding> out) {
        if (ctx.thresholds().method() != ThresholdMethod.VISUAL || !(ctx.protocol() instanceof Rtms)) {
            return;
        }
        Rtms rtms = (Rtms) ctx.protocol();
        Optional<PercentRmt> intensity = ctx.percentRmt(ID, rtms.intensity());
        if (intensity.isEmpty()) {
            return;
        }
        SitePolicy policy = ctx.policy();
        String citation = policy.citation(ID);
        Optional<TrainDurationTable.Cell> cell = ctx.data().trainDurations().lookup(rtms.frequencyHz(), intensity.get());
        if (cell.isEmpty()) {
            out.add(new Finding(ID, Severity.NEEDS_OVERRIDE, "MT was determined visually and the train ("
                    + Display.hz(rtms.frequencyHz()) + ", " + intensity.get().describe()
                    + ") is outside the Rossi 2009 table, so no margin can be kept; measure the MT with EMG",
                    citation));
            return;
        }
        BigDecimal limit = ctx.data().trainLimitSeconds(cell.get());
        BigDecimal margin = policy.visualThresholdMarginPercent();
        BigDecimal threshold = limit.multiply(HUNDRED.subtract(margin)).divide(HUNDRED);
        if (BigDecimal.valueOf(rtms.pulsesPerTrain()).compareTo(threshold.multiply(rtms.frequencyHz())) >= 0) {
            out.add(new Finding(ID, Severity.NEEDS_OVERRIDE, "MT was determined visually and the train of "
                    + Display.seconds(rtms.trainDurationSeconds()) + " at " + Display.hz(rtms.frequencyHz()) + ", "
                    + intensity.get().describe() + " is within " + Display.number(margin) + "% of its "
                    + Display.seconds(limit) + " limit (allowed below " + Display.seconds(threshold) + " with a visual MT; "
                    + cell.get().describe() + "); measure the MT with EMG", citation));
        }
    }
}
