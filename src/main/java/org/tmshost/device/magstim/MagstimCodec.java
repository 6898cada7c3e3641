package org.tmshost.device.magstim;

import java.nio.charset.StandardCharsets;

/**
 * Framing and checksum of the Magstim host protocol (TDb 086 Rev 1.0 for 200²/BiStim², TDb 087
 * Rev 5.1 for Rapid²), host side. 9600 8N1, ASCII.
 *
 * <pre>
 * Command:   +-----+----------------+-----+
 *            | cmd | data (1..16 B) | crc |     e.g. '@' '0' '5' '0' '*'
 *            +-----+----------------+-----+
 * Reply:     +-----+--------+-------------------+-----+
 *            | cmd | status | data (0..20 B)    | crc |   cmd echoes the command character
 *            +-----+--------+-------------------+-----+
 *            Rapid replies ({@code B D [ ^ _ \ x}) start the data with the Rapid status byte.
 *            {@code ND}: data is the version text ("9.1.0") then NUL.
 * Errors:    '?'                 the command was not understood (one byte, no checksum)
 *            cmd '?' crc         valid command, invalid data
 *            cmd 'S' crc         valid command, conflicts with the unit's state
 * crc      = ~(sum of all preceding bytes of the frame) &amp; 0xFF
 * </pre>
 *
 * A status byte equal to {@code '?'} (0x3F) or {@code 'S'} (0x53) cannot be told apart from an
 * error reply by its position alone; both values set standby and armed together, which no unit
 * reports, so the second byte is read as an error marker, as MagPy does.
 *
 * <p>Decoding never throws: anything that is not a good acknowledgement is a
 * {@link MagstimReply.Failed} with a {@link ReplyFault}.
 */
public final class MagstimCodec {
    private MagstimCodec() {
    }

    /** Low 8 bits of the byte sum, bit-inverted. */
    public static byte checksum(byte[] bytes, int offset, int length) {
        int sum = 0;
        for (int i = offset; i < offset + length; i++) {
            sum += bytes[i] & 0xFF;
        }
        return (byte) (~sum & 0xFF);
    }

    /**
     * How many bytes the reply to {@code sent} has in total, judged from the {@code have} bytes
     * received so far: a value above {@code have} means "read more". Allocation-free.
     */
    public static int replyLength(MagstimCommand sent, byte[] received, int have) {
        if (have < 1) {
            return 1;
        }
        if (received[0] == '?') {
            return 1;
        }
        if (have < 2) {
            return 2;
        }
        if (received[1] == '?' || received[1] == 'S') {
            return 3;
        }
        if (sent.replyLength() != MagstimCommand.NUL_TERMINATED) {
            return sent.replyLength();
        }
        for (int i = 2; i < have; i++) {
            if (received[i] == 0) {
                return i + 2;
            }
        }
        return Math.min(have + 1, MAX_VERSION_REPLY);
    }

    /** A version reply longer than this is treated as malformed rather than read forever. */
    public static final int MAX_VERSION_REPLY = 24;

    /** Decodes the {@code length} bytes received for {@code sent}. Never throws. */
    public static MagstimReply decode(MagstimCommand sent, byte[] received, int length) {
        char cmd = sent.code();
        if (length <= 0) {
            return new MagstimReply.Failed(cmd, ReplyFault.NO_REPLY, "no bytes");
        }
        String hex = hex(received, length);
        if (received[0] == '?') {
            return length == 1 ? new MagstimReply.Failed(cmd, ReplyFault.UNKNOWN_COMMAND, hex)
                    : new MagstimReply.Failed(cmd, ReplyFault.MALFORMED, hex);
        }
        if ((received[0] & 0xFF) != cmd) {
            return new MagstimReply.Failed(cmd, ReplyFault.WRONG_ECHO, hex);
        }
        int needed = replyLength(sent, received, length);
        if (length < needed || length < 3) {
            return new MagstimReply.Failed(cmd, needed >= MAX_VERSION_REPLY ? ReplyFault.MALFORMED
                    : ReplyFault.TRUNCATED, hex);
        }
        if (length > needed) {
            return new MagstimReply.Failed(cmd, ReplyFault.MALFORMED, "extra bytes: " + hex);
        }
        if (checksum(received, 0, length - 1) != received[length - 1]) {
            return new MagstimReply.Failed(cmd, ReplyFault.BAD_CHECKSUM, hex);
        }
        if (received[1] == '?') {
            return new MagstimReply.Failed(cmd, ReplyFault.INVALID_DATA, hex);
        }
        if (received[1] == 'S') {
            return new MagstimReply.Failed(cmd, ReplyFault.CONFLICT, hex);
        }
        String payload = new String(received, 2, length - 3, StandardCharsets.ISO_8859_1);
        if (sent.replyLength() == MagstimCommand.NUL_TERMINATED) {
            if (payload.isEmpty() || payload.charAt(payload.length() - 1) != 0) {
                return new MagstimReply.Failed(cmd, ReplyFault.MALFORMED, "no NUL terminator: " + hex);
            }
            payload = payload.substring(0, payload.length() - 1);
        }
        return new MagstimReply.Acknowledged(cmd, new InstrumentStatus(received[1]), payload);
    }

    /**
     * Allocation-free check for the pulse path: are these {@code length} bytes a good
     * acknowledgement of a 3-byte command such as {@code EH}?
     */
    public static boolean isPlainAcknowledgement(char command, byte[] received, int length) {
        return length == 3 && (received[0] & 0xFF) == command && received[1] != '?' && received[1] != 'S'
                && checksum(received, 0, 2) == received[2];
    }

    static String hex(byte[] bytes, int length) {
        StringBuilder text = new StringBuilder(length * 3);
        for (int i = 0; i < length; i++) {
            if (i > 0) {
                text.append(' ');
            }
            text.append(String.format("%02X", bytes[i] & 0xFF));
        }
        return text.toString();
    }
}
