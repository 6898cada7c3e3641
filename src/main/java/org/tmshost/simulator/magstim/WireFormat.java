package org.tmshost.simulator.magstim;

import java.nio.charset.StandardCharsets;

/**
 * Magstim bytes, device side: the check byte, the layouts of an answer and of an error reply, and
 * the ASCII decimal fields of commands and answers. Re-implemented from the reference apart from
 * the host codec in {@code org.tmshost.device.magstim}, so that a bug on one side does not pass on
 * both.
 */
final class WireFormat {
    /** The one-byte answer to an unknown command or a wrong check byte. */
    static final byte UNKNOWN = '?';

    private WireFormat() {
    }

    /** Magstim check byte: one's complement of the 8-bit sum of the preceding bytes. */
    static byte crc(byte[] bytes, int count) {
        int sum = 0;
        for (int i = count - 1; i >= 0; i--) {
            sum = (sum + (bytes[i] & 0xFF)) & 0xFF;
        }
        return (byte) (0xFF - sum);
    }

    /** An answer: the command's code, its status byte(s), {@code data}, the check byte. */
    static byte[] ack(char code, String data, int... statusBytes) {
        byte[] body = data.getBytes(StandardCharsets.ISO_8859_1);
        byte[] reply = new byte[1 + statusBytes.length + body.length + 1];
        int at = 0;
        reply[at++] = (byte) code;
        for (int status : statusBytes) {
            reply[at++] = (byte) status;
        }
        System.arraycopy(body, 0, reply, at, body.length);
        reply[reply.length - 1] = crc(reply, reply.length - 1);
        return reply;
    }

    /** {@code <code><marker><crc>}: {@code ?} bad data, {@code S} a conflict with the unit's state. */
    static byte[] error(char code, char marker) {
        byte[] reply = {(byte) code, (byte) marker, 0};
        reply[2] = crc(reply, 2);
        return reply;
    }

    /** A whole ASCII decimal field, or -1. */
    static int number(String digits) {
        if (digits.isEmpty()) {
            return -1;
        }
        int value = 0;
        for (char c : digits.toCharArray()) {
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** {@code value} in decimal, zero-padded on the left to {@code width} characters. */
    static String pad(long value, int width) {
        StringBuilder text = new StringBuilder(Long.toString(value));
        while (text.length() < width) {
            text.insert(0, '0');
        }
        return text.toString();
    }
}
