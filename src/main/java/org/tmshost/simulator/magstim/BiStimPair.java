package org.tmshost.simulator.magstim;

/**
 * A BiStim²'s paired pulse: the interval from unit A to unit B ({@code C}; 1 ms steps, or 0.1 ms in
 * high resolution, {@code Y}/{@code Z}), and {@code EH}'s two discharges: unit A at the command,
 * unit B timed from unit A's discharge and delivered only if the unit is still armed at its due
 * time. An interval of 0 is one simultaneous discharge of both units. Not thread-safe: the
 * emulator's lock guards it.
 */
final class BiStimPair {
    private final MagstimUnit unit;
    private int interval;
    private boolean highResolution;
    private boolean secondPending;
    private long secondDueNanos = -1;

    BiStimPair(MagstimUnit unit) {
        this.unit = unit;
    }

    int interval() {
        return interval;
    }

    void interval(int value) {
        interval = value;
    }

    /** {@code Y} on, {@code Z} off. */
    void highResolution(boolean on) {
        highResolution = on;
    }

    /** {@code X@}: 1 simultaneous, 2 low-resolution BiStim, 4 high-resolution BiStim (master; cboulay README). */
    String systemMode() {
        if (interval == 0) {
            return "1";
        }
        return highResolution ? "4" : "2";
    }

    /** {@code EH}: whether unit A's (or the simultaneous) discharge was delivered. */
    boolean fire(long now) {
        boolean simultaneous = unit.powerB() > 0 && interval == 0;
        boolean first = unit.fireA(now, simultaneous);
        if (!simultaneous && unit.powerB() > 0 && first) {
            // unit B's timer runs from unit A's discharge, as the model recorded it
            secondPending = true;
            secondDueNanos = unit.lastPulseNanos() + interval * (highResolution ? 100_000L : 1_000_000L);
            run(now);
        }
        return first;
    }

    /** Unit B's discharge, if due by {@code now}, at its own due time. */
    void run(long now) {
        if (secondPending && now - secondDueNanos >= 0) {
            secondPending = false;
            unit.onTime(secondDueNanos, () -> {
                if (unit.armed()) {
                    unit.deliver(secondDueNanos, 1, unit.powerB(), false);
                }
                return null;
            });
        }
    }

    boolean pending() {
        return secondPending;
    }

    long secondDueNanos() {
        return secondDueNanos;
    }

    /** The unit disarmed: unit B does not fire. */
    void cancel() {
        secondPending = false;
    }
}
