package org.tmshost.device;

import org.tmshost.profile.HardwareProfile;

import java.util.List;
import java.util.stream.Collectors;

/** The providers a door offers, asked in order: the first that opens a URI for a profile opens it. */
public final class DeviceProviders {
    private final List<DeviceProvider> providers;

    private DeviceProviders(List<DeviceProvider> providers) {
        this.providers = List.copyOf(providers);
    }

    public static DeviceProviders of(DeviceProvider... providers) {
        return new DeviceProviders(List.of(providers));
    }

    public List<DeviceProvider> providers() {
        return providers;
    }

    public Stimulator open(DeviceUri uri, HardwareProfile profile) throws DeviceFault {
        if (!uri.profile().equals(profile.name())) {
            throw new DeviceFault("profile-mismatch", "the device URI names profile '" + uri.profile()
                    + "' but the session uses '" + profile.name() + "'");
        }
        for (DeviceProvider provider : providers) {
            if (provider.opens(uri, profile)) {
                return provider.open(uri, profile);
            }
        }
        throw new DeviceFault("no-provider", "nothing here opens " + uri + " for profile " + profile.name()
                + " (wire protocol " + profile.wireProtocol() + "); this host opens: " + providers.stream()
                .map(DeviceProvider::describe).collect(Collectors.joining("; ")));
    }
}
