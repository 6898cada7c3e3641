package org.tmshost.device.magstim;

import java.util.Optional;

/**
 * {@code F@}: the two windings of the coil, three ASCII digits each in 0.1 °C (MagPy/MAGIC; not in
 * TDb 086 Rev 1.0 nor TDb 087 Rev 5.1).
 */
public record CoilTemperatures(int winding1TenthsCelsius, int winding2TenthsCelsius) {
    public double hottestCelsius() {
        return Math.max(winding1TenthsCelsius, winding2TenthsCelsius) / 10.0;
    }

    public static Optional<CoilTemperatures> parse(String payload) {
        if (payload.length() != 6 || !Digits.all(payload)) {
            return Optional.empty();
        }
        return Optional.of(new CoilTemperatures(Digits.value(payload, 0, 3), Digits.value(payload, 3, 6)));
    }
}
