package org.tmshost.protocol;

import java.math.BigDecimal;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * Conventional repetitive TMS: trains of equally spaced pulses. Pulse k of train t is at
 * {@code t x (pulsesPerTrain / f + interTrainInterval) + k / f}.
 */
public record Rtms(String name, String citation, BigDecimal frequencyHz, int pulsesPerTrain, int trains,
                   BigDecimal interTrainIntervalSeconds, Intensity intensity) implements Protocol {

    @Override
    public ProtocolKind kind() {
        return ProtocolKind.RTMS;
    }

    @Override
    public List<Intensity> intensities() {
        return List.of(intensity);
    }

    @Override
    public int pulseCount() {
        return pulsesPerTrain * trains;
    }

    /** {@code pulsesPerTrain / frequencyHz}, exact. */
    public BigDecimal trainDurationSeconds() {
        return PlanBuilder.seconds(pulsesPerTrain, frequencyHz);
    }

    @Override
    public PulsePlan expand(ToIntFunction<Intensity> outputPercentMso) {
        int output = outputPercentMso.applyAsInt(intensity);
        BigDecimal trainDuration = trainDurationSeconds();
        PlanBuilder plan = new PlanBuilder(pulseCount());
        for (int train = 0; train < trains; train++) {
            BigDecimal offTime = interTrainIntervalSeconds.multiply(BigDecimal.valueOf(train));
            plan.startTrain(trainDuration);
            for (int k = 0; k < pulsesPerTrain; k++) {
                long pulsesBefore = (long) train * pulsesPerTrain + k;
                plan.pulse(PlanBuilder.seconds(pulsesBefore, frequencyHz).add(offTime), output, 0);
            }
        }
        return plan.build();
    }
}
