package org.tmshost.device;

import org.tmshost.profile.HardwareProfile;

/**
 * One way to reach a kind of device: a wire protocol over a link, a trigger line, or the simulator.
 * The doors ({@code run}, {@code console}, the rigs in tests) assemble the providers they offer into
 * {@link DeviceProviders}; nothing else decides how a URI becomes a {@link Stimulator}.
 */
public interface DeviceProvider {
    /** For people: what this provider opens, e.g. "Magstim 200², BiStim², Rapid² over serial: or tcp://". */
    String describe();

    boolean opens(DeviceUri uri, HardwareProfile profile);

    /**
     * Opens the device, which is disarmed and answering when this returns.
     *
     * @throws DeviceFault with a message a technician can act on (the port cannot be opened, no GPIO here)
     */
    Stimulator open(DeviceUri uri, HardwareProfile profile) throws DeviceFault;
}
