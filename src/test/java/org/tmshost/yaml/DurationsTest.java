package org.tmshost.yaml;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 15: durations and intervals read "3 min 12 s", "1 h 05 min", "0.8 s", never "0.174 min". */
@Tag("unit")
class DurationsTest {
    private static final long S = 1_000_000_000L;

    @Test
    void minutesAndSecondsHoursAndMinutes() {
        assertThat(Durations.human(192 * S)).isEqualTo("3 min 12 s"); // iTBS 600
        assertThat(Durations.human(2224 * S)).isEqualTo("37 min 04 s");
        assertThat(Durations.human(3900 * S)).isEqualTo("1 h 05 min");
        assertThat(Durations.human(2 * 3600 * S + 29 * S)).isEqualTo("2 h 00 min");
        assertThat(Durations.human(60 * S)).isEqualTo("1 min 00 s");
    }

    @Test
    void belowAMinuteSecondsToATenthWithoutATrailingZero() {
        assertThat(Durations.human(10_440_000_000L)).isEqualTo("10.4 s"); // what "0.174 min" meant
        assertThat(Durations.human(800_000_000L)).isEqualTo("0.8 s");
        assertThat(Durations.human(40 * S)).isEqualTo("40 s");
        assertThat(Durations.human(6_100_000_000L)).isEqualTo("6.1 s");
    }

    @Test
    void shortIntervalsInMillisecondsAndMicroseconds() {
        assertThat(Durations.human(2_500_000L)).isEqualTo("2.5 ms");
        assertThat(Durations.human(20_000_000L)).isEqualTo("20 ms");
        assertThat(Durations.human(250_000L)).isEqualTo("250 µs");
    }

    @Test
    void roundingNeverShowsSixtySecondsOrSixtyMinutes() {
        assertThat(Durations.human(59_960_000_000L)).isEqualTo("1 min 00 s");
        assertThat(Durations.human(3599_600_000_000L)).isEqualTo("1 h 00 min");
        assertThat(Durations.human(-5)).isEqualTo("0 µs");
    }
}
