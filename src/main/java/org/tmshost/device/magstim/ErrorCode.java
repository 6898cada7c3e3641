package org.tmshost.device.magstim;

import java.util.Optional;

/**
 * {@code I@}: the unit's current error, a source character ({@code U} user interface,
 * {@code C} coil, {@code E} system) and two digits. Meanings of the numbers are in the service
 * documentation, not in the public protocol documents.
 */
public record ErrorCode(char source, int number) {
    public static Optional<ErrorCode> parse(String payload) {
        if (payload.length() != 3 || !Digits.all(payload.substring(1))) {
            return Optional.empty();
        }
        return Optional.of(new ErrorCode(payload.charAt(0), Digits.value(payload, 1, 3)));
    }

    @Override
    public String toString() {
        return source + String.format("%02d", number);
    }
}
