package org.tmshost.console;

import java.util.Locale;

/** Durations for people. */
public final class Durations {
    private Durations() {
    }

    /** "37 min 04 s", "40 s", "2.5 ms". */
    public static String human(long nanos) {
        if (nanos < 1_000_000_000L) {
            return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
        }
        double seconds = nanos / 1e9;
        if (seconds < 60) {
            return String.format(Locale.ROOT, seconds == Math.rint(seconds) ? "%.0f s" : "%.2f s", seconds);
        }
        long whole = Math.round(seconds);
        return String.format(Locale.ROOT, "%d min %02d s", whole / 60, whole % 60);
    }
}
