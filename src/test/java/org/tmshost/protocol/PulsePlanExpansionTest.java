package org.tmshost.protocol;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

@Tag("unit")
class PulsePlanExpansionTest {
    private static final Intensity EIGHTY_RMT = Intensity.parse("80% RMT");

    private static Rtms rtms(String hz, int perTrain, int trains, String iti) {
        return new Rtms("t", "", new BigDecimal(hz), perTrain, trains, new BigDecimal(iti), EIGHTY_RMT);
    }

    @Test
    void the3000thPulseOfA10HzPlanIsExactlyWhereArithmeticSays() {
        PulsePlan plan = rtms("10", 40, 75, "26").timeline();
        assertThat(plan.pulseCount()).isEqualTo(3000);
        // pulse 2999 = train 74, k 39: 74 x 30 s + 39 x 0.1 s = 2223.9 s
        assertThat(plan.offsetNanos(2999)).isEqualTo(2_223_900_000_000L);
        assertThat(plan.durationNanos()).isEqualTo(2_224_000_000_000L);
    }

    @Test
    void aThirdOfAHertzDoesNotAccumulateRoundingError() {
        PulsePlan plan = rtms("3", 3000, 1, "0").timeline();
        // pulse k at k/3 s rounded once: 2999/3 s = 999.666666667 s
        assertThat(plan.offsetNanos(2999)).isEqualTo(999_666_666_667L);
        assertThat(plan.offsetNanos(3)).isEqualTo(1_000_000_000L);
    }

    @Test
    void itbsLasts192SecondsWith600Pulses() {
        PulsePlan plan = ProtocolLibrary.builtIn("itbs").orElseThrow().protocol().timeline();
        assertThat(plan.pulseCount()).isEqualTo(600);
        assertThat(plan.trainCount()).isEqualTo(20);
        assertThat(plan.durationNanos()).isEqualTo(192_000_000_000L);
        assertThat(plan.peakFrequencyHz()).isEqualTo(50.0);
        // second burst of the first train starts 200 ms in; second train starts at 10 s
        assertThat(plan.offsetNanos(3)).isEqualTo(200_000_000L);
        assertThat(plan.offsetNanos(30)).isEqualTo(10_000_000_000L);
        assertThat(plan.waitAfterTrainNanos(0)).isEqualTo(8_000_000_000L);
    }

    @Test
    void ctbs600Lasts40Seconds() {
        PulsePlan plan = ProtocolLibrary.builtIn("ctbs600").orElseThrow().protocol().timeline();
        assertThat(plan.pulseCount()).isEqualTo(600);
        assertThat(plan.durationNanos()).isEqualTo(40_000_000_000L);
    }

    @Test
    void pairedPulsePutsConditioningAndTestOnTheirChannels() {
        PulsePlan plan = ProtocolLibrary.builtIn("sici-2.5ms").orElseThrow().protocol()
                .expand(MotorThresholds.of(50.0, null, ThresholdMethod.EMG)::toPercentMso);
        assertThat(plan.pulseCount()).isEqualTo(40);
        assertThat(plan.offsetNanos(1)).isEqualTo(2_500_000L);
        assertThat(plan.offsetNanos(2)).isEqualTo(5_000_000_000L);
        assertThat(plan.channel(0)).isEqualTo(PairedPulse.CONDITIONING_CHANNEL);
        assertThat(plan.channel(1)).isEqualTo(PairedPulse.TEST_CHANNEL);
        assertThat(plan.outputPercentMso(0)).isEqualTo(40);
        assertThat(plan.outputPercentMso(1)).isEqualTo(60);
    }

    @Test
    void quadripulseIsOneTrainOfBurstsAtItsPeriod() {
        PulsePlan plan = ProtocolLibrary.builtIn("qps5").orElseThrow().protocol().timeline();
        assertThat(plan.pulseCount()).isEqualTo(1440);
        assertThat(plan.durationNanos()).isEqualTo(1800_000_000_000L);
        assertThat(plan.offsetNanos(3)).isEqualTo(15_000_000L);
        assertThat(plan.channel(3)).isEqualTo(3);
    }

    /** Property cases drawn from a fixed seed, so a failure reproduces exactly. */
    static Stream<Arguments> rtmsCases() {
        Random random = new Random(20261122L);
        return IntStream.range(0, 200).mapToObj(i -> Arguments.of(1 + random.nextInt(500), 1 + random.nextInt(60),
                1 + random.nextInt(12), random.nextInt(601)));
    }

    static Stream<Arguments> thetaBurstCases() {
        Random random = new Random(5L);
        return IntStream.range(0, 100).mapToObj(i -> Arguments.of(2 + random.nextInt(4), 1 + random.nextInt(20),
                1 + random.nextInt(5)));
    }

