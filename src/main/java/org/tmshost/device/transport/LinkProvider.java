package org.tmshost.device.transport;

import org.tmshost.device.DeviceFault;
import org.tmshost.device.DeviceProvider;
import org.tmshost.device.DeviceUri;
import org.tmshost.device.Stimulator;
import org.tmshost.profile.HardwareProfile;

import java.io.IOException;
import java.util.Set;

/**
 * A wire protocol's provider: opens {@code serial:} and {@code tcp://} URIs of profiles that speak one
 * of its protocols, hands the transport to the protocol's driver, and disarms the unit before
 * anything else (one a killed host left armed must not stay charged while the next host gets ready).
 */
public abstract class LinkProvider implements DeviceProvider {
    private final Set<String> wireProtocols;

    protected LinkProvider(Set<String> wireProtocols) {
        this.wireProtocols = Set.copyOf(wireProtocols);
    }

    /** The protocol's driver on an open transport, which it then owns; its link thread is running. */
    protected abstract Stimulator driver(Transport transport, HardwareProfile profile) throws DeviceFault;

    @Override
    public final boolean opens(DeviceUri uri, HardwareProfile profile) {
        return (uri.scheme() == DeviceUri.Scheme.SERIAL || uri.scheme() == DeviceUri.Scheme.TCP) && speaks(profile);
    }

    /** The profile's wire protocol is one of this provider's. */
    public final boolean speaks(HardwareProfile profile) {
        return wireProtocols.contains(profile.wireProtocol());
    }

    @Override
    public final Stimulator open(DeviceUri uri, HardwareProfile profile) throws DeviceFault {
        return drive(transport(uri, profile), profile);
    }

    /** The driver on a transport already open (a test's pipe, a bench's pty), disarmed. */
    public final Stimulator drive(Transport transport, HardwareProfile profile) throws DeviceFault {
        if (!speaks(profile)) {
            transport.close();
            throw new DeviceFault("no-driver", "profile " + profile.name() + " speaks " + profile.wireProtocol()
                    + ", not " + String.join(" or ", wireProtocols));
        }
        Stimulator driver;
        try {
            driver = driver(transport, profile);
        } catch (DeviceFault | RuntimeException e) {
            transport.close();
            throw e;
        }
        driver.disarm();
        return driver;
    }

    private static Transport transport(DeviceUri uri, HardwareProfile profile) throws DeviceFault {
        try {
            if (uri.scheme() == DeviceUri.Scheme.SERIAL) {
                return SerialTransport.open(uri.address(), profile.link().orElseThrow(() -> new DeviceFault(
                        "no-link", "profile " + profile.name() + " has no serial link settings")));
            }
            return TcpTransport.connect(uri.address(), uri.port(), 3000);
        } catch (IOException e) {
            throw new DeviceFault("link-unavailable", "cannot open " + uri + ": " + e.getMessage());
        }
    }
}
