package org.tmshost.device.magventure;

/** Pages of the MagPro user interface, as command 0x07 selects them and messages 5, 8 and 12 report them. */
public enum MagProPage {
    MAIN(1), TIMING(2), TRIG(3), CONFIG(4), DOWNLOAD(6), PROTOCOL(7), MEP(8), SERVICE(13), TREATMENT(15),
    TREAT_SELECT(16), SERVICE2(17), CALCULATOR(19);

    private final int code;

    MagProPage(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** @return the page, or {@code null} for an undocumented code */
    public static MagProPage ofCode(int code) {
        for (MagProPage page : values()) {
            if (page.code == code) {
                return page;
            }
        }
        return null;
    }

    /** Pages the host may select with command 0x07 (the ones MAGIC offers). */
    public boolean selectable() {
        return this == MAIN || this == TIMING || this == TRIG || this == CONFIG || this == PROTOCOL;
    }
}
