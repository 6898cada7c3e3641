package org.tmshost.protocol;

import java.math.BigDecimal;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * Paired-pulse TMS (SICI, ICF, iTMS): a conditioning pulse on channel 0, then a test pulse on
 * channel 1 {@code interStimulusIntervalMs} later; pairs start every {@code interPairIntervalSeconds}
 * (onset to onset). The whole block is one train of {@code pairs x interPairInterval} seconds.
 */
public record PairedPulse(String name, String citation, BigDecimal interStimulusIntervalMs,
                          Intensity conditioningIntensity, Intensity testIntensity, int pairs,
                          BigDecimal interPairIntervalSeconds) implements Protocol {
    public static final int CONDITIONING_CHANNEL = 0;
    public static final int TEST_CHANNEL = 1;

    @Override
    public ProtocolKind kind() {
        return ProtocolKind.PAIRED_PULSE;
    }

    @Override
    public List<Intensity> intensities() {
        return conditioningIntensity.equals(testIntensity) ? List.of(conditioningIntensity)
                : List.of(conditioningIntensity, testIntensity);
    }

    @Override
    public int pulseCount() {
        return 2 * pairs;
    }

    @Override
    public PulsePlan expand(ToIntFunction<Intensity> outputPercentMso) {
        int conditioning = outputPercentMso.applyAsInt(conditioningIntensity);
        int test = outputPercentMso.applyAsInt(testIntensity);
        BigDecimal isiSeconds = interStimulusIntervalMs.movePointLeft(3);
        PlanBuilder plan = new PlanBuilder(pulseCount());
        plan.startTrain(interPairIntervalSeconds.multiply(BigDecimal.valueOf(pairs)));
        for (int pair = 0; pair < pairs; pair++) {
            BigDecimal start = interPairIntervalSeconds.multiply(BigDecimal.valueOf(pair));
            plan.pulse(start, conditioning, CONDITIONING_CHANNEL);
            plan.pulse(start.add(isiSeconds), test, TEST_CHANNEL);
        }
        return plan.build();
    }
}
