package org.tmshost.device;

import org.tmshost.profile.HardwareProfile;

import java.util.function.Consumer;

/**
 * A device a door opened through the providers it offers, with the URI and profile it was opened
 * for. Closing it disarms the device before closing the link, so a door never leaves one armed.
 */
public record OpenedDevice(DeviceUri uri, HardwareProfile profile, Stimulator stimulator) implements AutoCloseable {
    /**
     * Opens {@code uri} for {@code profile} with the first provider that opens it.
     *
     * @param linkFaults told when the driver loses the link (at once, if it was lost before)
     */
    public static OpenedDevice open(DeviceProviders providers, DeviceUri uri, HardwareProfile profile,
                                    Consumer<DeviceFault> linkFaults) throws DeviceFault {
        Stimulator stimulator = providers.open(uri, profile);
        stimulator.onLinkFault(linkFaults);
        return new OpenedDevice(uri, profile, stimulator);
    }

    @Override
    public void close() {
        stimulator.disarm();
        stimulator.close();
    }
}
