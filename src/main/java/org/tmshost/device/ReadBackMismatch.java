package org.tmshost.device;

/**
 * The one way a driver reports a setting that the device reads back otherwise than it was
 * written: a {@link FaultCodes#READBACK_MISMATCH} fault saying what was written, what the device
 * reports, and what happens now, in that order.
 */
public final class ReadBackMismatch {
    private ReadBackMismatch() {
    }

    /** "{@code written} but {@code reported}; {@code consequence}". */
    public static DeviceFault fault(String written, String reported, String consequence) {
        return new DeviceFault(FaultCodes.READBACK_MISMATCH, written + " but " + reported + "; " + consequence);
    }
}
