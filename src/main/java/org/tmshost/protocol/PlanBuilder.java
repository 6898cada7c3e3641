package org.tmshost.protocol;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Arrays;

/**
 * Collects pulses into a {@link PulsePlan}. Times are given as exact decimal seconds and rounded to
 * nanoseconds once per pulse, so no rounding error accumulates along a long plan.
 */
final class PlanBuilder {
    /** 34 significant digits: far below a nanosecond for any plan shorter than 10^20 s. */
    static final MathContext EXACT_ENOUGH = MathContext.DECIMAL128;
    private static final BigDecimal NANOS_PER_SECOND = BigDecimal.valueOf(1_000_000_000L);

    private long[] offsets;
    private int[] outputs;
    private byte[] channels;
    private int pulses;
    private int[] trainFirst = new int[8];
    private long[] trainDurations = new long[8];
    private int trains;

    PlanBuilder(int expectedPulses) {
        offsets = new long[Math.max(1, expectedPulses)];
        outputs = new int[offsets.length];
        channels = new byte[offsets.length];
    }

    /** {@code count / hz} in seconds, as an exact-enough decimal. */
    static BigDecimal seconds(long count, BigDecimal hz) {
        return BigDecimal.valueOf(count).divide(hz, EXACT_ENOUGH);
    }

    static long toNanos(BigDecimal seconds) {
        return seconds.multiply(NANOS_PER_SECOND).setScale(0, RoundingMode.HALF_EVEN).longValueExact();
    }

    void startTrain(BigDecimal durationSeconds) {
        if (trains == trainFirst.length) {
            trainFirst = Arrays.copyOf(trainFirst, trains * 2);
            trainDurations = Arrays.copyOf(trainDurations, trains * 2);
        }
        trainFirst[trains] = pulses;
        trainDurations[trains] = toNanos(durationSeconds);
        trains++;
    }

    void pulse(BigDecimal atSeconds, int outputPercentMso, int channel) {
        if (pulses == offsets.length) {
            offsets = Arrays.copyOf(offsets, pulses * 2);
            outputs = Arrays.copyOf(outputs, pulses * 2);
            channels = Arrays.copyOf(channels, pulses * 2);
        }
        offsets[pulses] = toNanos(atSeconds);
        outputs[pulses] = outputPercentMso;
        channels[pulses] = (byte) channel;
        pulses++;
    }

    PulsePlan build() {
        return new PulsePlan(Arrays.copyOf(offsets, pulses), Arrays.copyOf(outputs, pulses),
                Arrays.copyOf(channels, pulses), Arrays.copyOf(trainFirst, trains),
                Arrays.copyOf(trainDurations, trains));
    }
}
