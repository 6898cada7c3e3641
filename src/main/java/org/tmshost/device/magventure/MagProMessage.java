package org.tmshost.device.magventure;

/**
 * A frame from the device, decoded by {@link MagProMessages#decode(MagProFrame)}. Replies and
 * unsolicited notifications share one set of IDs; the device sends notifications when its state
 * changes (after a pulse, a page change, a new coil temperature).
 */
public sealed interface MagProMessage {

    /** Messages that carry the {@link MagProStatusByte}. */
    sealed interface WithStatus extends MagProMessage {
        MagProStatusByte status();
    }

    /** Messages that report the amplitudes now set, A and B (% MSO). */
    sealed interface WithAmplitudes extends WithStatus {
        int amplitudeA();

        int amplitudeB();
    }

    /**
     * ID 0, 9 payload bytes: {@code [00 status serial(3, BE) coilTemp°C coilType ampA ampB]}.
     */
    record Status(MagProStatusByte status, int serialNumber, int coilTemperatureCelsius, int coilType,
                  int amplitudeA, int amplitudeB) implements WithAmplitudes {
    }

    /**
     * ID 5, 15 payload bytes: the 9 bytes of {@link Status} (ID 5), then
     * {@code [originalA originalB factorA factorB page trainRunning]}.
     *
     * @param pageCode see {@link MagProPage#ofCode(int)}
     */
    record Status2(MagProStatusByte status, int serialNumber, int coilTemperatureCelsius, int coilType,
                   int amplitudeA, int amplitudeB, int originalAmplitudeA, int originalAmplitudeB,
                   int amplitudeFactorA, int amplitudeFactorB, int pageCode, boolean trainRunning)
            implements WithAmplitudes {
    }

    /** ID 1, 4 bytes {@code [01 ampA ampB status]}: amplitude changed. */
    record Amplitude(int amplitudeA, int amplitudeB, MagProStatusByte status) implements WithAmplitudes {
    }

    /** ID 2, 4 bytes {@code [02 didtA didtB status]}: realised di/dt in A/µs after a pulse. */
    record DiDt(int diDtA, int diDtB, MagProStatusByte status) implements WithStatus {
    }

    /** ID 3, 4 bytes {@code [03 coilTemp°C coilType status]}: coil temperature or coil changed. */
    record Coil(int coilTemperatureCelsius, int coilType, MagProStatusByte status) implements WithStatus {
    }

    /** ID 4, 13 bytes {@code [04 max(u32) min(u32) timeOfMax(u32)]}: MEP amplitudes in µV, time in µs. */
    record Mep(long maxAmplitudeMicrovolts, long minAmplitudeMicrovolts, long maxTimeMicros) implements MagProMessage {
    }

    /** ID 6, 4 bytes {@code [06 origA origB status]}: original amplitude (Protocol page). */
    record OriginalAmplitude(int amplitudeA, int amplitudeB, MagProStatusByte status) implements WithStatus {
    }

    /** ID 7, 4 bytes {@code [07 gainA gainB status]}: amplitude gain in % (Protocol page). */
    record AmplitudeGain(int gainPercentA, int gainPercentB, MagProStatusByte status) implements WithStatus {
    }

    /** ID 8, 4 bytes {@code [08 page running status]}: page changed, or a train started or stopped. */
    record Page(int pageCode, boolean trainRunning, MagProStatusByte status) implements WithStatus {
    }

    /**
     * ID 9, 10 bytes {@code [09 x model mode dir waveform burstIndex ipiIndexLo ipiIndexHi baIndex]}.
     * The IPI index is little-endian (MAGIC and pytms agree); {@code x} is not documented.
     * Burst pulses = 5 - burstIndex; B/A ratio x100 = 500 - 5 x baIndex.
     */
    record MainParametersReply(int modelCode, MagProMode mode, boolean reverseCurrent, MagProWaveform waveform,
                               int burstPulses, int ipiIndex, int baRatioHundredths) implements MagProMessage {
        /** The interval in tenths of a ms, or -1 when the index is off the grid of the reported mode. */
        public int ipiTenthsMs() {
            return MagProIpiGrid.forSetting(mode, waveform).tenthsAt(ipiIndex);
        }
    }

    /** ID 10, 8 bytes {@code [0A x in*10(u16) out*10(s16) chargeMs(u16)]}. */
    record Delays(DelayParameters delays) implements MagProMessage {
    }

    /**
     * ID 11, 14 bytes {@code [0B x control rate*10 pulses trains iti*10 warn rampUp% rampUpTrains]};
     * bit 4 of {@code control} is the extended-rate flag.
     */
    record TimingMenu(TrainParameters train, boolean extendedRate) implements MagProMessage {
    }

    /**
     * ID 12, at least 14 bytes: stimulation count u16 at bytes 9..10, page at byte 13; the other
     * bytes are not understood (pytms).
     */
    record PageAndCount(int stimulationCount, int pageCode) implements MagProMessage {
    }

    /** A valid frame with an ID this codec does not know. */
    record Unknown(MagProFrame frame) implements MagProMessage {
    }

    /** A valid frame whose length does not fit its ID: a typed fault, never an exception. */
    record Malformed(MagProFrame frame, String problem) implements MagProMessage {
    }
}
