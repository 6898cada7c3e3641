package org.tmshost.device.magventure;

/** The mode field of the status byte (bits 0..1) and of command 0x09. */
public enum MagProMode {
    STANDARD, POWER, TWIN, DUAL;

    public static MagProMode ofCode(int code) {
        return values()[code & 0x03];
    }

    public int code() {
        return ordinal();
    }

    /** Two pulses per trigger, A then B, timed by the device. */
    public boolean paired() {
        return this == TWIN || this == DUAL;
    }
}
