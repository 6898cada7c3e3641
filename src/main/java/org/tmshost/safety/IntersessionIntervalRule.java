package org.tmshost.safety;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import org.tmshost.yaml.Durations;
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
            Instant ended = last.get().truncatedTo(ChronoUnit.SECONDS);
            String elapsed = since.isNegative()
                    ? "the subject's last session is recorded as ending after now (at " + ended + "; a clock set wrong?)"
                    : Durations.human(since.toNanos()) + " since the subject's last session ended (at " + ended + ")";
            out.add(new Finding(ID, Severity.NEEDS_OVERRIDE, elapsed + ", less than the site policy's "
                    + Display.number(minimum) + " min", ctx.policy().citation(ID)));
        }
    }
}
