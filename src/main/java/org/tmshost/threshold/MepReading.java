package org.tmshost.threshold;

/** What a MEP source saw after one pulse: an amplitude, or an operator's yes/no. */
public sealed interface MepReading permits MepReading.Amplitude, MepReading.Judgement {

    /** A measured peak-to-peak amplitude in µV (EMG). */
    record Amplitude(double microvolts) implements MepReading {
        public Amplitude {
            if (!(microvolts >= 0) || Double.isInfinite(microvolts)) {
                throw new IllegalArgumentException("a MEP amplitude must be a finite number >= 0 µV, was " + microvolts);
            }
        }
    }

    /** An operator's judgement that the MEP met the criterion (or not), without an amplitude. */
    record Judgement(boolean response) implements MepReading {
    }

    static MepReading amplitude(double microvolts) {
        return new Amplitude(microvolts);
    }

    static MepReading judgement(boolean response) {
        return new Judgement(response);
    }
}
