package org.tmshost.protocol;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Tag("unit")
class IntensityTest {
    @Test
    void relativeIntensitiesConvertRoundingDownNeverUp() {
        MotorThresholds thresholds = MotorThresholds.of(47.0, 39.0, ThresholdMethod.EMG);
        assertThat(thresholds.toPercentMso(Intensity.parse("110% RMT"))).isEqualTo(51); // 51.7
        assertThat(thresholds.toPercentMso(Intensity.parse("80% AMT"))).isEqualTo(31); // 31.2
        assertThat(thresholds.toPercentMso(Intensity.parse("99.9% RMT"))).isEqualTo(46); // 46.953
        assertThat(thresholds.toPercentMso(Intensity.parse("45% MSO"))).isEqualTo(45);
    }

    @Test
    void exactProductsAreNotLostToFloatingPoint() {
        // 0.7 x 30 is 20.999999999999996 in binary floating point; the output must still be 21
        assertThat(MotorThresholds.of(30.0, null, ThresholdMethod.EMG).toPercentMso(Intensity.parse("70% RMT")))
                .isEqualTo(21);
        assertThat(MotorThresholds.of(50.0, null, ThresholdMethod.EMG).toPercentMso(Intensity.parse("120% RMT")))
                .isEqualTo(60);
    }

    @Test
    void parsesUnitsCaseInsensitively() {
        assertThat(Intensity.parse("90 % amt")).isEqualTo(new Intensity.Relative(new java.math.BigDecimal("90"), ThresholdKind.AMT));
        assertThat(Intensity.parse("45% MSO").toString()).isEqualTo("45% MSO");
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> Intensity.parse("80")).hasMessageContaining("% RMT");
        assertThatThrownBy(() -> Intensity.parse("0% RMT")).hasMessageContaining("greater than 0");
        assertThatThrownBy(() -> Intensity.parse("120% MSO")).hasMessageContaining("at most 100");
        assertThatThrownBy(() -> Intensity.parse("500% RMT")).hasMessageContaining("at most 200");
    }

    @Test
    void aMissingThresholdCannotBeResolved() {
        MotorThresholds onlyRmt = MotorThresholds.of(50.0, null, ThresholdMethod.EMG);
        assertThat(onlyRmt.canResolve(Intensity.parse("80% AMT"))).isFalse();
        assertThat(onlyRmt.canResolve(Intensity.parse("80% RMT"))).isTrue();
        assertThat(onlyRmt.canResolve(Intensity.parse("30% MSO"))).isTrue();
        assertThatThrownBy(() -> onlyRmt.toPercentMso(Intensity.parse("80% AMT"))).isInstanceOf(IllegalStateException.class);
    }
}
