package org.tmshost.safety;

import org.tmshost.profile.Capabilities;
import org.tmshost.protocol.Quadripulse;

import java.util.List;

/**
 * {@code device.capability} (BLOCKED): the device cannot deliver this kind of protocol. Paired
 * pulses need {@code pairedPulses} and two channels; quadripulse needs {@code quadripulse} and a
 * channel per pulse of a burst. How the other kinds are timed on the device is {@link DeliveryPathRule}'s.
 */
final class DeviceCapabilityRule implements EnvelopeRule {
    static final String ID = "device.capability";

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
                            + caps.pairedPulses() + " and reaches " + caps.channels() + " unit(s) (channels)";
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
            case THETA_BURST, RTMS, SEQUENCE:
                break; // how they are timed on this device is delivery.path's question
            default:
                throw new IllegalStateException("unknown protocol kind " + ctx.protocol().kind());
        }
        if (problem != null) {
            out.add(new Finding(ID, Severity.BLOCKED, problem, ctx.profileCitation()));
        }
    }
}
