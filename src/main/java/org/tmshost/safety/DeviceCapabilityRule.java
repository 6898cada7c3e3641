package org.tmshost.safety;

import org.tmshost.profile.Capabilities;
import org.tmshost.protocol.PulsePlan;
import org.tmshost.protocol.Quadripulse;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;

/**
 * {@code device.capability} (BLOCKED): the device cannot deliver this kind of protocol. Paired
 * pulses need {@code pairedPulses} and two channels; quadripulse needs {@code quadripulse} and a
 * channel per pulse of a burst; theta burst needs native bursts or a TTL trigger input; rTMS needs
 * device-timed trains or a TTL trigger input, else its peak rate must not exceed the host-timed
 * single-pulse rate; a sequence needs a TTL trigger input or the same rate bound.
 */
final class DeviceCapabilityRule implements EnvelopeRule {
    static final String ID = "device.capability";
    private static final BigDecimal NANOS_PER_SECOND = BigDecimal.valueOf(1_000_000_000L);

    @Override
    public void check(EnvelopeContext ctx, List<Finding> out) {
        Capabilities caps = ctx.profile().capabilities();
        String device = "profile " + ctx.profile().name();
        String problem = null;
        switch (ctx.protocol().kind()) {
            case PAIRED_PULSE:
                if (!caps.pairedPulses() || caps.channels() < 2) {
                    problem = "paired pulses need two units firing conditioning and test pulses (a Magstim BiStim or a"
                            + " MagPro in Twin/Dual mode: pairedPulses and 2 channels); " + device + " has pairedPulses: "
                            + caps.pairedPulses() + ", channels: " + caps.channels();
                }
                break;
            case QUADRIPULSE:
                int needed = ((Quadripulse) ctx.protocol()).pulsesPerBurst();
                if (!caps.quadripulse() || caps.channels() < needed) {
                    problem = "quadripulse stimulation needs a QPS system (quadripulse, one interconnected monophasic"
                            + " unit per pulse of a burst: " + needed + " channels); " + device + " has quadripulse: "
                            + caps.quadripulse() + ", channels: " + caps.channels();
                }
                break;
            case THETA_BURST:
                if (!caps.nativeBursts() && !caps.ttlTriggerInput()) {
                    problem = "theta burst needs native bursts or a TTL trigger input; " + device
                            + " has neither (host-timed serial firing is limited to "
                            + Display.hz(caps.hostTimedSinglePulseRateHz()) + ")";
                }
                break;
            case RTMS:
                if (!caps.deviceTimedTrains() && !caps.ttlTriggerInput() && !hostTimedRateSuffices(ctx, caps)) {
                    problem = "rTMS with a peak rate of " + peakRate(ctx.timeline()) + " needs device-timed trains or a"
                            + " TTL trigger input; " + device + " has neither, and host-timed single pulses are limited to "
                            + Display.hz(caps.hostTimedSinglePulseRateHz());
                }
                break;
            case SEQUENCE:
                if (!caps.ttlTriggerInput() && !hostTimedRateSuffices(ctx, caps)) {
                    problem = "a pulse sequence with a peak rate of " + peakRate(ctx.timeline()) + " needs a TTL trigger"
                            + " input; " + device + " has none, and host-timed single pulses are limited to "
                            + Display.hz(caps.hostTimedSinglePulseRateHz());
                }
                break;
            default:
                throw new IllegalStateException("unknown protocol kind " + ctx.protocol().kind());
        }
        if (problem != null) {
            out.add(new Finding(ID, Severity.BLOCKED, problem, ctx.profileCitation()));
        }
    }

    /** Peak rate at most the host-timed rate, exactly: shortest_ns x rate >= 1e9. */
    private static boolean hostTimedRateSuffices(EnvelopeContext ctx, Capabilities caps) {
        PulsePlan timeline = ctx.timeline();
        if (timeline.pulseCount() < 2) {
            return true;
        }
        return BigDecimal.valueOf(timeline.shortestIntervalNanos()).multiply(caps.hostTimedSinglePulseRateHz())
                .compareTo(NANOS_PER_SECOND) >= 0;
    }

    private static String peakRate(PulsePlan timeline) {
        if (timeline.pulseCount() < 2) {
            return "0 Hz";
        }
        return Display.hz(NANOS_PER_SECOND.divide(BigDecimal.valueOf(timeline.shortestIntervalNanos()), MathContext.DECIMAL64));
    }
}
