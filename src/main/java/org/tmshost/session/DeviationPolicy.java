package org.tmshost.session;

import org.tmshost.protocol.ProtocolKind;
import org.tmshost.safety.SafetyEnvelope;
import org.tmshost.timing.DeviationBudget;

/**
 * How many late pulses a session of each kind goes on through (docs/timing.md, "Deviations"). A late
 * pulse is the host's hiccup, not a hazard: it fires late, never early, and the record shows it. The
 * budget stops a session whose host cannot keep the pattern, and a pattern whose meaning is its
 * timing is never delivered wrong.
 */
public final class DeviationPolicy {
    /**
     * Isolated late pulses any session may have: even with SCHED_FIFO, `bench sessions` sees a few
     * stalls of several ms per thousand pulses on a shared 2-core VM (safepoints, the hypervisor),
     * three of them in one 120-pulse iTBS session once in 20 (docs/timing.md).
     */
    static final int ISOLATED_STALLS = 5;

    private DeviationPolicy() {
    }

    /**
     * The budget a session of {@code kind} runs with: the site policy's limits where it sets them,
     * tmshost's defaults otherwise. A pair's late test pulse is never fired, whatever the limits.
     */
    public static DeviationBudget of(ProtocolKind kind, SafetyEnvelope envelope) {
        return envelope.deviationLimits(kind).map(site -> new DeviationBudget(site.perThousand(), site.isolated(),
                site.consecutive(), kind == ProtocolKind.PAIRED_PULSE)).orElseGet(() -> defaultFor(kind));
    }

    public static DeviationBudget defaultFor(ProtocolKind kind) {
        return switch (kind) {
            // a rate over seconds: a pulse some ms late changes nothing; 5% late or 10 in a row means the host is not keeping up
            case RTMS, SEQUENCE -> new DeviationBudget(50, ISOLATED_STALLS, 10, false);
            // a 50 Hz rhythm inside each burst: 2%, and 3 late in a row (a burst's worth) stops it
            case THETA_BURST, QUADRIPULSE -> new DeviationBudget(20, ISOLATED_STALLS, 3, false);
            // the interval is the measurement: a late test pulse is not fired (the pair is void), up to 10% of pulses
            case PAIRED_PULSE -> new DeviationBudget(100, ISOLATED_STALLS, 3, true);
        };
    }
}
