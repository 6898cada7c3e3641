package org.tmshost.hil;

import org.tmshost.simulator.DeviceEventListener;
import org.tmshost.simulator.SimulatorEventLog;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The simulator's {@code --log} file (the ground truth the matrix reads back), plus a monitor the
 * test can wait on until the device has disarmed, instead of polling the file with sleeps.
 */
final class DeviceEventTee implements DeviceEventListener, Closeable {
    private final SimulatorEventLog log;
    private boolean armed;
    private long lastPulseNanos = System.nanoTime();

    DeviceEventTee(Path file) throws IOException {
        this.log = new SimulatorEventLog(file);
    }

    @Override
    public synchronized void armed(long atNanos) {
        log.armed(atNanos);
        armed = true;
    }

    @Override
    public synchronized void disarmed(long atNanos, String reason) {
        log.disarmed(atNanos, reason);
        armed = false;
        notifyAll();
    }

    @Override
    public synchronized void pulse(int index, long atNanos, int outputPercentMso, int channel) {
        log.pulse(index, atNanos, outputPercentMso, channel);
        lastPulseNanos = System.nanoTime();
        notifyAll();
    }

    @Override
    public synchronized void fault(long atNanos, String code, String message) {
        log.fault(atNanos, code, message);
    }

    /** Waits until the device is not armed, at most {@code timeoutMillis}; true if it is disarmed. */
    synchronized boolean awaitDisarmed(long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        while (armed) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                return false;
            }
            wait(left);
        }
        return true;
    }

    /**
     * Waits until no pulse has come for {@code quietMillis} (a device running a train out on its own),
     * at most {@code timeoutMillis}; true if it went quiet.
     */
    synchronized boolean awaitQuiet(long quietMillis, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        while (true) {
            long quietUntil = lastPulseNanos + quietMillis * 1_000_000;
            long now = System.nanoTime();
            if (now - quietUntil >= 0) {
                return true;
            }
            if (now - deadline >= 0) {
                return false;
            }
            wait(Math.max(1, Math.min(quietUntil - now, deadline - now) / 1_000_000));
        }
    }

    @Override
    public synchronized void close() throws IOException {
        log.close();
    }
}
