package org.tmshost.bench;

import org.tmshost.device.PulseTrigger;

import java.lang.management.ManagementFactory;

/**
 * The bench's trigger, the same for every approach: stamps {@link System#nanoTime()} on entry (the
 * moment the pulse would leave the host), publishes a count for the recorder thread, and reads the
 * firing thread's CPU time and allocated bytes at the first and last pulse. Allocation-free.
 */
final class ProbeTrigger implements PulseTrigger {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private final long[] firedAtNanos;
    private final int lastPulse;
    private volatile int published;
    long cpuAtFirstNanos = -1;
    long cpuAtLastNanos = -1;
    long bytesAtFirst = -1;
    long bytesAtLast = -1;

    ProbeTrigger(int pulseCount) {
        this.firedAtNanos = new long[pulseCount];
        this.lastPulse = pulseCount - 1;
    }

    @Override
    public long fire(int pulseIndex, int outputPercentMso, int channel) {
        firedAtNanos[pulseIndex] = System.nanoTime();
        published = pulseIndex + 1;
        if (pulseIndex == 0) {
            cpuAtFirstNanos = THREADS.getCurrentThreadCpuTime();
            bytesAtFirst = THREADS.getCurrentThreadAllocatedBytes();
        } else if (pulseIndex == lastPulse) {
            cpuAtLastNanos = THREADS.getCurrentThreadCpuTime();
            bytesAtLast = THREADS.getCurrentThreadAllocatedBytes();
        }
        return System.nanoTime() - firedAtNanos[pulseIndex]; // the probe's pulse is its time stamp, taken first
    }

    int published() {
        return published;
    }

    long firedAtNanos(int pulse) {
        return firedAtNanos[pulse];
    }

    int pulseCount() {
        return firedAtNanos.length;
    }
}
