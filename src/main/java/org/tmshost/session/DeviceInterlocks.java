package org.tmshost.session;

import org.tmshost.device.DeviceStatus;

import java.util.Locale;

/**
 * The runtime interlocks on the device's own status, the same for a session and a hunt: a hot coil,
 * a lost link, a device fault, a disarm nobody asked for. The coil comes first: a device that
 * disarmed or faulted itself because its coil got hot ended on the coil.
 */
final class DeviceInterlocks {
    private DeviceInterlocks() {
    }

    /** Trips on what {@code status} shows; {@code pulses} given so far, for the reason. */
    static void check(DeviceStatus status, double stopCelsius, int pulses, InterlockTrips trips) {
        if (status.coilTemperatureCelsius() >= stopCelsius || status.coilFault()) {
            trips.trip(InterlockCause.COIL_OVER_TEMPERATURE, status.coilTemperatureCelsius() >= stopCelsius
                    ? String.format(Locale.ROOT, "coil at %.1f C, stop temperature %.1f C, after %d pulses",
                    status.coilTemperatureCelsius(), stopCelsius, pulses)
                    : "the device stopped over its coil's temperature after " + pulses + " pulses");
        } else if (status.linkFault()) {
            trips.trip(InterlockCause.LINK_LOSS, "the link failed (" + status.faultCode() + ") after " + pulses
                    + " pulses");
        } else if (status.faulted()) {
            trips.trip(InterlockCause.DEVICE_ERROR, "the device reported fault " + status.faultCode() + " after "
                    + pulses + " pulses");
        } else if (!status.armed()) {
            trips.trip(InterlockCause.UNEXPECTED_DISARM, "the device disarmed after " + pulses + " pulses");
        }
    }
}
