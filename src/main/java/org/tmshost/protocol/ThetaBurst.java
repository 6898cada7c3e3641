package org.tmshost.protocol;

import java.math.BigDecimal;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * Theta-burst stimulation: bursts of {@code pulsesPerBurst} at {@code intraBurstFrequencyHz},
 * repeated at {@code burstFrequencyHz}. Pulse j of burst b of train t is at
 * {@code t x (burstsPerTrain / burstF + interTrainInterval) + b / burstF + j / intraF}.
 */
public record ThetaBurst(String name, String citation, int pulsesPerBurst, BigDecimal intraBurstFrequencyHz,
                         BigDecimal burstFrequencyHz, int burstsPerTrain, int trains,
                         BigDecimal interTrainIntervalSeconds, Intensity intensity) implements Protocol {

    @Override
    public ProtocolKind kind() {
        return ProtocolKind.THETA_BURST;
    }

    @Override
    public List<Intensity> intensities() {
        return List.of(intensity);
    }

    @Override
    public int pulseCount() {
        return pulsesPerBurst * burstsPerTrain * trains;
    }

    public BigDecimal trainDurationSeconds() {
        return PlanBuilder.seconds(burstsPerTrain, burstFrequencyHz);
    }

    @Override
    public PulsePlan expand(ToIntFunction<Intensity> outputPercentMso) {
        int output = outputPercentMso.applyAsInt(intensity);
        BigDecimal trainDuration = trainDurationSeconds();
        PlanBuilder plan = new PlanBuilder(pulseCount());
        for (int train = 0; train < trains; train++) {
            BigDecimal offTime = interTrainIntervalSeconds.multiply(BigDecimal.valueOf(train));
            plan.startTrain(trainDuration);
            for (int burst = 0; burst < burstsPerTrain; burst++) {
                long burstsBefore = (long) train * burstsPerTrain + burst;
                BigDecimal burstStart = PlanBuilder.seconds(burstsBefore, burstFrequencyHz).add(offTime);
                for (int j = 0; j < pulsesPerBurst; j++) {
                    plan.pulse(burstStart.add(PlanBuilder.seconds(j, intraBurstFrequencyHz)), output, 0);
                }
            }
        }
        return plan.build();
    }
}
