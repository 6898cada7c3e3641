package org.tmshost.protocol;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;

/**
 * The subject's motor thresholds in %MSO as measured on this stimulator and coil, and how they were
 * measured. Either may be absent. Converts relative intensities to outputs, always rounding down.
 */
public record MotorThresholds(Optional<BigDecimal> rmtPercentMso, Optional<BigDecimal> amtPercentMso,
                              ThresholdMethod method) {

    public static final MotorThresholds NONE =
            new MotorThresholds(Optional.empty(), Optional.empty(), ThresholdMethod.UNSTATED);

    public MotorThresholds {
        rmtPercentMso.ifPresent(MotorThresholds::requirePlausible);
        amtPercentMso.ifPresent(MotorThresholds::requirePlausible);
    }

    public static MotorThresholds of(Double rmt, Double amt, ThresholdMethod method) {
        return new MotorThresholds(Optional.ofNullable(rmt).map(BigDecimal::valueOf),
                Optional.ofNullable(amt).map(BigDecimal::valueOf), method);
    }

    public Optional<BigDecimal> threshold(ThresholdKind kind) {
        return kind == ThresholdKind.RMT ? rmtPercentMso : amtPercentMso;
    }

    public boolean canResolve(Intensity intensity) {
        return !(intensity instanceof Intensity.Relative relative) || threshold(relative.threshold()).isPresent();
    }

    /**
     * The stimulator output for an intensity: {@code floor(p / 100 x MT)} for relative ones, the
     * integer part of an absolute one. Never rounds up (design.md invariant 5).
     *
     * @throws IllegalStateException if the needed threshold was not measured; check {@link #canResolve} first
     */
    public int toPercentMso(Intensity intensity) {
        BigDecimal exact;
        if (intensity instanceof Intensity.Relative relative) {
            BigDecimal threshold = threshold(relative.threshold()).orElseThrow(() -> new IllegalStateException(
                    "no " + relative.threshold() + " measured for " + relative));
            exact = relative.percent().multiply(threshold).divide(BigDecimal.valueOf(100));
        } else {
            exact = ((Intensity.Absolute) intensity).percentMso();
        }
        return exact.setScale(0, RoundingMode.FLOOR).intValueExact();
    }

    private static void requirePlausible(BigDecimal percentMso) {
        if (percentMso.signum() <= 0 || percentMso.compareTo(BigDecimal.valueOf(100)) > 0) {
            throw new IllegalArgumentException(
                    "a motor threshold must be greater than 0 and at most 100 %MSO, was " + percentMso.toPlainString());
        }
    }
}
