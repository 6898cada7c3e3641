package org.tmshost.device;

/**
 * The fault codes every stimulator uses for the same thing ({@link DeviceFault#code()},
 * {@link DeviceStatus#faultCode()}), shown to the technician and written into end reasons. A code
 * that only one device family can raise stays with its driver, prefixed with the family's name
 * ({@code magstim-...}, the MagPro's own constants).
 */
public final class FaultCodes {
    /** The link to the device is gone: replies missing or corrupt beyond the budget, silence, a hang-up. */
    public static final String LINK_LOST = "link-lost";
    /** A setting was written and the device reports another value (output, train, interval, mode). */
    public static final String READBACK_MISMATCH = "readback-mismatch";
    /** The device is not armed, or armed but not (yet) ready to fire. */
    public static final String NOT_ARMED = "not-armed";
    public static final String NOT_READY = "not-ready";
    /** A unit (channel) the device does not have. */
    public static final String NO_SUCH_CHANNEL = "no-such-channel";
    /** An output outside 0..the device's maximum %MSO. */
    public static final String OUTPUT_OUT_OF_RANGE = "output-out-of-range";
    /** A request the device's protocol cannot carry. */
    public static final String UNSUPPORTED = "unsupported";
    /** The coil at or over its stop temperature (or the device's own coil fault). */
    public static final String COIL_OVER_TEMPERATURE = "coil-over-temperature";
    /** A pulse the host fired that the device refused or does not count as given. */
    public static final String PULSE_NOT_DELIVERED = "pulse-not-delivered";

    private FaultCodes() {
    }
}
