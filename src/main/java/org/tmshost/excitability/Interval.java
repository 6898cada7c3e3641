package org.tmshost.excitability;

/** A 95% confidence interval, lower and upper bound. */
public record Interval(double lower, double upper) {
    public Interval {
        if (!(lower <= upper)) {
            throw new IllegalArgumentException("an interval needs lower <= upper, was [" + lower + ", " + upper + "]");
        }
    }

    public boolean contains(double value) {
        return value >= lower && value <= upper;
    }
}
