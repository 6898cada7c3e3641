package org.tmshost.excitability;

/**
 * A trial given and its MEP.
 *
 * @param firedAtNanos when its test pulse was fired, on the runner's clock
 * @param microvolts   peak-to-peak MEP after the test pulse
 */
public record TrialReading(Trial trial, long firedAtNanos, double microvolts) {
}
