package org.tmshost.safety;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tmshost.yaml.InvalidFileException;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A site policy may tighten the envelope, or relax it within hard bounds; a value that would switch
 * its rule off is refused at load, naming file, line, field and bound (issue 14).
 */
@Tag("unit")
class PolicyHardBoundsTest {
    @TempDir
    Path dir;

    private InvalidFileException refused(String from, String to) {
        InvalidFileException e = catchThrowableOfType(InvalidFileException.class,
                () -> Fixtures.withPolicy(dir, from, to));
        assertThat(e).as(from + " -> " + to).isNotNull();
        return e;
    }

    @Test
    void refusesCapsBeyondTheirAbsoluteBounds() {
        InvalidFileException daily = refused("maxDailyPulses: 18000", "maxDailyPulses: 100000");
        assertThat(daily.errors()).singleElement().satisfies(error -> {
            assertThat(error.field()).isEqualTo("maxDailyPulses");
            assertThat(error.location().file()).endsWith("policy.yaml");
            assertThat(error.location().line()).isGreaterThan(1);
            assertThat(error.expected()).contains("at most 18000").contains("policy.maxDailyPulses").contains("SAINT");
        });
        assertThat(refused("patternedMaxPercentRmt: 100", "patternedMaxPercentRmt: 200").getMessage())
                .contains("patternedMaxPercentRmt").contains("at most 120");
        assertThat(refused("maxSessionPulses: 3000", "maxSessionPulses: 50000").getMessage())
                .contains("at most 6000");
        assertThat(refused("rtmsMaxPercentRmt: 130", "rtmsMaxPercentRmt: 150").getMessage()).contains("at most 130");
    }

    @Test
    void refusesFloorsThatSwitchARuleOff() {
        assertThat(refused("minIntersessionMinutes: 50", "minIntersessionMinutes: 0").getMessage())
                .contains("minIntersessionMinutes").contains("at least 50");
        assertThat(refused("visualThresholdMarginPercent: 20", "visualThresholdMarginPercent: 0").getMessage())
                .contains("at least 11.3");
    }

    @Test
    void tighteningAndRelaxingWithinTheBoundsAreAccepted() {
        assertThatCode(() -> Fixtures.withPolicy(dir, "maxDailyPulses: 18000", "maxDailyPulses: 9000",
                "patternedMaxPercentRmt: 100", "patternedMaxPercentRmt: 120")).doesNotThrowAnyException();
    }

    @Test
    void aSubjectIdPatternTooLongToCompileSafelyIsRefusedWithItsLine() {
        String deep = "(".repeat(5000) + "a" + ")".repeat(5000);
        assertThat(refused("subjectIdPattern: \"[a-z0-9][a-z0-9._-]{0,63}\"", "subjectIdPattern: \"" + deep + "\"")
                .getMessage()).contains(":23:").contains("field 'subjectIdPattern'").contains("at most 256 characters");
    }
}
