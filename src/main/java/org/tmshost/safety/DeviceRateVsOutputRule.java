package org.tmshost.safety;

import org.tmshost.profile.RateTable;
import org.tmshost.protocol.PulsePlan;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * {@code device.rate-vs-output} (BLOCKED), for profiles with a rate table: a pulse's instantaneous
 * rate (1 / interval to the previous pulse on the same channel) above the maximum rate at the
 * output, compared exactly as {@code interval_ns x maxRateHz < 1e9}; or a pulse above the table's
 * last output. The governing output is the higher of the pulse's and the previous same-channel
 * pulse's, and between table points the next higher output's (lower) rate applies.
 */
final class DeviceRateVsOutputRule implements EnvelopeRule {
    static final String ID = "device.rate-vs-output";
    private static final BigDecimal NANOS_PER_SECOND = BigDecimal.valueOf(1_000_000_000L);

    @Override
    public void check(EnvelopeContext ctx, List<Finding> out) {
        Optional<RateTable> table = ctx.profile().limits().rateVsOutput();
        if (table.isEmpty()) {
            return;
        }
        Optional<PulsePlan> found = ctx.plan(ID);
        if (found.isEmpty()) {
            return;
        }
        PulsePlan plan = found.get();
        int channels = 1;
        for (int i = 0; i < plan.pulseCount(); i++) {
            channels = Math.max(channels, plan.channel(i) + 1);
        }
        int[] previous = new int[channels];
        java.util.Arrays.fill(previous, -1);
        int count = 0;
        String first = null;
        for (int i = 0; i < plan.pulseCount(); i++) {
            int channel = plan.channel(i);
            int before = previous[channel];
            String violation = violation(table.get(), plan, i, before);
            if (violation != null) {
                count++;
                if (first == null) {
                    first = violation;
                }
            }
            previous[channel] = i;
        }
        if (count > 0) {
            out.add(new Finding(ID, Severity.BLOCKED, first + "; " + Display.count(count, "pulse") + " affected", ctx.profileCitation()));
        }
    }

    private static String violation(RateTable table, PulsePlan plan, int pulse, int before) {
        int output = plan.outputPercentMso(pulse);
        if (table.governing(output).isEmpty()) {
            return Display.pulse(plan, pulse) + " at " + output + "% MSO is above the rate table's last point ("
                    + table.points().get(table.points().size() - 1).outputPercentMso() + "% MSO): no rate is allowed";
        }
        if (before < 0) {
            return null;
        }
        int governingOutput = Math.max(output, plan.outputPercentMso(before));
        Optional<RateTable.Point> point = table.governing(governingOutput);
        if (point.isEmpty()) {
            return Display.pulse(plan, pulse) + " follows a pulse at " + governingOutput
                    + "% MSO, above the rate table's last point: no rate is allowed";
        }
        long interval = plan.offsetNanos(pulse) - plan.offsetNanos(before);
        BigDecimal maxRate = point.get().maxRateHz();
        if (BigDecimal.valueOf(interval).multiply(maxRate).compareTo(NANOS_PER_SECOND) < 0) {
            BigDecimal rate = NANOS_PER_SECOND.divide(BigDecimal.valueOf(interval), java.math.MathContext.DECIMAL64);
            return Display.pulse(plan, pulse) + " at " + output + "% MSO comes " + Display.millisFromNanos(interval)
                    + " after the previous pulse on its channel (" + Display.hz(rate) + "); the device allows at most "
                    + Display.hz(maxRate) + " at " + governingOutput + "% MSO (rate table point "
                    + point.get().outputPercentMso() + "% MSO)";
        }
        return null;
    }
}
