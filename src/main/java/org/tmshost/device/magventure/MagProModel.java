package org.tmshost.device.magventure;

/** The model field of the status byte (bits 5..7). */
public enum MagProModel {
    R30("MagPro R30"), X100("MagPro X100"), R30_OPTION("MagPro R30 with MagOption"),
    X100_OPTION("MagPro X100 with MagOption"), R30_OPTION_MONO("MagPro R30 with MagOption and monophasic"),
    MST("MagPro MST");

    private final String displayName;

    MagProModel(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }

    /** Code 6 and 7 are not documented. */
    public static MagProModel ofCode(int code) {
        MagProModel[] all = values();
        return code >= 0 && code < all.length ? all[code] : null;
    }

    public int code() {
        return ordinal();
    }

    public boolean isR30Family() {
        return this == R30 || this == R30_OPTION || this == R30_OPTION_MONO;
    }

    /** Twin/Dual modes (two amplitudes) need the MagOption. */
    public boolean hasOption() {
        return this == R30_OPTION || this == X100_OPTION || this == R30_OPTION_MONO;
    }
}
