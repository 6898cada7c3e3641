package org.tmshost.safety;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.tmshost.profile.HardwareProfile;
import org.tmshost.protocol.MotorThresholds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tmshost.safety.Fixtures.*;

/** device.max-output, device.min-interval, device.rate-vs-output (all BLOCKED). */
@Tag("unit")
class DeviceRulesTest {
    private static final String MAX = "device.max-output";
    private static final String MIN = "device.min-interval";
    private static final String RATE = "device.rate-vs-output";

    @Test
    void allowsOutputEqualToTheDeviceMaximumAndBlocksOneAbove() {
        HardwareProfile max60 = simulatorWith("maxOutputPercentMso: 100", "maxOutputPercentMso: 60");
        assertThat(findings(check(rtms("1", 10, 1, "0", "120% RMT"), emg(50), max60), MAX)).isEmpty();
        // 122% RMT at RMT 50 = 61 %MSO
        Verdict verdict = check(rtms("1", 10, 1, "0", "122% RMT"), emg(50), max60);
        assertThat(finding(verdict, MAX)).get().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.BLOCKED);
            assertThat(f.message()).contains("pulse 1 of 10", "61% MSO", "60% MSO", "10 pulses affected");
            assertThat(f.citation()).contains("hardware profile simulator");
        });
        assertThat(verdict.level()).isEqualTo(Severity.BLOCKED);
    }

    @Test
    void blocksOutputsAbove100PercentMsoOnAnyProfile() {
        // 200% RMT at RMT 60 = 120 %MSO
        assertThat(finding(check(rtms("1", 5, 1, "0", "200% RMT"), emg(60)), MAX)).get()
                .extracting(Finding::severity).isEqualTo(Severity.BLOCKED);
    }

    @Test
    void allows50HzOnA20msDeviceAndBlocksAnIntervalBelow20ms() {
        HardwareProfile rapid2 = profile("magstim-rapid2");
        assertThat(findings(check(rtms("50", 10, 1, "0", "30% MSO"), emg(50), rapid2), MIN)).isEmpty();
        Verdict verdict = check(sequence("0", "30% MSO", "0.0199", "30% MSO", "0.04", "30% MSO"), emg(50), rapid2);
        assertThat(finding(verdict, MIN)).get().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.BLOCKED);
            assertThat(f.message()).contains("pulse 2 of 3", "19.9 ms", "20 ms", "1 pulse affected");
        });
    }

    @Test
    void measuresTheMinimumIntervalPerChannel() {
        // BiStim: 4 s per unit, 1 ms between units. Pairs every 5 s, 3 ms apart: consecutive pulses
        // are 3 ms apart but each unit fires every 5 s.
        HardwareProfile bistim = profile("magstim-bistim");
        assertThat(findings(check(paired("3", "40% MSO", "60% MSO"), MotorThresholds.NONE, bistim), MIN)).isEmpty();
        // pairs every 3 s: each unit fires every 3 s < 4 s
        var fast = new org.tmshost.protocol.PairedPulse("fast pairs", "test", new java.math.BigDecimal("3"),
                org.tmshost.protocol.Intensity.parse("40% MSO"), org.tmshost.protocol.Intensity.parse("60% MSO"), 4,
                new java.math.BigDecimal("3"));
        assertThat(finding(check(fast, MotorThresholds.NONE, bistim), MIN)).get()
                .satisfies(f -> assertThat(f.message()).contains("same channel", "4000 ms", "6 pulses affected"));
    }

    @Test
    void appliesTheInterChannelMinimumBetweenUnits() {
        HardwareProfile bistim = profile("magstim-bistim");
        assertThat(findings(check(paired("1", "40% MSO", "60% MSO"), MotorThresholds.NONE, bistim), MIN)).isEmpty();
        assertThat(finding(check(paired("0.9", "40% MSO", "60% MSO"), MotorThresholds.NONE, bistim), MIN)).get()
                .satisfies(f -> assertThat(f.message()).contains("channel 0", "0.9 ms", "1 ms",
                        "minInterChannelIntervalMs"));
    }

    @Test
    void usesThePerPulseMinimumBetweenUnitsWhenTheProfileGivesNoInterChannelLimit() {
        HardwareProfile noInterChannel = simulatorWith("  minInterPulseIntervalMs: 1\n  minInterChannelIntervalMs: 1\n",
                "  minInterPulseIntervalMs: 5\n");
        assertThat(findings(check(paired("5", "40% MSO", "60% MSO"), MotorThresholds.NONE, noInterChannel), MIN))
                .isEmpty();
        assertThat(finding(check(paired("4", "40% MSO", "60% MSO"), MotorThresholds.NONE, noInterChannel), MIN)).get()
                .satisfies(f -> assertThat(f.message()).contains("5 ms", "no inter-channel limit"));
    }

    @Test
    void allowsExactly50HzAtA50HzRateLimit() {
        // ttl-gpio: 50 Hz up to 30 %MSO
        assertThat(findings(check(rtms("50", 10, 1, "0", "30% MSO"), emg(50), profile("ttl-gpio")), RATE)).isEmpty();
    }

    @Test
    void blocks50HzAt31PercentMsoWhereTheRapid2Allows46Hz() {
        Verdict verdict = check(rtms("50", 10, 1, "0", "31% MSO"), emg(50), profile("ttl-gpio"));
        assertThat(finding(verdict, RATE)).get().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.BLOCKED);
            assertThat(f.message()).contains("pulse 2 of 10", "50 Hz", "46 Hz", "31% MSO", "9 pulses affected");
        });
    }

    @Test
    void usesTheNextHigherOutputsRateBetweenTablePoints() {
        HardwareProfile table = simulatorWith("  minInterChannelIntervalMs: 1\n",
                "  minInterChannelIntervalMs: 1\n  maxRateVsOutput: [[30, 50], [40, 25], [80, 10]]\n");
        // 35 %MSO lies between 30 (50 Hz) and 40 (25 Hz): 25 Hz applies
        assertThat(findings(check(rtms("25", 10, 1, "0", "35% MSO"), emg(50), table), RATE)).isEmpty();
        assertThat(finding(check(rtms("40", 10, 1, "0", "35% MSO"), emg(50), table), RATE)).get()
                .satisfies(f -> assertThat(f.message()).contains("25 Hz", "rate table point 40% MSO"));
        // above the last point: blocked even for a single pulse
        assertThat(finding(check(rtms("1", 1, 1, "0", "81% MSO"), emg(50), table), RATE)).get()
                .satisfies(f -> assertThat(f.message()).contains("81% MSO", "last point"));
        assertThat(findings(check(rtms("10", 10, 1, "0", "80% MSO"), emg(50), table), RATE)).isEmpty();
    }

    @Test
    void governsTheRateByTheHigherOutputOfThePulseAndTheOneBefore() {
        // 40 Hz: a 30 %MSO pulse 25 ms after a 60 %MSO pulse; the rapid2 allows 50 Hz at 30% but 25 Hz at 60%
        Verdict verdict = check(sequence("0", "60% MSO", "0.025", "30% MSO"), emg(50), profile("ttl-gpio"));
        assertThat(finding(verdict, RATE)).get().satisfies(f -> assertThat(f.message()).contains("60% MSO", "25 Hz"));
    }

    @Test
    void measuresTheRatePerChannel() {
        // units 0 and 1 alternate 10 ms apart: 100 Hz overall, but each unit fires at 50 Hz
        HardwareProfile table = simulatorWith("  minInterChannelIntervalMs: 1\n",
                "  minInterChannelIntervalMs: 1\n  maxRateVsOutput: [[100, 50]]\n");
        var qps = new org.tmshost.protocol.Quadripulse("two units", "test", 2, new java.math.BigDecimal("10"),
                new java.math.BigDecimal("0.02"), 10, org.tmshost.protocol.Intensity.parse("50% MSO"));
        assertThat(findings(check(qps, emg(50), table), RATE)).isEmpty();
        var faster = new org.tmshost.protocol.Quadripulse("two units", "test", 2, new java.math.BigDecimal("10"),
                new java.math.BigDecimal("0.019"), 10, org.tmshost.protocol.Intensity.parse("50% MSO"));
        assertThat(findings(check(faster, emg(50), table), RATE)).hasSize(1);
    }
}
