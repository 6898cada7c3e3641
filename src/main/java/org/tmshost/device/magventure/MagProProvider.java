package org.tmshost.device.magventure;

import org.tmshost.device.Stimulator;
import org.tmshost.device.transport.LinkProvider;
import org.tmshost.device.transport.Transport;
import org.tmshost.profile.HardwareProfile;

import java.util.Set;

/** MagVenture MagPro R30 and X100 over their serial protocol. */
public final class MagProProvider extends LinkProvider {
    public MagProProvider() {
        super(Set.of("magventure-magpro"));
    }

    @Override
    public String describe() {
        return "MagVenture MagPro R30, X100 over serial: or tcp://";
    }

    @Override
    protected Stimulator driver(Transport transport, HardwareProfile profile) {
        return MagProStimulator.open(profile, transport);
    }
}
