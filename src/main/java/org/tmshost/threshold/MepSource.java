package org.tmshost.threshold;

import org.tmshost.protocol.ThresholdMethod;

/**
 * Where the MEP for each pulse comes from: an operator's yes/no ({@link OperatorMepSource}),
 * amplitudes from a file or stream ({@link AmplitudeStreamMepSource}), or the simulator's virtual
 * subject (adapted in the console, so that the simulator need not know this package).
 */
public interface MepSource {
    /** Called right after {@code pulse} was fired; may block until the reading is there. */
    MepReading read(DeliveredPulse pulse) throws MepInputException, InterruptedException;

    /** True if every reading is an {@link MepReading.Amplitude}. */
    boolean providesAmplitudes();

    /** How the MEP is observed: {@link ThresholdMethod#EMG} or {@link ThresholdMethod#VISUAL}. */
    ThresholdMethod evidence();

    /** A source of amplitudes computed from the delivered intensity (a model, a test double). */
    static MepSource ofAmplitudes(java.util.function.IntToDoubleFunction microvoltsAtPercentMso) {
        return new MepSource() {
            @Override
            public MepReading read(DeliveredPulse pulse) {
                return MepReading.amplitude(microvoltsAtPercentMso.applyAsDouble(pulse.intensityPercentMso()));
            }

            @Override
            public boolean providesAmplitudes() {
                return true;
            }

            @Override
            public ThresholdMethod evidence() {
                return ThresholdMethod.EMG;
            }
        };
    }
}
