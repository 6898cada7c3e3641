package org.tmshost.device.magstim;

/**
 * The Rapid² status byte that follows the instrument status in Rapid replies (TDb 087):
 * <pre>
 *  b7 modified coil algorithm  b3 single-pulse mode
 *  b6 theta PSU detected       b2 wait (post-train lock-out)
 *  b5 coil ready               b1 train running
 *  b4 HV PSU connected         b0 enhanced power mode
 * </pre>
 */
public record RapidStatus(int bits) {
    public RapidStatus {
        bits &= 0xFF;
    }

    public boolean enhancedPower() {
        return (bits & 0x01) != 0;
    }

    public boolean train() {
        return (bits & 0x02) != 0;
    }

    public boolean waitPeriod() {
        return (bits & 0x04) != 0;
    }

    public boolean singlePulseMode() {
        return (bits & 0x08) != 0;
    }

    public boolean hvPsuConnected() {
        return (bits & 0x10) != 0;
    }

    public boolean coilReady() {
        return (bits & 0x20) != 0;
    }

    public boolean thetaPsuDetected() {
        return (bits & 0x40) != 0;
    }

    public boolean modifiedCoilAlgorithm() {
        return (bits & 0x80) != 0;
    }
}
