package org.tmshost.device.magstim;

import java.util.Optional;

/**
 * The 200²/BiStim² parameters from {@code J@}: power A, power B (%MSO) and the inter-pulse
 * interval (ms, or 0.1 ms in hi-res mode), three ASCII digits each.
 */
public record PowerSettings(int powerA, int powerB, int interPulseInterval) {
    public static Optional<PowerSettings> parse(String payload) {
        if (payload.length() != 9 || !Digits.all(payload)) {
            return Optional.empty();
        }
        return Optional.of(new PowerSettings(Digits.value(payload, 0, 3), Digits.value(payload, 3, 6),
                Digits.value(payload, 6, 9)));
    }
}
