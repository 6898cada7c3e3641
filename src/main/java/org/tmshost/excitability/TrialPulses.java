package org.tmshost.excitability;

/**
 * What one trial gives the subject: a test pulse from the test unit (channel 1, unit B), preceded
 * by a conditioning pulse from the conditioning unit (channel 0, unit A) {@code isiNanos} earlier,
 * or alone. A recruitment trial is a test pulse alone at its own intensity.
 *
 * @param conditioningPercentMso the conditioning pulse's output, 0 for a test pulse alone
 * @param testPercentMso         the test pulse's output, the pulse whose MEP is read
 * @param isiNanos               conditioning to test, onset to onset; 0 for a test pulse alone
 */
public record TrialPulses(int conditioningPercentMso, int testPercentMso, long isiNanos) {
    /** The unit that gives a paired trial's conditioning pulse, as in {@code protocol.PairedPulse}. */
    public static final int CONDITIONING_CHANNEL = 0;
    /** The unit that gives the test pulse. */
    public static final int TEST_CHANNEL = 1;

    public TrialPulses {
        if (testPercentMso < 1 || testPercentMso > 100 || conditioningPercentMso < 0 || conditioningPercentMso > 100) {
            throw new IllegalArgumentException("outputs must be in 1..100 %MSO (conditioning 0 for none), were "
                    + conditioningPercentMso + " and " + testPercentMso);
        }
        if ((conditioningPercentMso == 0) != (isiNanos == 0) || isiNanos < 0) {
            throw new IllegalArgumentException("a conditioning pulse needs an interval > 0, and a test pulse alone none");
        }
    }

    public static TrialPulses testAlone(int testPercentMso) {
        return new TrialPulses(0, testPercentMso, 0);
    }

    public static TrialPulses paired(int conditioningPercentMso, int testPercentMso, long isiNanos) {
        return new TrialPulses(conditioningPercentMso, testPercentMso, isiNanos);
    }

    public boolean paired() {
        return conditioningPercentMso > 0;
    }

    /** Pulses the trial gives: 2 for a pair, 1 for a test pulse alone. */
    public int pulseCount() {
        return paired() ? 2 : 1;
    }
}
