package org.tmshost.simulator;

import org.tmshost.timing.RealTime;

/**
 * A simulated device keeps device time: its threads (and the pty relay it serves through) run at
 * SCHED_FIFO {@value RealTime#DEVICE_PRIORITY}, above the host's pulse thread, where the system
 * allows it. Under load a device thread at normal priority read a host's command up to 20 ms late
 * and logged it so (docs/hil.md). Off with {@code -Dtmshost.simulator.realtime=off}; without the
 * rights nothing changes.
 */
public final class DeviceThreads {
    static final String PROPERTY = "tmshost.simulator.realtime";

    private DeviceThreads() {
    }

    /** Promotes the calling thread; call it first thing on a device thread. */
    public static void promoteCurrent() {
        promote(0);
    }

    /** Promotes thread or process {@code tid}. */
    public static void promote(long tid) {
        if (!"off".equalsIgnoreCase(System.getProperty(PROPERTY, ""))) {
            RealTime.fifo(tid, RealTime.DEVICE_PRIORITY);
        }
    }
}
