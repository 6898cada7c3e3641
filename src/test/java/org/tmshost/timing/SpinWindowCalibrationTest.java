package org.tmshost.timing;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@Tag("unit")
class SpinWindowCalibrationTest {
    @Test
    void choosesTheSpinWindowFromTheParkTail() {
        assertThat(SpinWindowCalibration.chooseSpinWindowNanos(50_000)).isEqualTo(200_000);
        assertThat(SpinWindowCalibration.chooseSpinWindowNanos(400_000)).isEqualTo(600_000);
        assertThat(SpinWindowCalibration.chooseSpinWindowNanos(410_000)).isEqualTo(650_000);
        assertThat(SpinWindowCalibration.chooseSpinWindowNanos(9_000_000)).isEqualTo(2_000_000);
    }
}
