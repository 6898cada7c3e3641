package org.tmshost.session;

import org.tmshost.device.DeviceFault;
import org.tmshost.device.DeviceUri;
import org.tmshost.device.Stimulator;
import org.tmshost.device.magstim.MagstimLinkOptions;
import org.tmshost.device.magstim.MagstimStimulator;
import org.tmshost.device.magventure.MagProStimulator;
import org.tmshost.device.transport.SerialTransport;
import org.tmshost.device.transport.TcpTransport;
import org.tmshost.device.transport.Transport;
import org.tmshost.profile.HardwareProfile;
import org.tmshost.simulator.CoilThermalModel;
import org.tmshost.simulator.SimulatedStimulator;

import java.io.IOException;
import java.util.function.Consumer;

/**
 * Opens a device URI (contracts.md §4) as a {@link Stimulator}: {@code sim:} is the in-process
 * simulated device; {@code serial:} and {@code tcp://} open a transport and the driver of the
 * profile's wire protocol. Link faults (lost lease, silence, corrupted replies beyond the budget)
 * are reported to {@code onLinkFault} from the driver's link thread.
 */
public final class DeviceConnector {
    private DeviceConnector() {
    }

    public static Stimulator open(DeviceUri uri, HardwareProfile profile, Consumer<DeviceFault> onLinkFault)
            throws DeviceFault {
        if (!uri.profile().equals(profile.name())) {
            throw new DeviceFault("profile-mismatch", "the device URI names profile '" + uri.profile()
                    + "' but the session uses '" + profile.name() + "'");
        }
        if (uri.scheme() == DeviceUri.Scheme.SIM) {
            if (profile.wireProtocol().equals("ttl")) {
                return new SimulatedTtlRig(profile); // the TTL line code on Pi4J's mock platform
            }
            return new SimulatedStimulator(profile, System::nanoTime, CoilThermalModel.Parameters.bundled(), 1 << 16);
        }
        return drive(transport(uri, profile), profile, onLinkFault);
    }

    /**
     * The driver of the profile's wire protocol over an open transport (which it then owns). The unit
     * is disarmed before anything else: one that a killed host left armed (a MagPro has no lease to
     * disarm it) must not stay charged while the next host gets ready.
     */
    public static Stimulator drive(Transport transport, HardwareProfile profile, Consumer<DeviceFault> onLinkFault)
            throws DeviceFault {
        Stimulator driver = switch (profile.wireProtocol()) {
            case "magstim-200", "magstim-bistim", "magstim-rapid" -> MagstimStimulator.open(profile, transport,
                    MagstimLinkOptions.of(profile).withListener(onLinkFault::accept));
            case "magventure-magpro" -> {
                MagProStimulator magPro = MagProStimulator.open(profile, transport);
                magPro.addLinkLossListener(onLinkFault);
                yield magPro;
            }
            default -> {
                transport.close();
                throw new DeviceFault("no-driver", "profile " + profile.name() + " (" + profile.wireProtocol()
                        + ") has no serial driver: a TTL rig is triggered through its GPIO line");
            }
        };
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
