package org.tmshost.simulator;

import org.tmshost.profile.EnergyModel;

/**
 * The energy rule of a Magstim Rapid as the device enforces it (profile {@code energyModel}): a
 * train (pulses less than the minimum wait apart) may draw at most the budget (63,000 J), and the
 * next train may start only after {@code max(minWait, E / recharge - onTime)}, the time to
 * recharge what the train drew beyond what was recharged during it. Single-threaded: owned by the
 * simulated device's fire path; allocation-free.
 */
final class EnergyBudget {
    private final EnergyModel model;
    private final long minWaitNanos;
    private final double budgetJoules;
    private final double rechargeJoulesPerSecond;
    private long trainStartNanos = Long.MIN_VALUE;
    private long lastPulseNanos = Long.MIN_VALUE;
    private double trainJoules;
    private int trainPulses;

    EnergyBudget(EnergyModel model) {
        this.model = model;
        this.minWaitNanos = model.minWaitAfterTrainSeconds().movePointRight(9).longValue();
        this.budgetJoules = model.trainEnergyBudgetJoules().doubleValue();
        this.rechargeJoulesPerSecond = model.rechargeJoulesPerSecond().doubleValue();
    }

    /** True if the device can deliver a pulse at this output now; if so, the pulse is counted. */
    boolean admit(long nowNanos, int outputPercentMso) {
        double joules = model.joules(outputPercentMso).doubleValue();
        boolean startsTrain = lastPulseNanos == Long.MIN_VALUE || nowNanos - lastPulseNanos >= minWaitNanos;
        if (startsTrain && lastPulseNanos != Long.MIN_VALUE) {
            // on-time N / f of a uniform train: the first-to-last span is N - 1 intervals
            double spanSeconds = (lastPulseNanos - trainStartNanos) / 1e9;
            double onTimeSeconds = trainPulses > 1 ? spanSeconds * trainPulses / (trainPulses - 1) : 0;
            double requiredWaitSeconds = Math.max(minWaitNanos / 1e9, trainJoules / rechargeJoulesPerSecond - onTimeSeconds);
            if ((nowNanos - lastPulseNanos) / 1e9 < requiredWaitSeconds) {
                return false;
            }
        }
        double drawn = startsTrain ? joules : trainJoules + joules;
        if (drawn > budgetJoules) {
            return false;
        }
        if (startsTrain) {
            trainStartNanos = nowNanos;
            trainPulses = 0;
        }
        trainPulses++;
        trainJoules = drawn;
        lastPulseNanos = nowNanos;
        return true;
    }
}