    @ParameterizedTest(name = "{0}/10 Hz x {1} pulses x {2} trains, {3}/10 s off")
    @MethodSource("rtmsCases")
    void rtmsPlansHaveTheProtocolsCountIntervalsAndDuration(int hzTenths, int perTrain, int trains, int itiTenths) {
        BigDecimal hz = BigDecimal.valueOf(hzTenths, 1);
        BigDecimal iti = BigDecimal.valueOf(itiTenths, 1);
        Rtms protocol = rtms(hz.toPlainString(), perTrain, trains, iti.toPlainString());
        PulsePlan plan = protocol.timeline();

        assertThat(plan.pulseCount()).isEqualTo(perTrain * trains);
        assertThat(plan.trainCount()).isEqualTo(trains);
        long periodNanos = BigDecimal.valueOf(1_000_000_000L).divide(hz, 40, java.math.RoundingMode.HALF_EVEN)
                .setScale(0, java.math.RoundingMode.HALF_EVEN).longValueExact();
        for (int i = 1; i < plan.pulseCount(); i++) {
            assertThat(plan.offsetNanos(i)).isGreaterThan(plan.offsetNanos(i - 1));
            if (plan.trainOf(i) == plan.trainOf(i - 1)) {
                // each interval is the protocol's, within the 1 ns of rounding each offset once
                assertThat(Math.abs(plan.intervalBeforeNanos(i) - periodNanos)).isLessThanOrEqualTo(1);
            }
        }
        BigDecimal trainSeconds = BigDecimal.valueOf(perTrain).divide(hz, java.math.MathContext.DECIMAL128);
        BigDecimal expected = trainSeconds.add(iti).multiply(BigDecimal.valueOf(trains - 1L)).add(trainSeconds);
        assertThat(plan.durationNanos()).isCloseTo(expected.movePointRight(9).longValue(), org.assertj.core.data.Offset.offset(1L));
    }

    @ParameterizedTest(name = "{0} pulses x {1} bursts x {2} trains")
    @MethodSource("thetaBurstCases")
    void thetaBurstPlansKeepBurstAndTrainStructure(int perBurst, int bursts, int trains) {
        ThetaBurst protocol = new ThetaBurst("t", "", perBurst, new BigDecimal("50"), new BigDecimal("5"), bursts,
                trains, new BigDecimal("8"), EIGHTY_RMT);
        PulsePlan plan = protocol.timeline();
        assertThat(plan.pulseCount()).isEqualTo(perBurst * bursts * trains);
        long trainPeriod = bursts * 200_000_000L + 8_000_000_000L;
        for (int i = 0; i < plan.pulseCount(); i++) {
            int train = i / (perBurst * bursts);
            int burst = (i / perBurst) % bursts;
            int j = i % perBurst;
            assertThat(plan.offsetNanos(i)).isEqualTo(train * trainPeriod + burst * 200_000_000L + j * 20_000_000L);
        }
        assertThat(plan.durationNanos()).isEqualTo((trains - 1) * trainPeriod + bursts * 200_000_000L);
    }

    /** Issue 12: where a continuation may begin, and what it delivers from there. */
    @Test
    void anRtmsTrainResumesAtAnyPulseAndKeepsItsRhythm() {
        PulsePlan plan = rtms("10", 40, 3, "26").timeline();
        assertThat(plan.resumePointAtOrAfter(17)).isEqualTo(17);
        PulsePlan rest = plan.from(17);
        assertThat(rest.pulseCount()).isEqualTo(120 - 17);
        assertThat(rest.offsetNanos(0)).isZero();
        assertThat(rest.intervalBeforeNanos(1)).isEqualTo(100_000_000L);
        assertThat(rest.trainCount()).isEqualTo(3);
        assertThat(rest.trainPulseCount(0)).as("the rest of the cut train").isEqualTo(23);
        assertThat(rest.trainDurationNanos(0)).isEqualTo(2_300_000_000L);
        assertThat(rest.trainStartNanos(1)).as("the next train where the plan puts it")
                .isEqualTo(plan.trainStartNanos(1) - plan.offsetNanos(17));
        assertThat(rest.waitAfterTrainNanos(0)).isEqualTo(plan.waitAfterTrainNanos(0));
        assertThat(plan.from(0)).isSameAs(plan);
    }

    @Test
    void aThetaBurstResumesAtTheNextBurstNeverInsideOne() {
        PulsePlan plan = ProtocolLibrary.builtIn("itbs").orElseThrow().protocol().timeline();
        // bursts of 3 at 50 Hz every 200 ms: pulses 0-2, 3-5, ...
        assertThat(plan.startsGroup(3)).isTrue();
        assertThat(plan.startsGroup(4)).isFalse();
        assertThat(plan.resumePointAtOrAfter(3)).isEqualTo(3);
        assertThat(plan.resumePointAtOrAfter(4)).as("not the second pulse of a burst").isEqualTo(6);
        assertThat(plan.resumePointAtOrAfter(5)).isEqualTo(6);
        assertThat(plan.resumePointAtOrAfter(plan.pulseCount() - 1)).as("nothing whole is left")
                .isEqualTo(plan.pulseCount());
        PulsePlan rest = plan.from(6);
        assertThat(rest.pulseCount()).isEqualTo(plan.pulseCount() - 6);
        assertThat(rest.shortestIntervalNanos()).isEqualTo(plan.shortestIntervalNanos());
    }
}
