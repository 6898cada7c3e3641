package org.tmshost.device.magventure;

/** The waveform field of the status byte (bits 2..3) and of command 0x09. */
public enum MagProWaveform {
    MONOPHASIC, BIPHASIC, HALF_SINE, BIPHASIC_BURST;

    public static MagProWaveform ofCode(int code) {
        return values()[code & 0x03];
    }

    public int code() {
        return ordinal();
    }
}
