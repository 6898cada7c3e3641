package org.tmshost.simulator.magventure;

import java.util.Arrays;

/** Pulses the emulated device has committed to, in time order (a trigger's next pulse, a train's). */
final class PulseQueue {
    private long[] atNanos = new long[16];
    private int[] channels = new int[16];
    private int size;

    void add(long at, int channel) {
        if (size == atNanos.length) {
            atNanos = Arrays.copyOf(atNanos, size * 2);
            channels = Arrays.copyOf(channels, size * 2);
        }
        int i = size++;
        while (i > 0 && atNanos[i - 1] > at) {
            atNanos[i] = atNanos[i - 1];
            channels[i] = channels[i - 1];
            i--;
        }
        atNanos[i] = at;
        channels[i] = channel;
    }

    boolean isEmpty() {
        return size == 0;
    }

    long nextAt() {
        return atNanos[0];
    }

    int nextChannel() {
        return channels[0];
    }

    void removeFirst() {
        size--;
        System.arraycopy(atNanos, 1, atNanos, 0, size);
        System.arraycopy(channels, 1, channels, 0, size);
    }

    void clear() {
        size = 0;
    }
}
