package org.tmshost.protocol;

import java.math.BigDecimal;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * Explicit pulses for anything the other kinds do not cover. One train, from the first pulse to the
 * last; times must strictly increase.
 */
public record PulseSequence(String name, String citation, List<SequencePulse> pulses) implements Protocol {

    public record SequencePulse(BigDecimal atSeconds, Intensity intensity) {
    }

    public PulseSequence {
        pulses = List.copyOf(pulses);
    }

    @Override
    public ProtocolKind kind() {
        return ProtocolKind.SEQUENCE;
    }

    @Override
    public List<Intensity> intensities() {
        var distinct = new LinkedHashSet<Intensity>();
        pulses.forEach(pulse -> distinct.add(pulse.intensity()));
        return List.copyOf(distinct);
    }

    @Override
    public int pulseCount() {
        return pulses.size();
    }

    @Override
    public PulsePlan expand(ToIntFunction<Intensity> outputPercentMso) {
        PlanBuilder plan = new PlanBuilder(pulses.size());
        BigDecimal first = pulses.get(0).atSeconds();
        plan.startTrain(pulses.get(pulses.size() - 1).atSeconds().subtract(first));
        for (SequencePulse pulse : pulses) {
            plan.pulse(pulse.atSeconds().subtract(first), outputPercentMso.applyAsInt(pulse.intensity()), 0);
        }
        return plan.build();
    }
}
