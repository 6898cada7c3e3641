package org.tmshost.device;

/**
 * What a connected device says it is, in its own words: never the profile's. Where its wire protocol
 * has no way to say its model (Magstim, a TTL trigger line), {@code model} starts with
 * {@link #NOT_REPORTED} and says what the device did answer. A simulated device always says so.
 */
public record DeviceIdentity(String model, String firmwareVersion, boolean simulated) {
    /** How a model the device cannot report begins. */
    public static final String NOT_REPORTED = "not reported";

    /** False when the device's wire protocol has no way to say its model. */
    public boolean modelReported() {
        return !model.startsWith(NOT_REPORTED);
    }
}
