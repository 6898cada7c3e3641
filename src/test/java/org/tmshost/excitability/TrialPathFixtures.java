package org.tmshost.excitability;

import java.util.List;

/** What tests of a measurement's pulse path share: a fixed MEP, and a log that stops the measurement. */
public final class TrialPathFixtures {
    private TrialPathFixtures() {
    }

    /** Every trial evokes {@code microvolts}: the path, not the subject, is under test. */
    public static TrialMeps constantMep(double microvolts) {
        return new TrialMeps() {
            @Override
            public double microvolts(Trial trial, long firedAtNanos) {
                return microvolts;
            }

            @Override
            public String description() {
                return "constant " + microvolts + " µV";
            }
        };
    }

    /** Adds each trial read to {@code read}, and runs {@code stop} (a stop button, say) once {@code trials} are. */
    public static MeasurementLog stopAfter(int trials, List<Trial> read, Runnable stop) {
        return new MeasurementLog() {
            @Override
            public void trialFiring(Trial trial) {
            }

            @Override
            public void readingTaken(Trial trial, double microvolts) {
                read.add(trial);
                if (read.size() == trials) {
                    stop.run();
                }
            }

            @Override
            public void trialVoid(Trial trial) {
            }
        };
    }
}
