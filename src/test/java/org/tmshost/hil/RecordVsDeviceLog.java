package org.tmshost.hil;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The delivery matrix's pulse-by-pulse comparison of a session's delivered pulses with the device's
 * event log: count, order (the device numbers its pulses 0, 1, 2, ...; the record's plan indexes
 * rise), output %MSO,
 * channel, and each pulse's time relative to the first pulse. Relative times, not intervals: an
 * interval check would let small errors add up over a train.
 *
 * @param timeToleranceNanos how far a recorded relative time may be from the device's: the profile's
 *                           lateness limit plus the serial allowance (see {@link #toleranceNanos})
 */
record RecordVsDeviceLog(long timeToleranceNanos) {
    /**
     * Allowance for the serial path: the record holds when a pulse's command left the host, the device
     * log when the device delivered it. The difference is the hand-off through the pseudo-terminal and
     * the simulator's read loop, plus waiting for the port behind a keep-alive exchange; docs/hil.md
     * measured up to ~4 ms for the latter on this project's VM. Relative times cancel the constant part.
     */
    static final long SERIAL_ALLOWANCE_MICROS = 5_000;

    static RecordVsDeviceLog forLatenessLimit(long latenessLimitMicros) {
        return new RecordVsDeviceLog(toleranceNanos(latenessLimitMicros));
    }

    static long toleranceNanos(long latenessLimitMicros) {
        return (latenessLimitMicros + SERIAL_ALLOWANCE_MICROS) * 1_000;
    }

    /** Every difference, in pulse order; empty when the record equals the device log. */
    List<String> differences(List<DeliveredPulse> record, List<DeliveredPulse> device) {
        List<String> found = new ArrayList<>();
        if (record.size() != device.size()) {
            found.add("count: record " + record.size() + ", device " + device.size());
        }
        int n = Math.min(record.size(), device.size());
        for (int i = 0; i < n; i++) {
            DeliveredPulse r = record.get(i);
            DeliveredPulse d = device.get(i);
            // the device numbers what it delivered 0, 1, 2, ...; the record keeps plan indexes, in order
            if ((i > 0 && r.index() <= record.get(i - 1).index()) || d.index() != i) {
                found.add("order at " + i + ": record index " + r.index() + ", device index " + d.index());
            }
            if (r.outputPercentMso() != d.outputPercentMso()) {
                found.add("output at " + i + ": record " + r.outputPercentMso() + "% MSO, device "
                        + d.outputPercentMso() + "% MSO");
            }
            if (r.channel() != d.channel()) {
                found.add("channel at " + i + ": record " + r.channel() + ", device " + d.channel());
            }
            long recordOffset = r.atNanos() - record.get(0).atNanos();
            long deviceOffset = d.atNanos() - device.get(0).atNanos();
            if (Math.abs(recordOffset - deviceOffset) > timeToleranceNanos) {
                found.add(String.format(Locale.ROOT, "time at %d: record +%.3f ms, device +%.3f ms (tolerance %.1f ms)",
                        i, recordOffset / 1e6, deviceOffset / 1e6, timeToleranceNanos / 1e6));
            }
        }
        return found;
    }

    /** The largest |recorded - delivered| relative time, for the table's footnotes. */
    static long worstTimeDifferenceNanos(List<DeliveredPulse> record, List<DeliveredPulse> device) {
        long worst = 0;
        for (int i = 0; i < Math.min(record.size(), device.size()); i++) {
            long recordOffset = record.get(i).atNanos() - record.get(0).atNanos();
            long deviceOffset = device.get(i).atNanos() - device.get(0).atNanos();
            worst = Math.max(worst, Math.abs(recordOffset - deviceOffset));
        }
        return worst;
    }
}
