package org.tmshost.excitability;

/**
 * One trial of a measurement, in the order given.
 *
 * @param index              0-based, in the order given
 * @param block              0-based balanced block: every condition once per block
 * @param condition          index into the plan's conditions
 * @param pulses             what the device gives
 * @param intervalBeforeNanos from the previous trial's test pulse (from arming, for the first)
 */
public record Trial(int index, int block, int condition, TrialPulses pulses, long intervalBeforeNanos) {
}
