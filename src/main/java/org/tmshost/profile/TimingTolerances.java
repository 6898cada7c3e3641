package org.tmshost.profile;

/**
 * How strictly the pulse scheduler must keep time on this rig: a pulse may come at most
 * {@code earlyToleranceMicros} before its interval from the previous actual pulse is complete
 * (never earlier), and more than {@code latenessLimitMicros} late (or 10% of the interval, if
 * smaller) is a timing fault.
 */
public record TimingTolerances(long earlyToleranceMicros, long latenessLimitMicros) {
    public static final TimingTolerances DEFAULT = new TimingTolerances(50, 1000);
}
