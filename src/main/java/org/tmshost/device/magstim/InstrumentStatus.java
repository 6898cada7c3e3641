package org.tmshost.device.magstim;

/**
 * The instrument status byte every Magstim acknowledgement carries (TDb 086/087):
 * <pre>
 *  b7 remote control active   b3 coil present
 *  b6 error type (1 = fatal)  b2 ready
 *  b5 error present           b1 armed
 *  b4 replace coil            b0 standby
 * </pre>
 */
public record InstrumentStatus(int bits) {
    public InstrumentStatus {
        bits &= 0xFF;
    }

    public boolean standby() {
        return (bits & 0x01) != 0;
    }

    public boolean armed() {
        return armed(bits);
    }

    /** The armed bit of a raw status byte, without a record (the pulse thread's fire path). */
    public static boolean armed(int bits) {
        return (bits & 0x02) != 0;
    }

    public boolean ready() {
        return (bits & 0x04) != 0;
    }

    public boolean coilPresent() {
        return (bits & 0x08) != 0;
    }

    public boolean replaceCoil() {
        return (bits & 0x10) != 0;
    }

    public boolean errorPresent() {
        return (bits & 0x20) != 0;
    }

    public boolean fatalError() {
        return (bits & 0x40) != 0;
    }

    public boolean remoteControl() {
        return (bits & 0x80) != 0;
    }

    @Override
    public String toString() {
        return "InstrumentStatus[" + (standby() ? " standby" : "") + (armed() ? " armed" : "")
                + (ready() ? " ready" : "") + (coilPresent() ? " coil" : "") + (replaceCoil() ? " replace-coil" : "")
                + (errorPresent() ? (fatalError() ? " fatal-error" : " error") : "")
                + (remoteControl() ? " remote" : "") + " ]";
    }
}
