package org.tmshost.device;

/**
 * A snapshot of the device's state as last reported.
 *
 * @param faultCode {@code null} when the device reports no fault
 */
public record DeviceStatus(boolean armed, boolean ready, double coilTemperatureCelsius, String faultCode) {
    public boolean faulted() {
        return faultCode != null;
    }
}
