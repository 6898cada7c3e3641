package org.tmshost.device.magventure;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * One MagPro frame, as it travels in both directions:
 * <pre>
 *   byte 0        0xFE  start
 *   byte 1        len   number of payload bytes (1..253 accepted here)
 *   bytes 2..     payload; payload[0] is the command (host to device) or message ID (device to host)
 *   byte 2+len    CRC-8/Dallas-Maxim of the payload only (not of len)  see {@link MagProCrc8}
 *   byte 3+len    0xFF  end
 * </pre>
 * Example (reference, computed): amplitude 50 % is {@code FE 02 01 32 C6 FF}.
 */
public record MagProFrame(byte[] payload) implements FrameReadResult {
    public static final int START = 0xFE;
    public static final int END = 0xFF;
    /** Largest payload this codec writes or accepts; real frames are at most ~20 bytes. */
    public static final int MAX_PAYLOAD = 64;

    public MagProFrame {
        if (payload.length < 1 || payload.length > MAX_PAYLOAD) {
            throw new IllegalArgumentException("a MagPro payload has 1.." + MAX_PAYLOAD + " bytes, not " + payload.length);
        }
        payload = payload.clone();
    }

    /** A frame from unsigned byte values (each 0..255). */
    public static MagProFrame of(int... payload) {
        byte[] bytes = new byte[payload.length];
        for (int i = 0; i < payload.length; i++) {
            if (payload[i] < 0 || payload[i] > 255) {
                throw new IllegalArgumentException("payload byte " + i + " is " + payload[i] + ", not 0..255");
            }
            bytes[i] = (byte) payload[i];
        }
        return new MagProFrame(bytes);
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    /** Payload byte {@code index} as 0..255. */
    public int unsigned(int index) {
        return payload[index] & 0xFF;
    }

    /** Big-endian unsigned 16-bit value at payload bytes {@code index, index+1}. */
    public int u16(int index) {
        return (unsigned(index) << 8) | unsigned(index + 1);
    }

    /** Big-endian unsigned 32-bit value (as a long) at payload bytes {@code index..index+3}. */
    public long u32(int index) {
        return ((long) u16(index) << 16) | u16(index + 2);
    }

    public int length() {
        return payload.length;
    }

    /** The first payload byte: the command or message ID. */
    public int id() {
        return unsigned(0);
    }

    /** The bytes on the wire. */
    public byte[] toBytes() {
        byte[] wire = new byte[payload.length + 4];
        wire[0] = (byte) START;
        wire[1] = (byte) payload.length;
        System.arraycopy(payload, 0, wire, 2, payload.length);
        wire[payload.length + 2] = (byte) MagProCrc8.of(payload);
        wire[payload.length + 3] = (byte) END;
        return wire;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MagProFrame frame && Arrays.equals(payload, frame.payload);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return HexFormat.ofDelimiter(" ").withUpperCase().formatHex(toBytes());
    }
}
