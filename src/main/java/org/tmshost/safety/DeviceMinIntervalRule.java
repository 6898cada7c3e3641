package org.tmshost.safety;

import org.tmshost.protocol.PulsePlan;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;

/**
 * {@code device.min-interval} (BLOCKED): a pulse closer to the previous pulse on the same channel
 * than {@code minInterPulseIntervalMs}, or closer to the latest pulse of any other channel than
 * {@code minInterChannelIntervalMs} (or {@code minInterPulseIntervalMs} when the profile gives no
 * inter-channel limit). Needs only the timing, so it runs even when the plan cannot be expanded.
 */
final class DeviceMinIntervalRule implements EnvelopeRule {
    static final String ID = "device.min-interval";
    private static final BigDecimal NANOS_PER_MS = BigDecimal.valueOf(1_000_000);

    @Override
    public void check(EnvelopeContext ctx, List<Finding> out) {
        PulsePlan plan = ctx.timeline();
        BigDecimal sameChannelMs = ctx.profile().limits().minInterPulseIntervalMs();
        BigDecimal otherChannelMs = ctx.profile().limits().minInterChannelIntervalMs().orElse(sameChannelMs);
        BigDecimal sameNanos = sameChannelMs.multiply(NANOS_PER_MS);
        BigDecimal otherNanos = otherChannelMs.multiply(NANOS_PER_MS);
        int channels = 1;
        for (int i = 0; i < plan.pulseCount(); i++) {
            channels = Math.max(channels, plan.channel(i) + 1);
        }
        long[] last = new long[channels];
        boolean[] seen = new boolean[channels];
        Arrays.fill(last, Long.MIN_VALUE);
        int count = 0;
        String first = null;
        for (int i = 0; i < plan.pulseCount(); i++) {
            int channel = plan.channel(i);
            long at = plan.offsetNanos(i);
            String violation = null;
            for (int c = 0; c < channels && violation == null; c++) {
                if (!seen[c]) {
                    continue;
                }
                long interval = at - last[c];
                boolean same = c == channel;
                if (BigDecimal.valueOf(interval).compareTo(same ? sameNanos : otherNanos) < 0) {
                    violation = Display.pulse(plan, i) + " comes " + Display.millisFromNanos(interval)
                            + " after the previous pulse on " + (same ? "the same channel" : "channel " + c)
                            + "; the device needs at least " + Display.number(same ? sameChannelMs : otherChannelMs)
                            + " ms" + (same ? " between pulses of one unit (minInterPulseIntervalMs)"
                            : " between pulses of different units ("
                            + (ctx.profile().limits().minInterChannelIntervalMs().isPresent()
                            ? "minInterChannelIntervalMs)" : "minInterPulseIntervalMs, no inter-channel limit given)"));
                }
            }
            if (violation != null) {
                count++;
                if (first == null) {
                    first = violation;
                }
            }
            last[channel] = at;
            seen[channel] = true;
        }
        if (count > 0) {
            out.add(new Finding(ID, Severity.BLOCKED, first + "; " + Display.count(count, "pulse") + " affected", ctx.profileCitation()));
        }
    }
}
