package org.tmshost.safety;

import org.tmshost.profile.EnergyModel;
import org.tmshost.protocol.PulsePlan;
import org.tmshost.protocol.Rtms;
import org.tmshost.protocol.ThetaBurst;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Optional;

/**
 * {@code device.energy} (BLOCKED), for profiles with an energy model (Magstim Rapid family). Per
 * train, with J the joules per pulse at the train's highest output, f the train's peak
 * instantaneous rate and N its pulses: the on-time must not exceed {@code budget / (f x J)}, and
 * the wait after it (none after the last train) must be at least
 * {@code max(minWait, N x (f x J - recharge) / (recharge x f))}. Both compared exactly by
 * cross-multiplication.
 *
 * <p>f is the rTMS frequency; for theta burst the intra-burst frequency (the peak rate, the safer
 * reading: the burst rate would understate the energy drawn within a burst); for other kinds the
 * shortest interval within the train. A train of a single pulse has no rate: only the minimum wait applies.
 */
final class DeviceEnergyRule implements EnvelopeRule {
    static final String ID = "device.energy";
    private static final BigDecimal NANOS_PER_SECOND = BigDecimal.valueOf(1_000_000_000L);

    @Override
    public void check(EnvelopeContext ctx, List<Finding> out) {
        Optional<EnergyModel> found = ctx.profile().limits().energyModel();
        if (found.isEmpty()) {
            return;
        }
        Optional<PulsePlan> planFound = ctx.plan(ID);
        if (planFound.isEmpty()) {
            return;
        }
        EnergyModel model = found.get();
        PulsePlan plan = planFound.get();
        BigDecimal budget = model.trainEnergyBudgetJoules();
        BigDecimal recharge = model.rechargeJoulesPerSecond();
        int onTimeCount = 0;
        String onTimeFirst = null;
        int waitCount = 0;
        String waitFirst = null;
        int trains = plan.trainCount();
        for (int t = 0; t < trains; t++) {
            int n = plan.trainPulseCount(t);
            int output = highestOutput(plan, t);
            String train = "train " + (t + 1) + " of " + trains;
            if (output >= model.joulesPerPulse().size()) {
                onTimeCount++;
                if (onTimeFirst == null) {
                    onTimeFirst = train + " at " + output + "% MSO: the energy model has no figure for this output";
                }
                continue;
            }
            BigDecimal joules = model.joules(output);
            Optional<BigDecimal> rate = peakRateHz(ctx, plan, t);
            BigDecimal onTimeNanos = BigDecimal.valueOf(plan.trainDurationNanos(t));
            String atWhat = Display.hz(rate.orElse(BigDecimal.ZERO)) + ", " + output + "% MSO ("
                    + Display.number(joules) + " J per pulse)";
            if (rate.isPresent() && onTimeNanos.multiply(rate.get()).multiply(joules)
                    .compareTo(budget.multiply(NANOS_PER_SECOND)) > 0) {
                onTimeCount++;
                if (onTimeFirst == null) {
                    BigDecimal maxOnTime = budget.divide(rate.get().multiply(joules), MathContext.DECIMAL64);
                    onTimeFirst = train + ": on-time " + Display.secondsFromNanos(plan.trainDurationNanos(t)) + " at "
                            + atWhat + " exceeds the device's " + Display.seconds(maxOnTime) + " ("
                            + Display.number(budget) + " J / (f x J))";
                }
            }
            if (t + 1 >= trains) {
                continue;
            }
            long waitNanos = plan.waitAfterTrainNanos(t);
            BigDecimal wait = BigDecimal.valueOf(waitNanos);
            boolean tooShort = wait.compareTo(model.minWaitAfterTrainSeconds().multiply(NANOS_PER_SECOND)) < 0;
            BigDecimal required = model.minWaitAfterTrainSeconds();
            if (rate.isPresent()) {
                BigDecimal f = rate.get();
                BigDecimal excessPower = f.multiply(joules).subtract(recharge);
                // wait < N (fJ - R) / (R f)  <=>  wait_ns x R x f < N (fJ - R) x 1e9   (R, f > 0)
                if (wait.multiply(recharge).multiply(f).compareTo(
                        BigDecimal.valueOf(n).multiply(excessPower).multiply(NANOS_PER_SECOND)) < 0) {
                    tooShort = true;
                }
                BigDecimal formula = BigDecimal.valueOf(n).multiply(excessPower)
                        .divide(recharge.multiply(f), MathContext.DECIMAL64);
                required = required.max(formula);
            }
            if (tooShort) {
                waitCount++;
                if (waitFirst == null) {
                    waitFirst = "the wait of " + Display.secondsFromNanos(waitNanos) + " after " + train + " ("
                            + n + " pulses at " + atWhat + ") is shorter than the " + Display.seconds(required)
                            + " the device needs (max(" + Display.seconds(model.minWaitAfterTrainSeconds())
                            + ", N x (f x J - " + Display.number(recharge) + " J/s) / (" + Display.number(recharge)
                            + " J/s x f)))";
                }
            }
        }
        if (onTimeCount + waitCount > 0) {
            StringBuilder message = new StringBuilder();
            if (onTimeFirst != null) {
                message.append(onTimeFirst).append("; ").append(Display.count(onTimeCount, "train")).append(" affected");
            }
            if (waitFirst != null) {
                if (message.length() > 0) {
                    message.append(". ");
                }
                message.append(Character.toUpperCase(waitFirst.charAt(0))).append(waitFirst.substring(1))
                        .append("; ").append(Display.count(waitCount, "wait")).append(" affected");
            }
            out.add(new Finding(ID, Severity.BLOCKED, message.toString(), ctx.profileCitation()));
        }
    }

    private static int highestOutput(PulsePlan plan, int train) {
        int first = plan.trainFirstPulse(train);
        int highest = 0;
        for (int i = first; i < first + plan.trainPulseCount(train); i++) {
            highest = Math.max(highest, plan.outputPercentMso(i));
        }
        return highest;
    }

    /** The train's peak instantaneous rate; empty for a train of one pulse of a kind without a stated rate. */
    static Optional<BigDecimal> peakRateHz(EnvelopeContext ctx, PulsePlan plan, int train) {
        if (ctx.protocol() instanceof Rtms) {
            return Optional.of(((Rtms) ctx.protocol()).frequencyHz());
        }
        if (ctx.protocol() instanceof ThetaBurst) {
            ThetaBurst tbs = (ThetaBurst) ctx.protocol();
            return Optional.of(tbs.pulsesPerBurst() > 1 ? tbs.intraBurstFrequencyHz() : tbs.burstFrequencyHz());
        }
        int first = plan.trainFirstPulse(train);
        long shortest = Long.MAX_VALUE;
        for (int i = first + 1; i < first + plan.trainPulseCount(train); i++) {
            shortest = Math.min(shortest, plan.offsetNanos(i) - plan.offsetNanos(i - 1));
        }
        return shortest == Long.MAX_VALUE ? Optional.empty()
                : Optional.of(NANOS_PER_SECOND.divide(BigDecimal.valueOf(shortest), MathContext.DECIMAL128));
    }
}
