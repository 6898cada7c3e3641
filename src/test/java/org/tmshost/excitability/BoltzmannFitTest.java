package org.tmshost.excitability;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

@Tag("unit")
class BoltzmannFitTest {
    private static double boltzmann(double x, double max, double s50, double m) {
        return max / (1 + Math.exp(m * (s50 - x)));
    }

    @Test
    void recoversAKnownCurveWithinItsIntervals() {
        Random noise = new Random(5);
        int[] intensities = {45, 50, 55, 60, 65, 70, 75, 80};
        double[] x = new double[intensities.length * 10];
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = intensities[i / 10];
            y[i] = boltzmann(x[i], 3000, 60, 0.25) * Math.exp(0.2 * noise.nextGaussian());
        }
        BoltzmannFit.Outcome outcome = BoltzmannFit.fit(x, y);
        assertThat(outcome).isInstanceOf(BoltzmannFit.Fitted.class);
        BoltzmannFit fit = ((BoltzmannFit.Fitted) outcome).fit();
        assertThat(fit.mepMaxCi95().contains(3000 * Math.exp(0.02))).as("MEPmax %s", fit).isTrue(); // log-normal mean
        assertThat(fit.s50Ci95().contains(60)).as("S50 %s", fit).isTrue();
        assertThat(fit.slopeCi95().contains(0.25)).as("slope %s", fit).isTrue();
        assertThat(fit.s50PercentMso()).isCloseTo(60, org.assertj.core.data.Offset.offset(1.0));
    }

    @Test
    void saysWhyWhenItCannotFit() {
        assertThat(refusal(new double[]{50, 50, 50, 60, 60, 60}, new double[]{100, 120, 90, 900, 950, 1000}))
                .contains("needs 3 intensities or more");
        // still rising steeply at the top: no plateau
        double[] x = {40, 40, 45, 45, 50, 50, 55, 55};
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = boltzmann(x[i], 5000, 75, 0.2) * (i % 2 == 0 ? 0.8 : 1.25);
        }
        assertThat(refusal(x, y)).containsAnyOf("no plateau", "outside the intensities tested");
        assertThat(refusal(new double[]{40, 45, 50, 55, 60, 65}, new double[]{900, 700, 500, 300, 200, 100}))
                .containsAnyOf("do not rise", "outside the intensities tested");
    }

    private static String refusal(double[] x, double[] y) {
        BoltzmannFit.Outcome outcome = BoltzmannFit.fit(x, y);
        assertThat(outcome).isInstanceOf(BoltzmannFit.Refused.class);
        return ((BoltzmannFit.Refused) outcome).reason();
    }
}
