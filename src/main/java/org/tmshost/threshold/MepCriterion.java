package org.tmshost.threshold;

import org.tmshost.protocol.ThresholdKind;

/**
 * What counts as a motor evoked potential: peak-to-peak amplitude at least {@code microvolts}.
 * RMT uses 50 µV in relaxed muscle, AMT about 200 µV during slight contraction (Rossini 2015);
 * labs differ (e.g. 100 µV AMT), so the value is a parameter and is stored with the result.
 */
public record MepCriterion(ThresholdKind kind, double microvolts) {
    public static final MepCriterion RMT_50_UV = new MepCriterion(ThresholdKind.RMT, 50);
    public static final MepCriterion AMT_200_UV = new MepCriterion(ThresholdKind.AMT, 200);

    public MepCriterion {
        if (kind == null) {
            throw new IllegalArgumentException("a criterion needs a threshold kind (RMT or AMT)");
        }
        if (!(microvolts > 0 && microvolts <= 5000)) {
            throw new IllegalArgumentException("a MEP criterion must be in (0, 5000] µV, was " + microvolts);
        }
    }

    /** A response: the MEP is at least the criterion. */
    public boolean isResponse(double mepMicrovolts) {
        return mepMicrovolts >= microvolts;
    }
}
