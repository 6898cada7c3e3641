package org.tmshost.device.magventure;

/**
 * CRC-8/Dallas-Maxim as the MagPro computes it over a frame's payload: polynomial
 * x^8+x^5+x^4+1 (0x31, reflected 0x8C), initial value 0, no final XOR, bits processed least
 * significant first. Check value: "123456789" gives 0xA1. Table-driven (the emulator computes it
 * bit by bit, independently).
 */
public final class MagProCrc8 {
    private static final int[] TABLE = new int[256];

    static {
        for (int value = 0; value < 256; value++) {
            int crc = value;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0x8C : crc >>> 1;
            }
            TABLE[value] = crc;
        }
    }

    private MagProCrc8() {
    }

    /** @return the CRC of {@code bytes[offset, offset+length)}, 0..255 */
    public static int of(byte[] bytes, int offset, int length) {
        int crc = 0;
        for (int i = offset; i < offset + length; i++) {
            crc = TABLE[(crc ^ bytes[i]) & 0xFF];
        }
        return crc;
    }

    public static int of(byte[] bytes) {
        return of(bytes, 0, bytes.length);
    }
}
