package org.tmshost.excitability;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.tmshost.protocol.PairedPulse;
import org.tmshost.protocol.PulseSequence;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Tag("unit")
class MeasurementPlanTest {
    private static final BigDecimal RMT = new BigDecimal("50");

    private static MeasurementPlan standard(long seed) {
        return MeasurementPlan.pairedPulse(Condition.parseNames(Condition.DEFAULT_CONDITIONS), 12, RMT,
                new BigDecimal("80"), new BigDecimal("120"), seed);
    }

    @Test
    void everyBlockGivesEveryConditionOnce() {
        MeasurementPlan plan = standard(7);
        List<Trial> trials = plan.trials();
        assertThat(trials).hasSize(60);
        for (int b = 0; b < 12; b++) {
            int block = b;
            Set<Integer> seen = trials.stream().filter(t -> t.block() == block).map(Trial::condition)
                    .collect(Collectors.toSet());
            assertThat(seen).containsExactlyInAnyOrder(0, 1, 2, 3, 4);
        }
        assertThat(trials.stream().map(Trial::index).toList()).isEqualTo(java.util.stream.IntStream.range(0, 60).boxed().toList());
    }

    @Test
    void theSeedFixesTheOrderAndTheIntervals() {
        assertThat(standard(7).trials()).isEqualTo(standard(7).trials());
        Set<List<Integer>> orders = new HashSet<>();
        for (long seed = 0; seed < 5; seed++) {
            orders.add(standard(seed).trials().stream().map(Trial::condition).toList());
        }
        assertThat(orders).hasSize(5); // shuffled: 5 seeds, 5 orders
        for (Trial t : standard(7).trials()) {
            assertThat(t.intervalBeforeNanos()).isBetween(5_000_000_000L, 6_500_000_000L);
        }
    }

    @Test
    void outputsAreRelativeToTheRmtRoundedHalfUp() {
        MeasurementPlan plan = MeasurementPlan.pairedPulse(Condition.parseNames("test,sici-2.5,icf-10"), 1,
                new BigDecimal("47"), new BigDecimal("80"), new BigDecimal("120"), 1);
        assertThat(plan.pulses(0)).isEqualTo(TrialPulses.testAlone(56)); // 56.4
        assertThat(plan.pulses(1)).isEqualTo(TrialPulses.paired(38, 56, 2_500_000)); // 37.6
        assertThat(plan.pulses(2).isiNanos()).isEqualTo(10_000_000);
        assertThat(plan.pulseCount()).isEqualTo(5);
    }

    @Test
    void refusesWhatNoLabMeans() {
        assertThatThrownBy(() -> MeasurementPlan.pairedPulse(Condition.parseNames("test,sici-2"), 10,
                new BigDecimal("90"), new BigDecimal("80"), new BigDecimal("120"), 1))
                .hasMessageContaining("test pulse (120% RMT) at RMT 90% MSO is 108% MSO");
        assertThatThrownBy(() -> standardWith(0)).hasMessageContaining("trials per condition must be in 1..100");
        assertThatThrownBy(() -> standardWith(101)).hasMessageContaining("1..100");
        assertThatThrownBy(() -> new MeasurementPlan(MeasurementKind.PAIRED_PULSE, Condition.parseNames("test"), 5, RMT,
                BigDecimal.TEN, BigDecimal.TEN, new BigDecimal("3.9"), BigDecimal.ONE, 1))
                .hasMessageContaining("at least 4 s apart");
        assertThatThrownBy(() -> new MeasurementPlan(MeasurementKind.RECRUITMENT, Condition.parseNames("test"), 5, RMT,
                BigDecimal.TEN, BigDecimal.TEN, BigDecimal.TEN, BigDecimal.ONE, 1))
                .hasMessageContaining("does not belong to a recruitment measurement");
    }

    private static MeasurementPlan standardWith(int trials) {
        return MeasurementPlan.pairedPulse(Condition.parseNames("test"), trials, RMT, BigDecimal.TEN, BigDecimal.TEN, 1);
    }

    @Test
    void theBoundingProtocolIsNoMilderThanAnyTrial() {
        PairedPulse bound = (PairedPulse) standard(1).boundingProtocol();
        assertThat(bound.interStimulusIntervalMs()).isEqualByComparingTo("2");
        assertThat(bound.pairs()).isEqualTo(60);
        assertThat(bound.interPairIntervalSeconds()).isEqualByComparingTo("5");
        assertThat(bound.testIntensity().toString()).isEqualTo("120% RMT");
        assertThat(bound.conditioningIntensity().toString()).isEqualTo("80% RMT");

        MeasurementPlan curve = MeasurementPlan.recruitment(Condition.parseIntensities("90,100,110,150%RMT"), 10, RMT, 1);
        PulseSequence single = (PulseSequence) curve.boundingProtocol(); // single pulses 5 s apart: not rTMS
        assertThat(single.intensities()).extracting(Object::toString).containsExactly("150% RMT");
        assertThat(single.pulseCount()).isEqualTo(40);
        assertThat(single.pulses().get(1).atSeconds()).isEqualByComparingTo("5");
    }
}
