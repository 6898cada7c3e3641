package org.tmshost.simulator.subject;

/** Standard normal CDF and its inverse, to double precision (series inside |z| <= 3, continued fraction outside). */
final class Gaussian {
    private static final double SQRT_2PI = Math.sqrt(2 * Math.PI);

    private Gaussian() {
    }

    static double cdf(double z) {
        if (z < -3) {
            return upperTail(-z);
        }
        if (z > 3) {
            return 1 - upperTail(z);
        }
        double z2 = z * z;
        double term = z;
        double sum = z;
        for (int n = 1; n < 500 && Math.abs(term) > 1e-17 * Math.abs(sum); n++) {
            term *= z2 / (2 * n + 1);
            sum += term;
        }
        return 0.5 + Math.exp(-0.5 * z2) / SQRT_2PI * sum;
    }

    private static double upperTail(double z) {
        if (z > 40) {
            return 0;
        }
        double f = z;
        int depth = z < 4 ? 60 : z < 5 ? 40 : 24;     // relative error below 3e-15 (checked against erfc)
        for (int k = depth; k >= 1; k--) {
            f = z + k / f;
        }
        return Math.exp(-0.5 * z * z) / SQRT_2PI / f;
    }

    /** Φ⁻¹(p) by bisection, for 1e-12 < p < 1 − 1e-12. */
    static double inverseCdf(double p) {
        if (!(p > 1e-12 && p < 1 - 1e-12)) {
            throw new IllegalArgumentException("p out of range: " + p);
        }
        double lo = -8;
        double hi = 8;
        for (int i = 0; i < 200 && hi - lo > 1e-14; i++) {
            double mid = 0.5 * (lo + hi);
            if (cdf(mid) < p) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return 0.5 * (lo + hi);
    }
}
