package org.tmshost.safety;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tmshost.safety.Fixtures.*;

/** policy.session-pulses, policy.daily-pulses, policy.intersession-interval. */
@Tag("unit")
class DosePolicyRulesTest {

    private static Verdict withHistory(org.tmshost.protocol.Protocol protocol, DoseHistory history) {
        return ENVELOPE.check(protocol, emg(50), simulator(), history);
    }

    @Test
    void allowsExactly3000PulsesInASessionAndAsksOverrideAbove() {
        assertThat(findings(check(rtms("1", 1000, 3, "1", "90% RMT"), emg(50)), "policy.session-pulses")).isEmpty();
        Verdict verdict = check(rtms("1", 3001, 1, "0", "90% RMT"), emg(50));
        assertThat(finding(verdict, "policy.session-pulses")).get().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.NEEDS_OVERRIDE);
            assertThat(f.message()).contains("3001 pulses", "3000 pulses");
            assertThat(f.citation()).isNotBlank();
        });
        assertThat(verdict.level()).isEqualTo(Severity.NEEDS_OVERRIDE);
    }

    @Test
    void allows18000PulsesADayAndBlocksOneMore() {
        // nine SAINT sessions done, the tenth is allowed; an eleventh is not
        var saint = builtIn("saint-session");
        assertThat(findings(withHistory(saint, new DoseHistory(16200, Optional.empty(), NOW)), "policy.daily-pulses"))
                .isEmpty();
        Verdict verdict = withHistory(saint, new DoseHistory(16201, Optional.empty(), NOW));
        assertThat(finding(verdict, "policy.daily-pulses")).get().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.BLOCKED);
            assertThat(f.message()).contains("16201", "1800", "18001", "18000");
            assertThat(f.citation()).contains("SAINT");
        });
        assertThat(verdict.level()).isEqualTo(Severity.BLOCKED);
    }

    /** Hunt pulses count against the daily limit only when the site's policy says so (off by default). */
    @Test
    void thresholdHuntPulsesCountTowardTheDailyLimitOnlyWhenThePolicySaysSo(@TempDir Path dir) throws Exception {
        var saint = builtIn("saint-session");
        DoseHistory nineSessionsAndAHunt = new DoseHistory(16200, 25, Optional.empty(), NOW);
        assertThat(findings(withHistory(saint, nineSessionsAndAHunt), "policy.daily-pulses"))
                .as("the bundled policy counts session pulses only").isEmpty();

        SafetyEnvelope counting = withPolicy(dir, "dailyPulsesIncludeThresholdHunts: false",
                "dailyPulsesIncludeThresholdHunts: true");
        Verdict verdict = counting.check(saint, emg(50), simulator(), nineSessionsAndAHunt);
        assertThat(finding(verdict, "policy.daily-pulses")).get().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.BLOCKED);
            assertThat(f.message()).contains("16225 pulses already today (25 of them in threshold hunts)", "18025");
        });
        assertThat(findings(counting.check(saint, emg(50), simulator(), new DoseHistory(16200, 0, Optional.empty(),
                NOW)), "policy.daily-pulses")).isEmpty();
    }

    @Test
    void aPolicyFileWithoutTheHuntFieldIsStillValid(@TempDir Path dir) throws Exception {
        SafetyEnvelope older = withPolicy(dir, "dailyPulsesIncludeThresholdHunts: false\n", "");
        assertThat(findings(older.check(builtIn("saint-session"), emg(50), simulator(),
                new DoseHistory(16200, 25, Optional.empty(), NOW)), "policy.daily-pulses")).isEmpty();
    }

    @Test
    void allowsExactly50MinutesBetweenSessionsAndAsksOverrideForLess() {
        var itbs = builtIn("saint-session");
        DoseHistory fifty = new DoseHistory(1800, Optional.of(NOW.minus(Duration.ofMinutes(50))), NOW);
        assertThat(findings(withHistory(itbs, fifty), "policy.intersession-interval")).isEmpty();
        DoseHistory almost = new DoseHistory(1800, Optional.of(NOW.minus(Duration.ofMinutes(50)).plusSeconds(1)), NOW);
        Verdict verdict = withHistory(itbs, almost);
        assertThat(finding(verdict, "policy.intersession-interval")).get().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.NEEDS_OVERRIDE);
            assertThat(f.message()).contains("49 min 59 s since", "50 min").doesNotContain("49.983");
        });
    }

    @Test
    void treatsALastSessionEndingInTheFutureAsTooRecent() {
        DoseHistory skewed = new DoseHistory(0, Optional.of(NOW.plus(Duration.ofMinutes(5))), NOW);
        assertThat(findings(withHistory(builtIn("saint-session"), skewed), "policy.intersession-interval")).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("recorded as ending after now"));
    }

    @Test
    void hasNoIntersessionFindingWithoutAPreviousSession() {
        assertThat(findings(withHistory(builtIn("saint-session"), NO_HISTORY), "policy.intersession-interval")).isEmpty();
    }
}
