package org.tmshost.device.magstim;

import org.tmshost.device.DeviceFault;
import org.tmshost.device.Stimulator;
import org.tmshost.device.transport.LinkProvider;
import org.tmshost.device.transport.Transport;
import org.tmshost.profile.HardwareProfile;

import java.util.Set;

/** Magstim 200², BiStim² and Rapid² over their serial protocol (a USB adapter or a network serial server). */
public final class MagstimProvider extends LinkProvider {
    public MagstimProvider() {
        super(Set.of("magstim-200", "magstim-bistim", "magstim-rapid"));
    }

    @Override
    public String describe() {
        return "Magstim 200², BiStim², Rapid² over serial: or tcp://";
    }

    @Override
    protected Stimulator driver(Transport transport, HardwareProfile profile) throws DeviceFault {
        return MagstimStimulator.open(profile, transport, MagstimLinkOptions.of(profile));
    }
}
