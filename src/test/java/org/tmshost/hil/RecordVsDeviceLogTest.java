package org.tmshost.hil;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The matrix's comparison finds each kind of difference, so an {@code OK} cell means what it says. */
@Tag("unit")
class RecordVsDeviceLogTest {
    private static final long MS = 1_000_000;
    private final RecordVsDeviceLog comparison = RecordVsDeviceLog.forLatenessLimit(1000); // 1 ms + 20 ms allowance

    /** Three pulses 100 ms apart; the device's clock has another origin. */
    private static List<DeliveredPulse> train(long originNanos) {
        return List.of(new DeliveredPulse(0, originNanos, 40, 0), new DeliveredPulse(1, originNanos + 100 * MS, 40, 0),
                new DeliveredPulse(2, originNanos + 200 * MS, 40, 0));
    }

    private static List<DeliveredPulse> with(List<DeliveredPulse> pulses, int i, DeliveredPulse replacement) {
        List<DeliveredPulse> changed = new ArrayList<>(pulses);
        changed.set(i, replacement);
        return changed;
    }

    @Test
    void aRecordEqualToTheDeviceLogOnAnotherClockHasNoDifference() {
        assertThat(comparison.differences(train(5 * MS), train(987_654 * MS))).isEmpty();
    }

    @Test
    void aPulseTheDeviceNeverDeliveredIsACountDifference() {
        assertThat(comparison.differences(train(0), train(0).subList(0, 2))).containsExactly("count: record 3, device 2");
    }

    @Test
    void findsOutputChannelAndOrderDifferences() {
        List<DeliveredPulse> device = train(0);
        assertThat(comparison.differences(train(0), with(device, 1, new DeliveredPulse(1, 100 * MS, 41, 0))))
                .containsExactly("output at 1: record 40% MSO, device 41% MSO");
        assertThat(comparison.differences(train(0), with(device, 1, new DeliveredPulse(1, 100 * MS, 40, 1))))
                .containsExactly("channel at 1: record 0, device 1");
        assertThat(comparison.differences(train(0), with(device, 1, new DeliveredPulse(2, 100 * MS, 40, 0))))
                .containsExactly("order at 1: record index 1, device index 2");
    }

    @Test
    void aPulseDeliveredLaterThanRecordedBeyondTheToleranceIsATimeDifference() {
        List<DeliveredPulse> device = train(0);
        assertThat(comparison.differences(train(0), with(device, 2, new DeliveredPulse(2, 221 * MS, 40, 0))))
                .isEmpty(); // 21 ms: the lateness limit plus the serial allowance
        assertThat(comparison.differences(train(0), with(device, 2, new DeliveredPulse(2, 221 * MS + 1, 40, 0))))
                .singleElement().asString().startsWith("time at 2");
    }

    @Test
    void timesAreComparedFromTheFirstPulseSoSmallErrorsCannotAddUp() {
        List<DeliveredPulse> record = new ArrayList<>();
        List<DeliveredPulse> device = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            record.add(new DeliveredPulse(i, i * 100 * MS, 40, 0));
            device.add(new DeliveredPulse(i, i * 112 * MS, 40, 0)); // each interval 12 ms long: within 21 ms alone
        }
        assertThat(comparison.differences(record, device)).containsExactly(
                "time at 2: record +200.000 ms, device +224.000 ms (tolerance 21.0 ms)",
                "time at 3: record +300.000 ms, device +336.000 ms (tolerance 21.0 ms)",
                "time at 4: record +400.000 ms, device +448.000 ms (tolerance 21.0 ms)");
    }
}
