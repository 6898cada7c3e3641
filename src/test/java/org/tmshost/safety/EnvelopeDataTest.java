package org.tmshost.safety;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tmshost.yaml.InvalidFileException;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tmshost.safety.Fixtures.*;

/** The data files: validation with file/line/field, the policy replacing the defaults, the digest. */
@Tag("unit")
class EnvelopeDataTest {

    @Test
    void rejectsAPolicyWithANegativeSessionLimitNamingFileLineAndField(@TempDir Path dir) {
        assertThatThrownBy(() -> withPolicy(dir, "maxSessionPulses: 3000", "maxSessionPulses: -5"))
                .isInstanceOf(InvalidFileException.class)
                .hasMessageContaining(dir.resolve("policy.yaml") + ":5:")
                .hasMessageContaining("maxSessionPulses");
    }

    @Test
    void rejectsAPolicyWithAMissingCitationOrAnUnknownField(@TempDir Path dir) {
        assertThatThrownBy(() -> withPolicy(dir, "  policy.rtms-intensity:", "  policy.rtms-intensitty:"))
                .isInstanceOf(InvalidFileException.class)
                .hasMessageContaining("citations.policy.rtms-intensity")
                .hasMessageContaining("citations.policy.rtms-intensitty");
        assertThatThrownBy(() -> withPolicy(dir, "chen1997Margin: false", "chen1997Margin: maybe"))
                .isInstanceOf(InvalidFileException.class)
                .hasMessageContaining("policy.yaml:11:")
                .hasMessageContaining("chen1997Margin");
    }

    @Test
    void rejectsAMissingPolicyFile(@TempDir Path dir) {
        assertThatThrownBy(() -> SafetyEnvelope.withPolicy(dir.resolve("none.yaml")))
                .isInstanceOf(InvalidFileException.class).hasMessageContaining("none.yaml");
    }

    @Test
    void rejectsATableRowOfTheWrongLengthNamingFileLineAndField() {
        String text = EnvelopeData.resource(TrainDurationTable.FILE)
                .replace("[5, 5, 5, 4.2, 2.9]", "[5, 5, 5, 4.2]");
        assertThatThrownBy(() -> TrainDurationTable.parse("rossi.yaml", text))
                .isInstanceOf(InvalidFileException.class)
                .hasMessageContaining("rossi.yaml:17:")
                .hasMessageContaining("maxTrainSeconds")
                .hasMessageContaining("5 durations");
    }

    @Test
    void rejectsATableWithFrequenciesOutOfOrderOrAnUnknownConfidenceTag() {
        String text = EnvelopeData.resource(TrainDurationTable.FILE)
                .replace("[1, 5, 10, 20, 25]", "[1, 5, 20, 10, 25]").replace("\"[R]\"", "\"[X]\"");
        assertThatThrownBy(() -> TrainDurationTable.parse("rossi.yaml", text))
                .isInstanceOf(InvalidFileException.class)
                .hasMessageContaining("rossi.yaml:12:").hasMessageContaining("frequenciesHz")
                .hasMessageContaining("rossi.yaml:11:").hasMessageContaining("confidence");
    }

    @Test
    void rejectsAChenFileWhoseOverrideIntervalIsBelowTheBlockedOne() {
        String text = EnvelopeData.resource(Chen1997Limits.FILE)
                .replace("overrideBelowSeconds: 5", "overrideBelowSeconds: 0.5");
        assertThatThrownBy(() -> Chen1997Limits.parse("chen.yaml", text))
                .isInstanceOf(InvalidFileException.class).hasMessageContaining("chen.yaml:").hasMessageContaining("overrideBelowSeconds");
    }

    @Test
    void replacesTheBundledLimitsWithTheLabsPolicy(@TempDir Path dir) throws InvalidFileException {
        SafetyEnvelope strict = withPolicy(dir, "maxSessionPulses: 3000", "maxSessionPulses: 600");
        assertThat(findings(strict.check(builtIn("itbs"), emg(50.0, 40.0), simulator(), NO_HISTORY),
                "policy.session-pulses")).isEmpty();
        assertThat(findings(strict.check(rtms("1", 601, 1, "0", "90% RMT"), emg(50), simulator(), NO_HISTORY),
                "policy.session-pulses")).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("601 pulses", "600 pulses"));
    }

    @Test
    void digestsTheDataSoThatAChangedPolicyChangesTheDigest(@TempDir Path dir) throws Exception {
        SafetyEnvelope same = withPolicy(dir);
        SafetyEnvelope changed = withPolicy(dir, "minIntersessionMinutes: 50", "minIntersessionMinutes: 60");
        assertThat(ENVELOPE.sha256()).matches("[0-9a-f]{64}");
        assertThat(same.sha256()).isEqualTo(ENVELOPE.sha256());
        assertThat(changed.sha256()).isNotEqualTo(ENVELOPE.sha256());
        assertThat(SafetyEnvelope.bundled().sha256()).isEqualTo(ENVELOPE.sha256());
        assertThat(Files.exists(dir.resolve("policy.yaml"))).isTrue();
    }

    @Test
    void shipsTheDefaultsOfTheTeamBrief() {
        SitePolicy policy = EnvelopeData.bundled().policy();
        assertThat(policy.maxSessionPulses()).isEqualTo(3000);
        assertThat(policy.maxDailyPulses()).isEqualTo(18000);
        assertThat(policy.minIntersessionMinutes()).isEqualByComparingTo("50");
        assertThat(policy.patternedMaxPercentRmt()).isEqualByComparingTo("100");
        assertThat(policy.rtmsMaxPercentRmt()).isEqualByComparingTo("130");
        assertThat(policy.visualThresholdMarginPercent()).isEqualByComparingTo("20");
        assertThat(policy.chen1997Margin()).isFalse();
        Chen1997Limits chen = EnvelopeData.bundled().chen1997();
        assertThat(chen.trainDurationMarginFactor()).isEqualByComparingTo("0.75");
        assertThat(chen.blockedAtOrBelowSeconds()).isEqualByComparingTo("1");
        assertThat(chen.overrideBelowSeconds()).isEqualByComparingTo("5");
    }
}
