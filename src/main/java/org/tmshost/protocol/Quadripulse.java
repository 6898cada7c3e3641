package org.tmshost.protocol;

import java.math.BigDecimal;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * Quadripulse stimulation (QPS, Hamada 2008): bursts of {@code pulsesPerBurst} monophasic pulses
 * {@code interPulseIntervalMs} apart, pulse j from unit j (channel j), a burst every
 * {@code burstPeriodSeconds}. The whole block is one train of {@code bursts x burstPeriod} seconds.
 */
public record Quadripulse(String name, String citation, int pulsesPerBurst, BigDecimal interPulseIntervalMs,
                          BigDecimal burstPeriodSeconds, int bursts, Intensity intensity) implements Protocol {

    @Override
    public ProtocolKind kind() {
        return ProtocolKind.QUADRIPULSE;
    }

    @Override
    public List<Intensity> intensities() {
        return List.of(intensity);
    }

    @Override
    public int pulseCount() {
        return pulsesPerBurst * bursts;
    }

    @Override
    public PulsePlan expand(ToIntFunction<Intensity> outputPercentMso) {
        int output = outputPercentMso.applyAsInt(intensity);
        BigDecimal ipiSeconds = interPulseIntervalMs.movePointLeft(3);
        PlanBuilder plan = new PlanBuilder(pulseCount());
        plan.startTrain(burstPeriodSeconds.multiply(BigDecimal.valueOf(bursts)));
        for (int burst = 0; burst < bursts; burst++) {
            BigDecimal start = burstPeriodSeconds.multiply(BigDecimal.valueOf(burst));
            for (int j = 0; j < pulsesPerBurst; j++) {
                plan.pulse(start.add(ipiSeconds.multiply(BigDecimal.valueOf(j))), output, j);
            }
        }
        return plan.build();
    }
}
