package org.tmshost.device.magstim;

import java.nio.charset.StandardCharsets;

/**
 * The unit-specific Rapid² V9+ remote-control unlock code from Magstim, shape
 * {@code xxxx-xxxxxxxx-cc}: 16 characters, the last two of which may be any byte value (MagPy #5:
 * users stumble on exactly those). Sent verbatim after {@code Q}.
 */
public record UnlockCode(String text) {
    public UnlockCode {
        if (text == null || text.length() != 16 || text.charAt(4) != '-' || text.charAt(13) != '-'
                || !StandardCharsets.ISO_8859_1.newEncoder().canEncode(text)) {
            throw new IllegalArgumentException("an unlock code has the shape xxxx-xxxxxxxx-cc (16 characters); "
                    + "copy it exactly as Magstim supplied it");
        }
    }

    @Override
    public String toString() {
        return "UnlockCode[" + text.substring(0, 4) + "-********-**]";
    }
}
