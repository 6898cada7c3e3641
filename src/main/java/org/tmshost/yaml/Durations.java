package org.tmshost.yaml;

import java.util.Locale;

/**
 * Durations and intervals for people, the one formatter of everything human-facing that says how
 * long: "1 h 05 min", "3 min 12 s", "40 s", "12.5 s", "0.8 s", "2.5 ms", "250 µs". Never a
 * fraction of a minute ("0.174 min"), never more than one decimal.
 */
public final class Durations {
    private static final long MICRO = 1_000L;
    private static final long MILLI = 1_000_000L;
    private static final long SECOND = 1_000_000_000L;

    private Durations() {
    }

    /**
     * From an hour: hours and minutes; from a minute: minutes and seconds (each rounded to the
     * nearest); below a minute seconds to a tenth, dropping ".0"; below 0.1 s milliseconds to a tenth;
     * below 1 ms whole microseconds. A negative duration is shown as 0.
     */
    public static String human(long nanos) {
        long n = Math.max(0, nanos);
        if (n < MILLI) {
            return Math.round((double) n / MICRO) + " µs";
        }
        if (n < SECOND / 10) {
            return tenths((double) n / MILLI) + " ms";
        }
        long tenthsOfSecond = Math.round((double) n / (SECOND / 10));
        if (tenthsOfSecond < 600) {
            return tenths(tenthsOfSecond / 10.0) + " s";
        }
        long seconds = Math.round((double) n / SECOND);
        if (seconds < 3600) {
            return String.format(Locale.ROOT, "%d min %02d s", seconds / 60, seconds % 60);
        }
        long minutes = Math.round(seconds / 60.0);
        return String.format(Locale.ROOT, "%d h %02d min", minutes / 60, minutes % 60);
    }

    /** "12.5", "40" (no ".0"). */
    private static String tenths(double value) {
        String shown = String.format(Locale.ROOT, "%.1f", value);
        return shown.endsWith(".0") ? shown.substring(0, shown.length() - 2) : shown;
    }
}
