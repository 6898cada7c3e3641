package org.tmshost.delivery;

/**
 * How a plan's pulses are timed on their way to the device (design.md, Delivery strategies).
 */
public enum DeliveryStrategy {
    /** The device times each train; the host loads and reads back its parameters and starts it on time. */
    DEVICE_TIMED_TRAINS("device-timed-trains"),
    /** The pulse thread raises a trigger line into the device's TTL input for every pulse. */
    TTL_TRIGGER("ttl-trigger"),
    /** One fire command per pulse (or per pair the device times), only up to the profile's host-timed rate. */
    SERIAL_FIRE("serial-fire");

    private final String jsonName;

    DeliveryStrategy(String jsonName) {
        this.jsonName = jsonName;
    }

    /** The name {@code --json} and the record use (contracts.md §5). */
    public String jsonName() {
        return jsonName;
    }
}
