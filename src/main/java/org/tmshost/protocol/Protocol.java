package org.tmshost.protocol;

import java.util.List;
import java.util.function.ToIntFunction;

/**
 * What to deliver, as a protocol file states it. Expansion into a {@link PulsePlan} is pure and
 * deterministic; the caller supplies how intensities become outputs (normally
 * {@link MotorThresholds#toPercentMso}).
 */
public sealed interface Protocol permits Rtms, ThetaBurst, PairedPulse, Quadripulse, PulseSequence {
    String name();

    ProtocolKind kind();

    /** Where the protocol comes from, with its confidence tag; empty when the file gives none. */
    String citation();

    /** Every distinct intensity the protocol uses, in file order. */
    List<Intensity> intensities();

    int pulseCount();

    PulsePlan expand(ToIntFunction<Intensity> outputPercentMso);

    /** The timeline alone (outputs 0), for listings and reports made before thresholds are known. */
    default PulsePlan timeline() {
        return expand(intensity -> 0);
    }
}
