package org.tmshost.excitability;

import org.tmshost.threshold.DeliveredPulse;
import org.tmshost.threshold.MepInputException;
import org.tmshost.threshold.MepReading;
import org.tmshost.threshold.MepSource;

/**
 * The MEP each trial evoked, in µV peak-to-peak: from a threshold hunt's MEP inputs (an amplitude
 * stream, a model), or from a virtual subject that knows the whole trial (the conditioning pulse and
 * its interval too; adapted where the simulator may be reached).
 */
public interface TrialMeps {
    /** Called right after the trial's test pulse; may block until the reading is there. */
    double microvolts(Trial trial, long firedAtNanos) throws MepInputException, InterruptedException;

    /** How the readings were taken, for the record (e.g. {@code stream:FILE}, {@code virtual:typical}). */
    String description();

    /** A hunt's MEP input, which must give amplitudes: a yes/no measures no excitability. */
    static TrialMeps of(MepSource source, String description) {
        if (!source.providesAmplitudes()) {
            throw new IllegalArgumentException("an excitability measurement needs MEP amplitudes in µV; "
                    + description + " gives yes/no only");
        }
        return new TrialMeps() {
            @Override
            public double microvolts(Trial trial, long firedAtNanos) throws MepInputException, InterruptedException {
                MepReading reading = source.read(new DeliveredPulse(trial.index(), trial.pulses().testPercentMso(),
                        firedAtNanos));
                if (!(reading instanceof MepReading.Amplitude amplitude)) {
                    throw new MepInputException("trial " + (trial.index() + 1) + ": expected an amplitude in µV, got "
                            + reading);
                }
                return amplitude.microvolts();
            }

            @Override
            public String description() {
                return description;
            }
        };
    }
}
