package org.tmshost.profile;

import java.math.BigDecimal;
import java.util.List;

/**
 * The Magstim Rapid energy model (Rapid2 host protocol TDb 087 §3, as in MagPy): J(p) joules per
 * pulse at output p; at most {@code trainEnergyBudgetJoules} per train, so on-time &le;
 * budget / (f x J); and a wait after each train of at least
 * {@code max(minWait, N x (f x J - recharge) / (recharge x f))} seconds.
 */
public record EnergyModel(List<BigDecimal> joulesPerPulse, BigDecimal trainEnergyBudgetJoules,
                          BigDecimal rechargeJoulesPerSecond, BigDecimal minWaitAfterTrainSeconds) {
    public EnergyModel {
        joulesPerPulse = List.copyOf(joulesPerPulse);
    }

    /** Joules per pulse at an output (index = %MSO). */
    public BigDecimal joules(int outputPercentMso) {
        if (outputPercentMso < 0 || outputPercentMso >= joulesPerPulse.size()) {
            throw new IllegalArgumentException("no energy figure for " + outputPercentMso + "% MSO");
        }
        return joulesPerPulse.get(outputPercentMso);
    }
}
