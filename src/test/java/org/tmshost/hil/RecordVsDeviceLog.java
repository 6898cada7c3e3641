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
     * Allowance for the serial path: the record holds when a pulse's command left the host (after any
     * wait for the port), the device log when the simulator's reader thread took it. The difference is
     * the hand-off through socat's pseudo-terminals and that thread's wake-up, which on this project's
     * 2-core VM under the suite's load varied by up to 8.9 ms (outliers of 6.2, 7.3 and 8.9 ms in three
     * CI runs, most often at a session's first pulse or a train's start), and since by 11.9, 13.4 and
     * 16.9 ms (three fresh-clone CI runs on 2026-11-29, each on one cell, two of them a pulse after a pause:
     * the host's record is when its write() returned, so all of it lies after the host). Relative times
     * cancel the constant part. It is the test rig's latency, not the host's: the host's own lateness is
     * judged against the profile's limit by the scheduler.
     */
    static final long SERIAL_ALLOWANCE_MICROS = 20_000;

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
