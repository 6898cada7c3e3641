package org.tmshost.threshold;

/**
 * A pulse the hunt runner delivered, for the MEP source to answer.
 *
 * @param index               0-based pulse number within the hunt
 * @param intensityPercentMso the output read back from the device before firing
 * @param firedAtNanos        when it was fired, on the runner's {@link HuntClock}
 */
public record DeliveredPulse(int index, int intensityPercentMso, long firedAtNanos) {
}
