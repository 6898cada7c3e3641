package org.tmshost.threshold;

/**
 * A hunt ended by a runtime interlock or a failed arming check, as a session would be: the stop
 * button, a hot coil, a lost link. {@link #cause()} is the interlock's name, as a session records it
 * (e.g. {@code STOP_BUTTON}, {@code COIL_OVER_TEMPERATURE}).
 */
public final class HuntStopped extends Exception {
    private final String cause;
    private final boolean device;

    /**
     * @param device whether the cause is the device or its link (exit 4) rather than an interlock or a person (exit 5)
     */
    public HuntStopped(String cause, String detail, boolean device) {
        super(detail);
        this.cause = cause;
        this.device = device;
    }

    public String cause() {
        return cause;
    }

    /** The device or its link stopped it (a device fault's exit code), not an interlock or a person. */
    public boolean device() {
        return device;
    }
}
