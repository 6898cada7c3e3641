package org.tmshost.report;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.tmshost.record.PulseRow;
import org.tmshost.record.TrainRow;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

@Tag("unit")
class SessionFactsTest {
    private static PulseRow late(int index, long micros) {
        return new PulseRow(index, index * 100_000_000L, index * 100_000_000L + micros * 1_000L, 40, 0);
    }

    @Test
    void latenessFallsInRoundBinsOfMicrosecondsEachHoldingItsLowerBound() {
        SessionFacts.LatenessBins bins = SessionFacts.lateness(List.of(late(0, 0), late(1, 3), late(2, 7), late(3, 12),
                late(4, 25), late(5, 5)));
        assertThat(bins.fromMicros()).isZero();
        assertThat(bins.widthMicros()).isEqualTo(5);
        assertThat(bins.counts()).containsExactly(2, 2, 1, 0, 0, 1);
        assertThat(bins.label(1)).isEqualTo("5 to 10 µs");
        SessionFacts.LatenessBins early = SessionFacts.lateness(List.of(late(0, -3), late(1, 1)));
        assertThat(early.fromMicros()).isEqualTo(-3);
        assertThat(early.widthMicros()).isEqualTo(1);
        assertThat(early.counts()).containsExactly(1, 0, 0, 0, 1);
    }

    @Test
    void perTrainOnlyPulsesTheDeviceDidNotDisownCountAndTheirOutputRangeIsShown() {
        List<PulseRow> pulses = List.of(new PulseRow(0, 0, 0, 40, 0), new PulseRow(1, 1, 1, 42, 0),
                new PulseRow(2, 2, 2, 40, 0, Optional.of(true)), new PulseRow(3, 3, 3, 60, 0, Optional.of(false)));
        List<SessionFacts.TrainDelivery> trains = SessionFacts.trains(List.of(new TrainRow(0, 0, 2, 0),
                new TrainRow(1, 2, 2, 2_000_000_000L), new TrainRow(2, 4, 2, 4_000_000_000L)), pulses, 6);
        assertThat(trains).extracting(SessionFacts.TrainDelivery::delivered).containsExactly(2, 1, 0);
        assertThat(trains).extracting(SessionFacts.TrainDelivery::output).containsExactly("40–42% MSO", "40% MSO", "–");
        assertThat(trains.get(1).plannedStartSeconds()).isEqualTo(2.0);
    }
}
