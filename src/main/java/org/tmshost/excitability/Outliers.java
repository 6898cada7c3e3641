package org.tmshost.excitability;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Tukey's fences on the log of the amplitude: a MEP below Q1 − 1.5 IQR or above Q3 + 1.5 IQR of
 * its condition's log amplitudes is flagged. MEP amplitudes are close to log-normal, so fences on
 * the raw values would flag the large MEPs of every subject. Amplitudes under 1 µV count as 1 µV.
 * Flagged, never dropped: a lab decides, with the trace in front of it.
 */
public final class Outliers {
    private Outliers() {
    }

    /** Indices into {@code microvolts} of the outliers, in order; none with fewer than 4 values. */
    public static List<Integer> of(double[] microvolts) {
        if (microvolts.length < 4) {
            return List.of();
        }
        double[] logs = new double[microvolts.length];
        for (int i = 0; i < logs.length; i++) {
            logs[i] = Math.log(Math.max(1, microvolts[i]));
        }
        double[] sorted = logs.clone();
        Arrays.sort(sorted);
        double q1 = quartile(sorted, 0.25);
        double q3 = quartile(sorted, 0.75);
        double reach = 1.5 * (q3 - q1);
        List<Integer> flagged = new ArrayList<>();
        for (int i = 0; i < logs.length; i++) {
            if (logs[i] < q1 - reach || logs[i] > q3 + reach) {
                flagged.add(i);
            }
        }
        return List.copyOf(flagged);
    }

    /** Linear interpolation between order statistics (type 7, R's default). */
    static double quartile(double[] sorted, double p) {
        double position = p * (sorted.length - 1);
        int low = (int) Math.floor(position);
        int high = Math.min(sorted.length - 1, low + 1);
        return sorted[low] + (position - low) * (sorted[high] - sorted[low]);
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return quartile(sorted, 0.5);
    }
}
