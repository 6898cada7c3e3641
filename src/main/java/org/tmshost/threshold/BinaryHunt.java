package org.tmshost.threshold;

/** A method that only uses whether each MEP met the criterion. */
abstract class BinaryHunt implements MotorThresholdHunt {
    private final MepCriterion criterion;
    private int trials;

    BinaryHunt(MepCriterion criterion) {
        if (criterion == null) {
            throw new IllegalArgumentException("a criterion is required");
        }
        this.criterion = criterion;
    }

    @Override
    public final MepCriterion criterion() {
        return criterion;
    }

    @Override
    public final void onResponse(double intensityPercentMso, double mepMicrovolts) {
        onJudgement(intensityPercentMso, criterion.isResponse(mepMicrovolts));
    }

    @Override
    public final void onJudgement(double intensityPercentMso, boolean response) {
        if (done()) {
            throw new IllegalStateException(method().label() + " is done; no further pulses");
        }
        trials++;
        record(intensityPercentMso, response);
    }

    abstract void record(double intensityPercentMso, boolean response);

    @Override
    public final int trials() {
        return trials;
    }

    final void requireNotDone() {
        if (done()) {
            throw new IllegalStateException(method().label() + " is done; no further pulses");
        }
    }

    static void requireIntensity(String what, int percentMso, int maxOutputPercentMso) {
        if (percentMso < 1 || percentMso > maxOutputPercentMso) {
            throw new IllegalArgumentException(what + " must be in 1.." + maxOutputPercentMso + " %MSO, was " + percentMso);
        }
    }
}
