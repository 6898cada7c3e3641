package org.tmshost.excitability;

import java.util.List;

/**
 * The input-output (recruitment) curve as a Boltzmann sigmoid, MEP(x) = MEPmax / (1 + exp(m·(S50 − x))),
 * x in %MSO, fitted to every trial's amplitude by least squares (Levenberg–Marquardt from a few
 * starting slopes, the best kept). The 95% intervals are ±1.96 standard errors from the fit's
 * covariance s²·(JᵀJ)⁻¹ (asymptotic; with 3 parameters and tens of trials). It refuses, saying why,
 * rather than report a curve the data do not hold: too few intensities, no convergence, a curve that
 * does not rise, a midpoint outside the intensities tested, or no plateau (MEPmax undetermined).
 *
 * @param slope m, per %MSO: the steepness; the peak slope is m·MEPmax/4 µV per %MSO
 */
public record BoltzmannFit(double mepMaxMicrovolts, Interval mepMaxCi95, double s50PercentMso, Interval s50Ci95,
                           double slope, Interval slopeCi95, double residualSdMicrovolts) {
    private static final double Z95 = 1.959964;
    private static final int MAX_ITERATIONS = 500;

    /** A fit, or why there is none. */
    public sealed interface Outcome permits Fitted, Refused {
    }

    public record Fitted(BoltzmannFit fit) implements Outcome {
    }

    public record Refused(String reason) implements Outcome {
    }

    /** Fits the readings of a recruitment measurement: x = each trial's test output, y = its MEP. */
    public static Outcome fit(List<TrialReading> readings) {
        double[] x = readings.stream().mapToDouble(r -> r.trial().pulses().testPercentMso()).toArray();
        double[] y = readings.stream().mapToDouble(TrialReading::microvolts).toArray();
        return fit(x, y);
    }

    public static Outcome fit(double[] x, double[] y) {
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        java.util.TreeMap<Double, double[]> means = new java.util.TreeMap<>();
        for (int i = 0; i < x.length; i++) {
            low = Math.min(low, x[i]);
            high = Math.max(high, x[i]);
            double[] sum = means.computeIfAbsent(x[i], k -> new double[2]);
            sum[0] += y[i];
            sum[1]++;
        }
        if (means.size() < 3 || x.length < 6) {
            return new Refused("a Boltzmann curve has 3 parameters: it needs 3 intensities or more and 6 trials or more ("
                    + means.size() + " intensities, " + x.length + " trials)");
        }
        double top = means.values().stream().mapToDouble(s -> s[0] / s[1]).max().orElseThrow();
        if (!(top > 0)) {
            return new Refused("no MEP at any intensity: nothing to fit");
        }
        double[] best = null;
        double bestRss = Double.POSITIVE_INFINITY;
        double midpoint = crossing(means, top / 2, (low + high) / 2);
        for (double slope0 : new double[]{0.05, 0.15, 0.4, 1.0}) {
            double[] p = levenbergMarquardt(x, y, new double[]{top * 1.1, midpoint, slope0});
            if (p != null) {
                double rss = rss(x, y, p);
                if (rss < bestRss) {
                    bestRss = rss;
                    best = p;
                }
            }
        }
        if (best == null) {
            return new Refused("the least-squares fit did not converge");
        }
        if (best[3] == 0) { // still moving after every iteration: typically MEPmax and S50 running off together
            return new Refused(best[0] > 2 * top || best[1] > high
                    ? String.format(java.util.Locale.ROOT, "no plateau within the intensities tested (the MEPs still rise "
                    + "at %.0f %%MSO): MEPmax is undetermined; test higher intensities", high)
                    : "the least-squares fit did not converge");
        }
        if (!(best[0] > 0) || !(best[2] > 0)) {
            return new Refused("the MEPs do not rise with intensity (fitted MEPmax " + Math.round(best[0])
                    + " uV, slope " + String.format(java.util.Locale.ROOT, "%.3g", best[2]) + ")");
        }
        if (best[1] < low || best[1] > high) {
            return new Refused(String.format(java.util.Locale.ROOT, "the curve's midpoint (S50 %.1f %%MSO) lies outside "
                    + "the intensities tested (%.0f-%.0f %%MSO): test %s intensities", best[1], low, high,
                    best[1] > high ? "higher" : "lower"));
        }
        double[][] inverse = invert(normal(x, best));
        int dof = x.length - 3;
        if (inverse == null || dof < 1) {
            return new Refused("the fit's parameters cannot be told apart by these trials (singular)");
        }
        double s2 = bestRss / dof;
        double[] se = new double[3];
        for (int k = 0; k < 3; k++) {
            se[k] = Math.sqrt(Math.max(0, s2 * inverse[k][k]));
        }
        if (!(se[0] < best[0] / 2)) {
            return new Refused(String.format(java.util.Locale.ROOT, "no plateau within the intensities tested: MEPmax "
                    + "%.0f uV is undetermined (standard error %.0f uV); test higher intensities", best[0], se[0]));
        }
        return new Fitted(new BoltzmannFit(best[0], interval(best[0], se[0]), best[1], interval(best[1], se[1]),
                best[2], interval(best[2], se[2]), Math.sqrt(s2)));
    }

    /** The fitted curve at {@code percentMso}. */
    public double microvoltsAt(double percentMso) {
        return mepMaxMicrovolts / (1 + Math.exp(slope * (s50PercentMso - percentMso)));
    }

    private static Interval interval(double value, double se) {
        return new Interval(value - Z95 * se, value + Z95 * se);
    }

    /** Where the condition means first reach {@code level}, by linear interpolation; else {@code otherwise}. */
    private static double crossing(java.util.TreeMap<Double, double[]> means, double level, double otherwise) {
        Double previousX = null;
        double previousY = 0;
        for (var e : means.entrySet()) {
            double mean = e.getValue()[0] / e.getValue()[1];
            if (mean >= level) {
                return previousX == null || mean == previousY ? e.getKey()
                        : previousX + (level - previousY) * (e.getKey() - previousX) / (mean - previousY);
            }
            previousX = e.getKey();
            previousY = mean;
        }
        return otherwise;
    }

    /** The parameters and, last, 1 if they converged (0 if the iterations ran out first); null if singular. */
    private static double[] levenbergMarquardt(double[] x, double[] y, double[] start) {
        double[] p = start.clone();
        double lambda = 1e-3;
        double current = rss(x, y, p);
        for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            double[][] a = normal(x, p);
            double[] g = gradient(x, y, p);
            double[][] damped = new double[3][3];
            for (int i = 0; i < 3; i++) {
                System.arraycopy(a[i], 0, damped[i], 0, 3);
                damped[i][i] += lambda * Math.max(a[i][i], 1e-12);
            }
            double[][] inverse = invert(damped);
            if (inverse == null) {
                return null;
            }
            double[] step = new double[3];
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    step[i] += inverse[i][j] * g[j];
                }
            }
            double[] trial = {p[0] + step[0], p[1] + step[1], p[2] + step[2]};
            double next = rss(x, y, trial);
            if (Double.isFinite(next) && next < current) {
                boolean converged = (current - next) <= 1e-10 * current;
                p = trial;
                current = next;
                lambda = Math.max(lambda / 10, 1e-12);
                if (converged) {
                    return new double[]{p[0], p[1], p[2], 1};
                }
            } else {
                lambda *= 10;
                if (lambda > 1e12) {
                    return new double[]{p[0], p[1], p[2], 1}; // no step lowers the residual: a minimum
                }
            }
        }
        return new double[]{p[0], p[1], p[2], 0};
    }

    private static double rss(double[] x, double[] y, double[] p) {
        double total = 0;
        for (int i = 0; i < x.length; i++) {
            double r = y[i] - model(x[i], p);
            total += r * r;
        }
        return total;
    }

    private static double model(double x, double[] p) {
        return p[0] / (1 + Math.exp(p[2] * (p[1] - x)));
    }

    private static double[] jacobianRow(double x, double[] p) {
        double e = Math.exp(p[2] * (p[1] - x));
        double d = (1 + e) * (1 + e);
        return new double[]{1 / (1 + e), -p[0] * p[2] * e / d, -p[0] * (p[1] - x) * e / d};
    }

    /** JᵀJ. */
    private static double[][] normal(double[] x, double[] p) {
        double[][] a = new double[3][3];
        for (double xi : x) {
            double[] j = jacobianRow(xi, p);
            for (int r = 0; r < 3; r++) {
                for (int c = 0; c < 3; c++) {
                    a[r][c] += j[r] * j[c];
                }
            }
        }
        return a;
    }

    /** Jᵀr. */
    private static double[] gradient(double[] x, double[] y, double[] p) {
        double[] g = new double[3];
        for (int i = 0; i < x.length; i++) {
            double[] j = jacobianRow(x[i], p);
            double r = y[i] - model(x[i], p);
            for (int k = 0; k < 3; k++) {
                g[k] += j[k] * r;
            }
        }
        return g;
    }

    /** The inverse of a 3x3 matrix, or null if it is (nearly) singular. */
    private static double[][] invert(double[][] m) {
        double det = m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1])
                - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
                + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
        double scale = Math.abs(m[0][0] * m[1][1] * m[2][2]);
        if (det == 0 || !Double.isFinite(det) || Math.abs(det) < 1e-14 * scale) {
            return null;
        }
        double[][] inv = new double[3][3];
        inv[0][0] = (m[1][1] * m[2][2] - m[1][2] * m[2][1]) / det;
        inv[0][1] = (m[0][2] * m[2][1] - m[0][1] * m[2][2]) / det;
        inv[0][2] = (m[0][1] * m[1][2] - m[0][2] * m[1][1]) / det;
        inv[1][0] = (m[1][2] * m[2][0] - m[1][0] * m[2][2]) / det;
        inv[1][1] = (m[0][0] * m[2][2] - m[0][2] * m[2][0]) / det;
        inv[1][2] = (m[0][2] * m[1][0] - m[0][0] * m[1][2]) / det;
        inv[2][0] = (m[1][0] * m[2][1] - m[1][1] * m[2][0]) / det;
        inv[2][1] = (m[0][1] * m[2][0] - m[0][0] * m[2][1]) / det;
        inv[2][2] = (m[0][0] * m[1][1] - m[0][1] * m[1][0]) / det;
        return inv;
    }
}
