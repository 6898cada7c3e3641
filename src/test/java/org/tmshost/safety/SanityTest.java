package org.tmshost.safety;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.tmshost.protocol.MotorThresholds;
import org.tmshost.protocol.ThresholdMethod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tmshost.safety.Fixtures.*;

/** The team lead's sanity cases on built-in protocols and real profiles. */
@Tag("unit")
class SanityTest {
    private static final MotorThresholds RMT50_AMT40 = MotorThresholds.of(50.0, 40.0, ThresholdMethod.EMG);

    @Test
    void passesItbsAt80PercentAmtOnTheSimulator() {
        Verdict verdict = check(builtIn("itbs"), RMT50_AMT40, simulator());
        assertThat(verdict.findings()).isEmpty();
        assertThat(verdict.level()).isEqualTo(Severity.PASS);
        assertThat(verdict.name()).isEqualTo("PASS");
        assertThat(verdict.plan()).get().satisfies(plan -> {
            assertThat(plan.pulseCount()).isEqualTo(600);
            assertThat(plan.maxOutputPercentMso()).isEqualTo(32);
        });
    }

    @Test
    void asksOverrideForThe10sTrainOfM1PainProtocol() {
        Verdict verdict = check(builtIn("m1-10hz-pain"), RMT50_AMT40, simulator());
        assertThat(verdict.level()).isEqualTo(Severity.NEEDS_OVERRIDE);
        assertThat(verdict.needingOverride()).extracting(Finding::ruleId).containsExactly("rossi2009.train-duration");
        assertThat(verdict.needingOverride().get(0).message()).contains("10 s", "5 s limit", "row 10 Hz", "column 90% RMT");
    }

    @Test
    void blocksItbsOnRapid2BecauseItsIntraBurstRateIsAbove45HzAt32PercentMso() {
        Verdict verdict = check(builtIn("itbs"), RMT50_AMT40, profile("magstim-rapid2"));
        assertThat(verdict.level()).isEqualTo(Severity.BLOCKED);
        assertThat(verdict.findings()).extracting(Finding::ruleId).containsExactly("device.rate-vs-output", "delivery.path");
        assertThat(verdict.findings().get(0).message()).contains("32% MSO", "50 Hz", "45 Hz", "400 pulses affected");
    }

    @Test
    void blocksSiciOnRapid2WhichCannotFirePairedPulses() {
        Verdict verdict = check(builtIn("sici-2.5ms"), RMT50_AMT40, profile("magstim-rapid2"));
        assertThat(verdict.level()).isEqualTo(Severity.BLOCKED);
        assertThat(finding(verdict, "device.capability")).get()
                .satisfies(f -> assertThat(f.message()).contains("pairedPulses"));
    }

    @Test
    void passesEveryBuiltInAbsoluteFreeProtocolOnTheSimulatorOrNamesWhy() {
        for (String name : org.tmshost.protocol.ProtocolLibrary.names()) {
            Verdict verdict = check(builtIn(name), RMT50_AMT40, simulator());
            assertThat(verdict.level()).as(name + ": " + verdict.findings()).isNotEqualTo(Severity.BLOCKED);
            verdict.findings().forEach(f -> assertThat(f.citation()).as(f.ruleId()).isNotBlank());
        }
    }
}
