package org.tmshost.safety;

import org.tmshost.protocol.Rtms;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code rossi2009.train-duration} and {@code rossi2009.outside-table} (NEEDS_OVERRIDE): a
 * conventional rTMS train longer than the 2009 table allows at its frequency and % RMT, or a train
 * the table does not cover. All trains of an rTMS protocol are identical, so one finding per protocol.
 * The duration is {@code pulsesPerTrain / frequencyHz}, compared exactly ({@code pulses > limit x f}).
 */
final class TrainDurationRule implements EnvelopeRule {
    static final String ID = "rossi2009.train-duration";
    static final String OUTSIDE_ID = "rossi2009.outside-table";

    @Override
    public void check(EnvelopeContext ctx, List<Finding> out) {
        if (!(ctx.protocol() instanceof Rtms)) {
            return;
        }
        Rtms rtms = (Rtms) ctx.protocol();
        Optional<PercentRmt> intensity = ctx.percentRmt(ID, rtms.intensity());
        if (intensity.isEmpty()) {
            return;
        }
        TrainDurationTable table = ctx.data().trainDurations();
        BigDecimal frequency = rtms.frequencyHz();
        Optional<TrainDurationTable.Cell> cell = table.lookup(frequency, intensity.get());
        if (cell.isEmpty()) {
            out.add(new Finding(OUTSIDE_ID, Severity.NEEDS_OVERRIDE, outsideMessage(table, rtms, intensity.get()),
                    table.citation()));
            return;
        }
        BigDecimal limit = ctx.data().trainLimitSeconds(cell.get());
        if (BigDecimal.valueOf(rtms.pulsesPerTrain()).compareTo(limit.multiply(frequency)) > 0) {
            String margin = ctx.policy().chen1997Margin()
                    ? ", table " + Display.seconds(cell.get().limitSeconds()) + " x Chen 1997 margin "
                    + Display.number(ctx.data().chen1997().trainDurationMarginFactor()) : "";
            out.add(new Finding(ID, Severity.NEEDS_OVERRIDE, "train of " + Display.seconds(rtms.trainDurationSeconds())
                    + " (" + rtms.pulsesPerTrain() + " pulses) at " + Display.hz(frequency) + ", "
                    + intensity.get().describe() + " exceeds the " + Display.seconds(limit) + " limit ("
                    + cell.get().describe() + margin + "); " + trainsNote(rtms),
                    ctx.data().trainLimitCitation()));
        }
    }

    static String outsideMessage(TrainDurationTable table, Rtms rtms, PercentRmt intensity) {
        var reasons = new ArrayList<String>();
        if (table.aboveLastRow(rtms.frequencyHz())) {
            reasons.add(Display.hz(rtms.frequencyHz()) + " is above the table's highest frequency, "
                    + Display.hz(table.highestFrequencyHz()));
        }
        if (table.aboveLastColumn(intensity)) {
            reasons.add(intensity.describe() + " is above the table's highest intensity, "
                    + Display.number(table.highestPercentRmt()) + "% RMT");
        }
        return "rTMS train of " + Display.seconds(rtms.trainDurationSeconds()) + " at " + Display.hz(rtms.frequencyHz())
                + " is outside the Rossi 2009 table: " + String.join("; ", reasons)
                + "; no published train-duration limit applies";
    }

    static String trainsNote(Rtms rtms) {
        return rtms.trains() == 1 ? "1 train" : "all " + rtms.trains() + " trains";
    }
}
