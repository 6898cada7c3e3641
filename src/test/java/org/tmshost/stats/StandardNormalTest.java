package org.tmshost.stats;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

@Tag("unit")
class StandardNormalTest {
    /** Reference values: 0.5·erfc(−z/√2) from Python's math.erfc. */
    @Test
    void cdfMatchesErfcToDoublePrecision() {
        double[][] cases = {
                {1.0, 0.8413447460685429}, {-1.96, 0.024997895148220435}, {-3.5, 0.00023262907903552504},
                {-6.0, 9.865876450377012e-10}, {4.0, 0.9999683287581669}, {0.3, 0.6179114221889526}};
        for (double[] c : cases) {
            assertThat(StandardNormal.cdf(c[0])).as("Φ(%s)", c[0]).isCloseTo(c[1], within(Math.abs(c[1]) * 1e-13));
        }
        assertThat(StandardNormal.cdf(0)).isEqualTo(0.5);
        assertThat(StandardNormal.cdf(-50)).isZero();
        assertThat(StandardNormal.cdf(50)).isEqualTo(1.0);
    }
}
