package org.tmshost.safety;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tmshost.safety.Fixtures.*;

/** Verdict levels and the envelope's collect-everything behaviour. */
@Tag("unit")
class VerdictTest {
    private static final Finding WARN = new Finding("w", Severity.WARN, "m", "c");
    private static final Finding OVERRIDE = new Finding("o", Severity.NEEDS_OVERRIDE, "m", "c");
    private static final Finding BLOCK = new Finding("b", Severity.BLOCKED, "m", "c");

    @Test
    void countsWarnOnlyAsPass() {
        Verdict verdict = Verdict.of(List.of(WARN), Optional.empty());
        assertThat(verdict.level()).isEqualTo(Severity.PASS);
        assertThat(verdict.name()).isEqualTo("PASS");
        assertThat(verdict.findings()).containsExactly(WARN);
    }

    @Test
    void takesTheWorstFinding() {
        assertThat(Verdict.of(List.of(WARN, OVERRIDE), Optional.empty()).name()).isEqualTo("NEEDS_OVERRIDE");
        assertThat(Verdict.of(List.of(OVERRIDE, BLOCK, WARN), Optional.empty()).name()).isEqualTo("BLOCKED");
        assertThat(Verdict.of(List.of(), Optional.empty()).name()).isEqualTo("PASS");
    }

    @Test
    void refusesALevelThatContradictsItsFindings() {
        assertThatThrownBy(() -> new Verdict(Severity.PASS, List.of(BLOCK), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Verdict(Severity.WARN, List.of(WARN), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void listsTheFindingsNeedingOverride() {
        Verdict verdict = Verdict.of(List.of(WARN, OVERRIDE, BLOCK), Optional.empty());
        assertThat(verdict.needingOverride()).containsExactly(OVERRIDE);
    }

    @Test
    void runsEveryRuleAndListsFindingsWorstFirst() {
        // 25 Hz, 250 pulses at 73% MSO on the Rapid2: rate, energy, outside table, intensity policy, ITI
        Verdict verdict = check(rtms("25", 250, 2, "1", "73% MSO"), emg(50), profile("magstim-rapid2"));
        assertThat(verdict.findings()).extracting(Finding::ruleId).contains("device.rate-vs-output", "device.energy",
                "chen1997.inter-train-interval", "rossi2009.outside-table", "policy.rtms-intensity");
        List<Severity> severities = verdict.findings().stream().map(Finding::severity).toList();
        assertThat(severities).isSortedAccordingTo(Enum::compareTo);
        assertThat(verdict.level()).isEqualTo(Severity.BLOCKED);
        assertThat(verdict.plan()).isPresent();
        verdict.findings().forEach(f -> assertThat(f.citation()).as(f.ruleId()).isNotBlank());
    }

    @Test
    void isDeterministic() {
        var protocol = builtIn("m1-20hz-pain");
        assertThat(check(protocol, visual(50), profile("magstim-rapid2")).findings())
                .isEqualTo(check(protocol, visual(50), profile("magstim-rapid2")).findings());
    }
}
