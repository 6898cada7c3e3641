package org.tmshost.device;

/** What a connected device says it is. A simulated device always says so. */
public record DeviceIdentity(String model, String firmwareVersion, boolean simulated) {
}
