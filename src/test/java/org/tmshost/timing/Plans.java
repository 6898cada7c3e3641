package org.tmshost.timing;

import org.tmshost.protocol.Intensity;
import org.tmshost.protocol.PairedPulse;
import org.tmshost.protocol.ProtocolLibrary;
import org.tmshost.protocol.PulsePlan;
import org.tmshost.protocol.Rtms;

import java.math.BigDecimal;

/** Plans used by the timing tests. */
final class Plans {
    private static final Intensity MSO_40 = new Intensity.Absolute(BigDecimal.valueOf(40));

    private Plans() {
    }

    static PulsePlan rtms(String frequencyHz, int pulsesPerTrain, int trains, String interTrainSeconds) {
        return new Rtms("test", "test", new BigDecimal(frequencyHz), pulsesPerTrain, trains,
                new BigDecimal(interTrainSeconds), MSO_40).expand(intensity -> 40);
    }

    static PulsePlan pairedPulse(String isiMs, int pairs, String interPairSeconds) {
        return new PairedPulse("test", "test", new BigDecimal(isiMs), MSO_40, MSO_40, pairs,
                new BigDecimal(interPairSeconds)).expand(intensity -> 40);
    }

    static PulsePlan builtIn(String name) {
        return ProtocolLibrary.builtIn(name).orElseThrow().protocol().expand(intensity -> 40);
    }
}
