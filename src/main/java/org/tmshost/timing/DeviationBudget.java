package org.tmshost.timing;

/**
 * How many late pulses a plan takes before it stops. A pulse the pulse thread fires later than its
 * lateness limit (its own lateness, not lateness it inherited from earlier pulses through the
 * no-compression rule) is a <em>deviation</em>: it fires late, never early, and the journal and
 * record show when. The plan faults only beyond the budget. Safety limits and the no-compression
 * rule do not depend on it.
 *
 * @param perThousand     deviations allowed per 1000 planned pulses
 * @param atLeast         deviations any plan may have, however short (isolated stalls happen even with
 *                        real-time priority: JVM safepoints, a hypervisor), when {@code perThousand} is positive
 * @param consecutive     deviations in a row that stop the plan at once (the host is not keeping up);
 *                        0 for no such limit
 * @param skipLateInGroup a pulse inside a group (the test pulse of a pair) that would be late is not
 *                        fired: a pattern whose meaning is its timing is never delivered wrong, and
 *                        the group is void (a deviation the record shows by its missing pulse)
 */
public record DeviationBudget(int perThousand, int atLeast, int consecutive, boolean skipLateInGroup) {
    /** No deviation: the first late pulse stops the plan (and so does lateness drifting beyond three limits). */
    public static final DeviationBudget NONE = new DeviationBudget(0, 0, 0, false);

    public DeviationBudget {
        if (perThousand < 0 || perThousand > 1000 || consecutive < 0 || atLeast < 0) {
            throw new IllegalArgumentException("a deviation budget is 0..1000 per thousand and a non-negative run");
        }
    }

    /** Deviations a plan of {@code plannedPulses} may have. */
    public int allowedFor(int plannedPulses) {
        return perThousand == 0 ? 0 : Math.max(Math.max(1, atLeast), (int) ((long) plannedPulses * perThousand / 1000));
    }

    public boolean strict() {
        return perThousand == 0;
    }
}
