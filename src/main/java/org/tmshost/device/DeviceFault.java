package org.tmshost.device;

/**
 * A device refused a command or reported an error. {@code code} is stable and machine-readable
 * (e.g. {@code not-armed}, {@code rate-limit}, {@code coil-over-temperature}); the message says what
 * happened in words a technician understands.
 */
public final class DeviceFault extends Exception {
    private final String code;

    public DeviceFault(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
