package org.tmshost.simulator.magstim;

import org.tmshost.profile.HardwareProfile;

/** Which Magstim unit a profile's wire protocol names: the commands it knows and how it fires. */
enum UnitKind {
    UNIT_200, BISTIM, RAPID;

    static UnitKind of(HardwareProfile profile) {
        switch (profile.wireProtocol()) {
            case "magstim-200":
                return UNIT_200;
            case "magstim-bistim":
                return BISTIM;
            case "magstim-rapid":
                return RAPID;
            default:
                throw new IllegalArgumentException(profile.name() + " does not speak a Magstim protocol");
        }
    }
}
