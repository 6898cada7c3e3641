package org.tmshost.simulator.magstim;

import org.tmshost.profile.HardwareProfile;
import org.tmshost.profile.HardwareProfiles;
import org.tmshost.profile.LinkSettings;

import java.util.Optional;

/** Test profiles with short keep-alive leases, so lease tests take milliseconds, not seconds. */
final class MagstimProfiles {
    static final LinkSettings SHORT_LEASE = new LinkSettings(9600, 8, "none", 1, 40, 300, 1000);

    private MagstimProfiles() {
    }

    static HardwareProfile withShortLease(String name) {
        try {
            HardwareProfile p = HardwareProfiles.load(name);
            return new HardwareProfile(p.name(), p.model(), p.simulation(), p.wireProtocol(), Optional.of(SHORT_LEASE),
                    p.capabilities(), p.limits(), p.timing(), p.gpio(), p.sources(), p.file());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
