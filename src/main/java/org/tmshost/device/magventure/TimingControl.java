package org.tmshost.device.magventure;

/** How the Timing page runs a train sequence (low nibble of byte 2 of command/message 0x0B). */
public enum TimingControl {
    SEQUENCE, EXTERNAL_TRIG, EXT_SEQ_START, EXT_SEQ_CONT;

    public static TimingControl ofCode(int code) {
        return values()[code & 0x03];
    }

    public int code() {
        return ordinal();
    }
}
