package org.tmshost.profile;

import java.math.BigDecimal;
import java.util.List;
import java.util.OptionalDouble;

/**
 * The device's maximum pulse rate as a function of output: (output %MSO, max Hz) points in
 * ascending output. Between points the next higher output's rate applies (the lower, safer rate).
 */
public record RateTable(List<Point> points) {
    public record Point(int outputPercentMso, BigDecimal maxRateHz) {
    }

    public RateTable {
        points = List.copyOf(points);
        for (int i = 1; i < points.size(); i++) {
            if (points.get(i).outputPercentMso() <= points.get(i - 1).outputPercentMso()) {
                throw new IllegalArgumentException("rate table outputs must increase");
            }
        }
    }

    /** The point that governs an output: the first at or above it; empty above the table. */
    public java.util.Optional<Point> governing(int outputPercentMso) {
        for (Point point : points) {
            if (point.outputPercentMso() >= outputPercentMso) {
                return java.util.Optional.of(point);
            }
        }
        return java.util.Optional.empty();
    }

    public OptionalDouble maxRateHz(int outputPercentMso) {
        return governing(outputPercentMso).map(p -> OptionalDouble.of(p.maxRateHz().doubleValue()))
                .orElse(OptionalDouble.empty());
    }
}
