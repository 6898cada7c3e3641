package org.tmshost.device.magstim;

import java.util.Optional;

/**
 * A Rapid² software version as {@code ND} reports it ({@code "9.1.0"}). Reply lengths and field
 * widths change at V7 and V9 (TDb 087; MagPy {@code getVersion}).
 */
public record SoftwareVersion(int major, int minor, int patch) {
    /** What the driver assumes before the unit has answered {@code ND}: the oldest layout. */
    public static final SoftwareVersion UNKNOWN = new SoftwareVersion(0, 0, 0);

    public boolean atLeast(int requiredMajor) {
        return major >= requiredMajor;
    }

    /** Digits of the pulse count in {@code D}: 5 from V9, else 4. */
    public int pulseCountDigits() {
        return atLeast(9) ? 5 : 4;
    }

    /** Digits of the train duration in {@code [}: 4 from V9, else 3. */
    public int durationDigits() {
        return atLeast(9) ? 4 : 3;
    }

    /** Digits of the wait field in the {@code \@} reply: 4 from V7, else 3. */
    public int waitDigits() {
        return atLeast(7) ? 4 : 3;
    }

    /** Total bytes of the {@code \@} reply: 24 from V9, 22 from V7, else 21. */
    public int rapidParametersReplyLength() {
        return atLeast(9) ? 24 : atLeast(7) ? 22 : 21;
    }

    /** Parses {@code "9.1.0"} (fields may be zero-padded); empty when it is not that shape. */
    public static Optional<SoftwareVersion> parse(String text) {
        String[] parts = text.trim().split("\\.", -1);
        if (parts.length < 1 || parts.length > 3) {
            return Optional.empty();
        }
        int[] numbers = new int[3];
        for (int i = 0; i < parts.length; i++) {
            if (parts[i].isEmpty() || parts[i].length() > 3 || !parts[i].chars().allMatch(c -> c >= '0' && c <= '9')) {
                return Optional.empty();
            }
            numbers[i] = Integer.parseInt(parts[i]);
        }
        return Optional.of(new SoftwareVersion(numbers[0], numbers[1], numbers[2]));
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch;
    }
}
