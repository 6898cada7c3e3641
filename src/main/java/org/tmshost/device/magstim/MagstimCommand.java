package org.tmshost.device.magstim;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One host command: an ASCII command character, its data characters, and the total length of the
 * acknowledgement the unit sends back. Built only by {@link MagstimCommands} (the constructor is not
 * public), so a command the host must never send cannot be built: there is deliberately no factory
 * for {@code b@} ("ignore coil interlock switch", TDb 087), nor any way to frame an arbitrary character.
 */
public final class MagstimCommand {
    /** {@link #replyLength()} of {@code ND}: the version reply ends with a NUL, then the checksum. */
    public static final int NUL_TERMINATED = -1;

    private final char code;
    private final byte[] data;
    private final int replyLength;

    /** Only {@link MagstimCommands} calls this: {@code data} is already checked for its command. */
    MagstimCommand(char code, String data, int replyLength) {
        this.code = code;
        this.data = data.getBytes(StandardCharsets.ISO_8859_1);
        this.replyLength = replyLength;
    }

    public char code() {
        return code;
    }

    /** The data characters, without the command character and checksum. */
    public byte[] data() {
        return data.clone();
    }

    /** Total bytes of a successful reply, or {@link #NUL_TERMINATED}. */
    public int replyLength() {
        return replyLength;
    }

    /** Whether the reply carries the Rapid status byte after the instrument status. */
    public boolean replyCarriesRapidStatus() {
        return code == 'B' || code == 'D' || code == '[' || code == '^' || code == '_' || code == '\\'
                || code == 'x';
    }

    /** The bytes on the wire: command character, data, checksum. */
    public byte[] frame() {
        byte[] frame = new byte[data.length + 2];
        frame[0] = (byte) code;
        System.arraycopy(data, 0, frame, 1, data.length);
        frame[frame.length - 1] = MagstimCodec.checksum(frame, 0, frame.length - 1);
        return frame;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MagstimCommand that && code == that.code && Arrays.equals(data, that.data)
                && replyLength == that.replyLength;
    }

    @Override
    public int hashCode() {
        return 31 * Character.hashCode(code) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return code + new String(data, StandardCharsets.ISO_8859_1);
    }
}
