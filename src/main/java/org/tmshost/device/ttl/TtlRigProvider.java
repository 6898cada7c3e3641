package org.tmshost.device.ttl;

import org.tmshost.device.DeviceFault;
import org.tmshost.device.DeviceProvider;
import org.tmshost.device.DeviceUri;
import org.tmshost.device.Stimulator;
import org.tmshost.profile.GpioPins;
import org.tmshost.profile.HardwareProfile;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code gpio:pi?profile=P}: a TTL rig on this Raspberry Pi's GPIO header through Pi4J's libgpiod
 * provider, pins from the profile. Off a Pi it fails before Pi4J is started, saying so.
 */
public final class TtlRigProvider implements DeviceProvider {
    private final PanelOperator panel;
    private final Path gpioChip;

    public TtlRigProvider(PanelOperator panel) {
        this(panel, Path.of("/dev/gpiochip0"));
    }

    TtlRigProvider(PanelOperator panel, Path gpioChip) {
        this.panel = panel;
        this.gpioChip = gpioChip;
    }

    @Override
    public String describe() {
        return "gpio:pi, a TTL rig on this Raspberry Pi's GPIO header";
    }

    @Override
    public boolean opens(DeviceUri uri, HardwareProfile profile) {
        return uri.scheme() == DeviceUri.Scheme.GPIO && profile.wireProtocol().equals("ttl");
    }

    @Override
    public Stimulator open(DeviceUri uri, HardwareProfile profile) throws DeviceFault {
        GpioPins pins = profile.gpio().orElseThrow(() -> new DeviceFault("no-pin-map",
                "profile " + profile.name() + " maps no GPIO pins (gpio: triggerOutPin, ...)"));
        if (!Files.exists(gpioChip)) {
            throw new DeviceFault("no-gpio", "this machine has no GPIO (" + gpioChip + " not found): " + uri
                    + " runs on the Raspberry Pi wired to the stimulator; to try the rig here, use sim:" + profile.name());
        }
        GpioLines lines;
        try {
            lines = GpioLines.raspberryPi(pins);
        } catch (RuntimeException e) {
            throw new DeviceFault("gpio-unavailable", "cannot open the GPIO lines of " + uri + " through Pi4J: "
                    + e.getMessage() + " (is libgpiod installed and this user in the gpio group?)");
        }
        return new TtlRig(profile, lines, panel);
    }
}
