package org.tmshost.session;

import org.tmshost.record.CoilTemperatureRow;
import org.tmshost.record.RecordStore;

import java.util.ArrayList;
import java.util.List;

/**
 * The coil temperature over a session, for its report: the interlock monitor offers every reading it
 * already takes ({@link #offer}, allocation-free but for a rare doubling of its buffer); a reading is
 * kept when {@link #PERIOD_NANOS} has passed since the last kept one, or when it differs from it by
 * {@link #CHANGE_CELSIUS} and {@link #MIN_GAP_NANOS} has passed. The recorder writes what was kept in
 * batches ({@link #write}); a batch the store refuses stays pending for the next round. The pulse
 * thread never sees it. A device that does not read its coil's temperature (a TTL rig) keeps none.
 */
final class CoilTemperatureLog {
    static final long PERIOD_NANOS = 1_000_000_000L;
    static final double CHANGE_CELSIUS = 0.5;
    static final long MIN_GAP_NANOS = 100_000_000L;

    private final RecordStore store;
    private final long sessionId;
    private final long t0Nanos;
    private final boolean reads;
    private long[] atNanos = new long[64];
    private double[] celsius = new double[64];
    private int pending;
    private boolean kept;
    private long lastKeptNanos;
    private double lastKeptCelsius;

    CoilTemperatureLog(RecordStore store, long sessionId, long t0Nanos, boolean reads) {
        this.store = store;
        this.sessionId = sessionId;
        this.t0Nanos = t0Nanos;
        this.reads = reads;
    }

    /** A log that keeps nothing (a device without a coil reading, tests of other duties). */
    static CoilTemperatureLog none() {
        return new CoilTemperatureLog(null, 0, 0, false);
    }

    /** A reading the monitor took at {@code nowNanos} (host clock); kept or not by the rule above. */
    synchronized void offer(long nowNanos, double readCelsius) {
        if (!reads || !Double.isFinite(readCelsius)) {
            return;
        }
        long since = nowNanos - lastKeptNanos;
        if (kept && since < PERIOD_NANOS
                && (since < MIN_GAP_NANOS || Math.abs(readCelsius - lastKeptCelsius) < CHANGE_CELSIUS)) {
            return;
        }
        if (pending == atNanos.length) {
            atNanos = java.util.Arrays.copyOf(atNanos, pending * 2);
            celsius = java.util.Arrays.copyOf(celsius, pending * 2);
        }
        atNanos[pending] = nowNanos;
        celsius[pending] = readCelsius;
        pending++;
        kept = true;
        lastKeptNanos = nowNanos;
        lastKeptCelsius = readCelsius;
    }

    /** Samples kept and not yet written (tests of the keeping rule). */
    synchronized int pendingSamples() {
        return pending;
    }

    /**
     * Writes the kept samples not yet on record, in one transaction (the recorder, and once more at
     * the end); a refused write leaves them pending.
     *
     * @return the samples written
     * @throws org.tmshost.record.RecordException as the store throws it
     */
    int write() {
        List<CoilTemperatureRow> rows;
        synchronized (this) {
            rows = new ArrayList<>(pending);
            for (int i = 0; i < pending; i++) {
                rows.add(new CoilTemperatureRow(Math.floorDiv(atNanos[i] - t0Nanos, 1_000L), celsius[i]));
            }
        }
        if (rows.isEmpty()) {
            return 0;
        }
        store.appendCoilTemperatures(sessionId, rows);
        synchronized (this) { // samples offered meanwhile move to the front
            int left = pending - rows.size();
            System.arraycopy(atNanos, rows.size(), atNanos, 0, left);
            System.arraycopy(celsius, rows.size(), celsius, 0, left);
            pending = left;
        }
        return rows.size();
    }
}
