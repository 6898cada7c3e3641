package org.tmshost.excitability;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@Tag("unit")
class OutliersTest {
    @Test
    void flagsOnTheLogScale() {
        // large MEPs of a skewed but ordinary sample are not flagged; a trial 20x the median is, and so is one near 0
        assertThat(Outliers.of(new double[]{500, 700, 1000, 1400, 2000, 800, 900})).isEmpty();
        assertThat(Outliers.of(new double[]{500, 700, 1000, 1400, 20000, 800, 900})).containsExactly(4);
        assertThat(Outliers.of(new double[]{500, 700, 1000, 1400, 2, 800, 900})).containsExactly(4);
        assertThat(Outliers.of(new double[]{1, 10000, 5})).isEmpty(); // too few to judge
    }
}
