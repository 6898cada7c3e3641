package org.tmshost.profile;

import java.math.BigDecimal;

/**
 * What a stimulator can deliver, and how the host may time it.
 *
 * @param deviceTimedTrains          the device runs a programmed rTMS train itself
 * @param nativeBursts               the device generates TBS bursts itself
 * @param pairedPulses               two units (BiStim, MagPro twin/dual) deliver conditioning + test pulses
 * @param quadripulse                four interconnected monophasic units (QPS)
 * @param ttlTriggerInput            each pulse can be triggered by a TTL edge from the host
 * @param keepAliveLease             the device disarms when the host stops talking to it
 * @param channels                   independently triggered output units
 * @param hostTimedSinglePulseRateHz fastest rate of single pulses fired by serial command
 */
public record Capabilities(boolean deviceTimedTrains, boolean nativeBursts, boolean pairedPulses,
                           boolean quadripulse, boolean ttlTriggerInput, boolean keepAliveLease, int channels,
                           BigDecimal hostTimedSinglePulseRateHz) {
    /** The same device with {@code units} channels: the units a particular link reaches. */
    public Capabilities withChannels(int units) {
        return new Capabilities(deviceTimedTrains, nativeBursts, pairedPulses, quadripulse, ttlTriggerInput,
                keepAliveLease, units, hostTimedSinglePulseRateHz);
    }
}
