package org.tmshost.safety;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * An intensity in % of the resting motor threshold, as the tables use it: 100 x output / RMT,
 * where the output is the floored %MSO that will actually be delivered. Kept as the exact pair
 * (output, RMT) and compared by cross-multiplication, so 60% MSO at RMT 50 is exactly 120% RMT.
 */
record PercentRmt(int outputPercentMso, BigDecimal rmtPercentMso) {

    PercentRmt {
        if (rmtPercentMso.signum() <= 0) {
            throw new IllegalArgumentException("an RMT must be positive");
        }
    }

    /** Sign of (this - percent), exactly. */
    int compareTo(BigDecimal percentRmt) {
        return BigDecimal.valueOf(100L * outputPercentMso).compareTo(percentRmt.multiply(rmtPercentMso));
    }

    /** The value for display (34 significant digits). */
    BigDecimal value() {
        return BigDecimal.valueOf(100L * outputPercentMso).divide(rmtPercentMso, MathContext.DECIMAL128);
    }

    /** {@code "110% RMT (55% MSO at RMT 50% MSO)"}. */
    String describe() {
        return Display.number(value()) + "% RMT (" + outputPercentMso + "% MSO at RMT "
                + Display.number(rmtPercentMso) + "% MSO)";
    }
}
