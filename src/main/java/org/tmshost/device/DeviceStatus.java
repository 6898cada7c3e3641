package org.tmshost.device;

/**
 * A snapshot of the device's state as last reported.
 *
 * @param faultCode {@code null} when the device reports no fault
 */
public record DeviceStatus(boolean armed, boolean ready, double coilTemperatureCelsius, String faultCode) {
    /**
     * Fault codes that say the link failed, not the device: a lost link, a command the device never
     * acknowledged, a fire that found the port still held by an exchange past its reply timeout. A
     * session ends on them as LINK_LOSS, never as "the stimulator reported an error".
     */
    public static final java.util.Set<String> LINK_FAULTS = java.util.Set.of(FaultCodes.LINK_LOST,
            org.tmshost.device.magstim.MagstimStimulator.FIRE_NO_ACK,
            org.tmshost.device.magstim.MagstimStimulator.FIRE_PORT_BUSY);

    /** The fault code of a device that stopped because its coil got too hot. */
    public static final String COIL_OVER_TEMPERATURE = FaultCodes.COIL_OVER_TEMPERATURE;

    /** The device stopped over its coil's temperature ({@link #COIL_OVER_TEMPERATURE}). */
    public boolean coilFault() {
        return COIL_OVER_TEMPERATURE.equals(faultCode);
    }

    public boolean faulted() {
        return faultCode != null;
    }

    /** The fault is the link's ({@link #LINK_FAULTS}). */
    public boolean linkFault() {
        return faultCode != null && LINK_FAULTS.contains(faultCode);
    }
}
