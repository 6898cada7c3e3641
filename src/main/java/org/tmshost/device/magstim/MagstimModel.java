package org.tmshost.device.magstim;

import org.tmshost.profile.HardwareProfile;

/** Which Magstim command set a unit speaks, from its profile's {@code wireProtocol}. */
public enum MagstimModel {
    /** Magstim 200²: one unit, power A only, parameters by {@code J@}. */
    MAGSTIM_200("magstim-200"),
    /** BiStim²: power A and B, inter-pulse interval {@code C}, hi-res timing {@code Y@}/{@code Z@}. */
    BISTIM("magstim-bistim"),
    /** Rapid², Super Rapid² (and Plus¹): power, train parameters, parameters by {@code \@}. */
    RAPID("magstim-rapid");

    private final String wireProtocol;

    MagstimModel(String wireProtocol) {
        this.wireProtocol = wireProtocol;
    }

    public String wireProtocol() {
        return wireProtocol;
    }

    public static MagstimModel of(HardwareProfile profile) {
        for (MagstimModel model : values()) {
            if (model.wireProtocol.equals(profile.wireProtocol())) {
                return model;
            }
        }
        throw new IllegalArgumentException("profile " + profile.name() + " speaks " + profile.wireProtocol()
                + ", not a Magstim protocol (magstim-200, magstim-bistim, magstim-rapid)");
    }
}
