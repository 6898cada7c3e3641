package org.tmshost.excitability;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Tag("unit")
class ConditionTest {
    @Test
    void parsesTheContractsNames() {
        assertThat(Condition.parseNames(Condition.DEFAULT_CONDITIONS)).extracting(Condition::name)
                .containsExactly("test", "sici-2", "sici-3", "icf-10", "icf-12");
        assertThat(Condition.parseNames("icf-15, sici-2.5")).extracting(Condition::name)
                .containsExactly("test", "icf-15", "sici-2.5"); // the test alone is always measured, first
        assertThat(Condition.parseIntervals("2,3,50")).extracting(Condition::name)
                .containsExactly("test", "sici-2", "sici-3", "isi-50");
        assertThat(Condition.parseIntensities("90,100,110%RMT")).extracting(Condition::name)
                .containsExactly("90%RMT", "100%RMT", "110%RMT");
    }

    @Test
    void refusesWithTheReason() {
        assertThatThrownBy(() -> Condition.parseNames("test,lici-100")).hasMessageContaining("unknown condition 'lici-100'");
        assertThatThrownBy(() -> Condition.parseNames("sici-10")).hasMessageContaining("is icf-10: SICI is up to 5 ms");
        assertThatThrownBy(() -> Condition.parseNames("sici-2,sici-2")).hasMessageContaining("given twice");
        assertThatThrownBy(() -> Condition.parseIntervals("0.5")).hasMessageContaining("must be in 1..100 ms");
        assertThatThrownBy(() -> Condition.parseIntervals("2.25")).hasMessageContaining("0.1 ms steps");
        assertThatThrownBy(() -> Condition.parseIntervals("two")).hasMessageContaining("'two' is not an interval");
        assertThatThrownBy(() -> Condition.parseIntensities("100%RMT")).hasMessageContaining("two intensities or more");
        assertThatThrownBy(() -> Condition.parseIntensities("100,250")).hasMessageContaining("(0, 200] %RMT");
    }
}
