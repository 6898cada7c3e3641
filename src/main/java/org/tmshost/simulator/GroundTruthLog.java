package org.tmshost.simulator;

import java.util.Arrays;
import java.util.concurrent.locks.LockSupport;

/**
 * Every pulse the simulated device delivered, on the device's own clock: the ground truth that
 * host-side records and timing are checked against. Pre-sized so that recording does not allocate
 * on the pulse thread; grows (allocating) only past its capacity.
 */
public final class GroundTruthLog {
    private long[] atNanos;
    private int[] outputsPercentMso;
    private byte[] channels;
    private int[] hostIndices;
    private volatile int size;
    private volatile Thread waiter;

    public GroundTruthLog(int expectedPulses) {
        int capacity = Math.max(16, expectedPulses);
        atNanos = new long[capacity];
        outputsPercentMso = new int[capacity];
        channels = new byte[capacity];
        hostIndices = new int[capacity];
    }

    void record(long nowNanos, int outputPercentMso, int channel, int hostIndex) {
        int n = size;
        if (n == atNanos.length) {
            atNanos = Arrays.copyOf(atNanos, n * 2);
            outputsPercentMso = Arrays.copyOf(outputsPercentMso, n * 2);
            channels = Arrays.copyOf(channels, n * 2);
            hostIndices = Arrays.copyOf(hostIndices, n * 2);
        }
        atNanos[n] = nowNanos;
        outputsPercentMso[n] = outputPercentMso;
        channels[n] = (byte) channel;
        hostIndices[n] = hostIndex;
        size = n + 1;
        Thread w = waiter;
        if (w != null) {
            LockSupport.unpark(w); // lock-free: this runs on the pulse thread
        }
    }

    /**
     * Waits until the device has delivered {@code pulses}, woken by each delivery (no polling); one
     * waiting thread at a time.
     *
     * @return true if it had, false when {@code timeout} passed first
     */
    public boolean awaitSize(int pulses, java.time.Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        waiter = Thread.currentThread();
        try {
            while (size < pulses) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                LockSupport.parkNanos(this, left);
            }
            return true;
        } finally {
            waiter = null;
        }
    }

    public int size() {
        return size;
    }

    public long atNanos(int pulse) {
        return atNanos[pulse];
    }

    public int outputPercentMso(int pulse) {
        return outputsPercentMso[pulse];
    }

    public int channel(int pulse) {
        return channels[pulse];
    }

    /** The index the host gave the pulse when it fired it. */
    public int hostIndex(int pulse) {
        return hostIndices[pulse];
    }
}
