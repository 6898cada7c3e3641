package org.tmshost.device.magstim;

import java.util.Optional;

/**
 * The Rapid² parameters from {@code \@}, after the instrument status:
 * <pre>
 * rapid-status | power(3) | frequency(4, 0.1 Hz) | pulses(4; 5 from V9) | duration(3; 4 from V9, 0.1 s) | wait(3; 4 from V7, 0.1 s)
 * </pre>
 */
public record RapidParameters(RapidStatus rapidStatus, int powerPercentMso, int frequencyTenthsHz, int pulses,
                              int durationTenthsSecond, int waitTenthsSecond) {
    public static Optional<RapidParameters> parse(String payload, SoftwareVersion version) {
        int pulseDigits = version.pulseCountDigits();
        int durationDigits = version.durationDigits();
        int waitDigits = version.waitDigits();
        int expected = 1 + 3 + 4 + pulseDigits + durationDigits + waitDigits;
        if (payload.length() != expected || !Digits.all(payload.substring(1))) {
            return Optional.empty();
        }
        int at = 1;
        int power = Digits.value(payload, at, at += 3);
        int frequency = Digits.value(payload, at, at += 4);
        int pulses = Digits.value(payload, at, at += pulseDigits);
        int duration = Digits.value(payload, at, at += durationDigits);
        int wait = Digits.value(payload, at, at + waitDigits);
        return Optional.of(new RapidParameters(new RapidStatus(payload.charAt(0)), power, frequency, pulses, duration,
                wait));
    }
}
