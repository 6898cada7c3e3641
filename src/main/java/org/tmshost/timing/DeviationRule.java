package org.tmshost.timing;

import java.util.Optional;

/**
 * Judges each pulse the host is about to fire against its lateness limit and the plan's
 * {@link DeviationBudget}: counts deviations (and the pulses skipped for being late inside a group)
 * and, when the budget runs out, keeps the {@link TimingFault}. Its own type because the rule for
 * how late is too late changes for other reasons than the pulse loop does.
 *
 * <p>Lateness is measured against the planned time {@code t0 + offsetNanos(i)}. It has two parts:
 * <em>inherited</em> (the deadline pushed past the plan by the no-compression rule,
 * {@link DeadlineRule}) and <em>own</em> (how late the scheduler was for the deadline it had). The
 * limit is the profile's lateness limit, or 10% of the interval before the pulse if smaller. A pulse
 * whose own lateness exceeds the limit is a deviation; with the strict budget
 * ({@link DeviationBudget#NONE}) so is one whose total lateness exceeds
 * {@value PulseScheduler#DRIFT_LIMIT_FACTOR} times the profile's limit (the schedule is not
 * recovering). A deviation beyond the budget is <em>not fired</em>: the plan stops and the
 * {@link TimingFault} names the pulse and its lateness. So one hiccup below the limit never cascades
 * into a fault: the pulses after it inherit the hiccup minus the early tolerance per interval and are
 * judged on their own (normally µs) lateness; it takes repeated real delays to fault.
 *
 * <p>Written by the pulse thread only, without allocating. The counters are volatile for readers on
 * other threads; the fault's fields are plain, published by the scheduler's state write that follows
 * them, so read them only after seeing {@link SchedulerState#FAULTED}.
 */
final class DeviationRule {
    /** The pulse is within its limit. */
    static final int ON_TIME = 0;
    /** The pulse is a deviation within the budget: it may fire late. */
    static final int DEVIATION = 1;
    /** The pulse is a deviation beyond the budget: it must not fire; {@link #fault()} holds why. */
    static final int OVER_BUDGET = 2;

    private final DeviationBudget budget;
    private final int allowedDeviations;
    private final long driftLimitNanos;

    private int consecutiveDeviations;
    private volatile int deviations;
    private volatile int skipped;
    private int faultPulseIndex = -1;
    private long faultLatenessNanos;
    private long faultInheritedNanos;
    private long faultLimitNanos;
    private long faultPlannedNanos;
    private long faultDetectedAtNanos;

    DeviationRule(DeviationBudget budget, int plannedPulses, long latenessLimitNanos) {
        this.budget = budget;
        this.allowedDeviations = budget.allowedFor(plannedPulses);
        this.driftLimitNanos = PulseScheduler.DRIFT_LIMIT_FACTOR * latenessLimitNanos;
    }

    /**
     * Judges {@code pulse}, due at {@code deadlineNanos} (planned at {@code plannedNanos}), found due at
     * {@code nowNanos}, and counts it; over the budget it also keeps the fault.
     *
     * @return {@link #ON_TIME}, {@link #DEVIATION} or {@link #OVER_BUDGET}
     */
    int judge(int pulse, long nowNanos, long plannedNanos, long deadlineNanos, long limitNanos) {
        long latenessNanos = nowNanos - plannedNanos;
        long ownLatenessNanos = nowNanos - deadlineNanos;
        boolean late = budget.strict() ? ownLatenessNanos > limitNanos || latenessNanos > driftLimitNanos
                : ownLatenessNanos > limitNanos; // inherited lateness is an earlier deviation's, not this pulse's
        if (!late) {
            consecutiveDeviations = 0;
            return ON_TIME;
        }
        deviations = deviations + 1;
        consecutiveDeviations++;
        if (deviations > allowedDeviations
                || (budget.consecutive() > 0 && consecutiveDeviations >= budget.consecutive())) {
            faultPulseIndex = pulse;
            faultLatenessNanos = latenessNanos;
            faultInheritedNanos = deadlineNanos - plannedNanos;
            faultLimitNanos = ownLatenessNanos > limitNanos ? limitNanos : driftLimitNanos;
            faultPlannedNanos = plannedNanos;
            faultDetectedAtNanos = nowNanos;
            return OVER_BUDGET;
        }
        return DEVIATION;
    }

    /** Whether a deviation inside a group (a pair's test pulse) is skipped rather than fired late. */
    boolean skipsLateInGroup() {
        return budget.skipLateInGroup();
    }

    /** Counts a pulse not fired because it would have been late inside its group. */
    void countSkipped() {
        skipped = skipped + 1;
    }

    int deviations() {
        return deviations;
    }

    int skipped() {
        return skipped;
    }

    int allowedDeviations() {
        return allowedDeviations;
    }

    /** The pulse judged {@link #OVER_BUDGET}, if one was. */
    Optional<TimingFault> fault() {
        if (faultPulseIndex < 0) {
            return Optional.empty();
        }
        return Optional.of(new TimingFault(faultPulseIndex, faultLatenessNanos, faultInheritedNanos, faultLimitNanos,
                faultPlannedNanos, faultDetectedAtNanos));
    }
}
