package org.tmshost.record;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Issue 14: one subject, one id. Q1, "Q1 ", " Q1", q1 and a full-width Q１ are one id. */
@Tag("unit")
class SubjectIdTest {
    private static final Pattern SITE = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    @ParameterizedTest
    @ValueSource(strings = {"Q1", "q1", "Q1 ", " Q1", "\u3000Q1", "Q\uFF11", "\uFF31\uFF11"})
    void everySpellingOfQ1IsTheOneIdQ1(String entered) {
        assertThat(SubjectId.of(entered).value()).isEqualTo("q1");
        assertThat(SubjectId.of(entered, SITE)).isEqualTo(SubjectId.of("Q1"));
    }

    @Test
    void aControlCharacterAnywhereIsRefusedAndShownEscaped() {
        for (String entered : new String[] {"Q1\u001B[2J", "Q1\n", "Q\u00001", "Q1\u200B", "\u202EQ1"}) {
            assertThatThrownBy(() -> SubjectId.of(entered)).as(entered).isInstanceOf(SubjectIdRefused.class)
                    .hasMessageContaining("control character").satisfies(e -> assertThat(e.getMessage())
                            .doesNotContain("\u001B", "\n", "\u0000", "\u200B", "\u202E"));
        }
        assertThatThrownBy(() -> SubjectId.of("Q1\u001B[2J")).hasMessageContaining("\"Q1\\u001B[2J\"");
    }

    @Test
    void aSpaceInsideIsRefusedAndABlankIdIsRefused() {
        assertThatThrownBy(() -> SubjectId.of("Q 1")).isInstanceOf(SubjectIdRefused.class)
                .hasMessageContaining("\"Q 1\"").hasMessageContaining("space inside");
        assertThatThrownBy(() -> SubjectId.of("Q\u30001")).isInstanceOf(SubjectIdRefused.class);
        assertThatThrownBy(() -> SubjectId.of("  ")).isInstanceOf(SubjectIdRefused.class).hasMessageContaining("blank");
    }

    @Test
    void theSitePatternIsCheckedOnTheNormalisedIdAndNamed() {
        assertThat(SubjectId.of("P-001", SITE).value()).isEqualTo("p-001");
        assertThatThrownBy(() -> SubjectId.of("P#001", SITE)).isInstanceOf(SubjectIdRefused.class)
                .hasMessageContaining("\"P#001\"").hasMessageContaining("subjectIdPattern " + SITE.pattern());
        Pattern lab = Pattern.compile("sub-[0-9]{3}");
        assertThat(SubjectId.of("SUB-007", lab).value()).isEqualTo("sub-007");
        assertThatThrownBy(() -> SubjectId.of("P001", lab)).isInstanceOf(SubjectIdRefused.class)
                .hasMessageContaining("sub-[0-9]{3}");
    }

    @Test
    void lookAlikeIdsShareASkeletonAndSequentialIdsDoNot() {
        assertThat(SubjectId.of("P0O1").skeleton()).isEqualTo(SubjectId.of("P001").skeleton());
        assertThat(SubjectId.of("p-001").skeleton()).isEqualTo(SubjectId.of("P001").skeleton());
        assertThat(SubjectId.of("s1").skeleton()).isEqualTo(SubjectId.of("SI").skeleton());
        assertThat(SubjectId.of("P001").skeleton()).isNotEqualTo(SubjectId.of("P002").skeleton());
        assertThat(SubjectId.of("P010").skeleton()).isNotEqualTo(SubjectId.of("P011").skeleton());
    }

    @Test
    void onlyANormalisedIdIsAValue() {
        assertThatThrownBy(() -> new SubjectId("Q1")).isInstanceOf(IllegalArgumentException.class);
    }
}
