package org.tmshost.simulator.subject;

import java.util.List;

/**
 * How a conditioning pulse {@code isiMs} before the test pulse changes a virtual subject's test MEP
 * (docs/excitability.md, "Virtual subjects"). The signal part of the test MEP is multiplied by
 * m(isi, c)·V, with
 * <ul>
 *   <li>r(isi): the conditioned/test ratio at the reference conditioning intensity, linear between
 *       the listed points and 1 outside them (no interaction);</li>
 *   <li>depth d(c) = clamp((c − onset)/(reference − onset), 0, 1), c the conditioning pulse in %RMT:
 *       nothing at or below the onset, all of it at and above the reference (a monotone ramp: the
 *       U-shape of SICI above ~90% RMT is not modelled);</li>
 *   <li>m = 1 + d·(r − 1);</li>
 *   <li>V = exp(s·u − s²/2), u ~ N(0,1): trial-to-trial variability with E[V] = 1 exactly, so the
 *       expected conditioned/test ratio of the signal means is m.</li>
 * </ul>
 *
 * @param referenceConditioningPercentRmt where the listed ratios hold in full
 * @param onsetConditioningPercentRmt     at or below this the conditioning pulse does nothing
 * @param points                          ISI → ratio at the reference intensity, ISIs strictly increasing
 * @param conditionedVariabilityLogSd     s above: SD of the log of the per-trial modulation
 */
public record PairedPulseModel(double referenceConditioningPercentRmt, double onsetConditioningPercentRmt,
                               List<Point> points, double conditionedVariabilityLogSd) {
    public static final double DEFAULT_REFERENCE_PERCENT_RMT = 80;
    public static final double DEFAULT_ONSET_PERCENT_RMT = 60;
    public static final int MAX_POINTS = 100;

    /** No modulation: every conditioned trial is a test trial (a subject file without {@code pairedPulse}). */
    public static final PairedPulseModel NONE = new PairedPulseModel(DEFAULT_REFERENCE_PERCENT_RMT,
            DEFAULT_ONSET_PERCENT_RMT, List.of(), 0);

    /** One point of the ISI curve: at {@code isiMs} the conditioned/test ratio is {@code ratio}. */
    public record Point(double isiMs, double ratio) {
        public Point {
            if (!(isiMs > 0 && isiMs <= 1000) || !(ratio >= 0 && ratio <= 5)) {
                throw new IllegalArgumentException("a paired-pulse point needs isiMs in (0, 1000] and ratio in [0, 5], was "
                        + isiMs + " ms -> " + ratio);
            }
        }
    }

    public PairedPulseModel {
        points = List.copyOf(points);
        if (!(onsetConditioningPercentRmt >= 0 && onsetConditioningPercentRmt < referenceConditioningPercentRmt
                && referenceConditioningPercentRmt <= 200)) {
            throw new IllegalArgumentException("need 0 <= onset < reference <= 200 %RMT, were "
                    + onsetConditioningPercentRmt + " and " + referenceConditioningPercentRmt);
        }
        if (points.size() > MAX_POINTS) {
            throw new IllegalArgumentException("at most " + MAX_POINTS + " paired-pulse points");
        }
        for (int i = 1; i < points.size(); i++) {
            if (!(points.get(i).isiMs() > points.get(i - 1).isiMs())) {
                throw new IllegalArgumentException("paired-pulse points must have strictly increasing isiMs");
            }
        }
        if (!(conditionedVariabilityLogSd >= 0 && conditionedVariabilityLogSd <= 1.5)) {
            throw new IllegalArgumentException("conditionedVariabilityLogSd in [0, 1.5], was " + conditionedVariabilityLogSd);
        }
    }

    /** Whether any interval changes the test MEP. */
    public boolean modulates() {
        return points.stream().anyMatch(p -> p.ratio() != 1);
    }

    /** r(isi): the ratio at the reference intensity, linear between points, 1 outside them. */
    public double referenceRatio(double isiMs) {
        if (points.isEmpty() || isiMs < points.get(0).isiMs() || isiMs > points.get(points.size() - 1).isiMs()) {
            return 1;
        }
        for (int i = 1; i < points.size(); i++) {
            Point right = points.get(i);
            if (isiMs <= right.isiMs()) {
                Point left = points.get(i - 1);
                double t = (isiMs - left.isiMs()) / (right.isiMs() - left.isiMs());
                return left.ratio() + t * (right.ratio() - left.ratio());
            }
        }
        return points.get(0).ratio(); // a single point, at exactly its interval
    }

    /** d(c): the share of the reference depth a conditioning pulse at {@code percentRmt} gives. */
    public double depth(double conditioningPercentRmt) {
        double d = (conditioningPercentRmt - onsetConditioningPercentRmt)
                / (referenceConditioningPercentRmt - onsetConditioningPercentRmt);
        return Math.max(0, Math.min(1, d));
    }

    /** m(isi, c) = 1 + d(c)·(r(isi) − 1); 1 without a conditioning pulse. */
    public double modulation(double conditioningPercentRmt, double isiMs) {
        if (conditioningPercentRmt <= 0) {
            return 1;
        }
        return 1 + depth(conditioningPercentRmt) * (referenceRatio(isiMs) - 1);
    }

    /** V for a standard normal draw u: log-normal with mean exactly 1. */
    public double variability(double u) {
        double s = conditionedVariabilityLogSd;
        return Math.exp(s * u - s * s / 2);
    }
}
