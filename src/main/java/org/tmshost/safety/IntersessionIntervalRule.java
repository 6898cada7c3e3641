package org.tmshost.safety;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@code policy.intersession-interval} (NEEDS_OVERRIDE): less time since the subject's last session
 * ended than the policy's minimum (50 min by default). A last session that ended after "now" (clock
 * trouble) counts as too recent.
 */
final class IntersessionIntervalRule implements EnvelopeRule {
    static final String ID = "policy.intersession-interval";
    private static final BigDecimal NANOS_PER_MINUTE = BigDecimal.valueOf(60_000_000_000L);

    @Override
    public void check(EnvelopeContext ctx, List<Finding> out) {
        Optional<Instant> last = ctx.history().lastSessionEnded();
        if (last.isEmpty()) {
            return;
        }
        Duration since = Duration.between(last.get(), ctx.history().now());
        BigDecimal sinceNanos = new BigDecimal(since.getSeconds()).multiply(BigDecimal.valueOf(1_000_000_000L))
                .add(BigDecimal.valueOf(since.getNano()));
        BigDecimal minimum = ctx.policy().minIntersessionMinutes();
        if (sinceNanos.compareTo(minimum.multiply(NANOS_PER_MINUTE)) < 0) {
            BigDecimal minutes = sinceNanos.divide(NANOS_PER_MINUTE, java.math.MathContext.DECIMAL64);
            out.add(new Finding(ID, Severity.NEEDS_OVERRIDE, Display.number(minutes)
                    + " min since the subject's last session ended (at " + last.get() + "), less than the site policy's "
                    + Display.number(minimum) + " min", ctx.policy().citation(ID)));
        }
    }
}
