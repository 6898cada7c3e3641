package org.tmshost.device.magventure;

/**
 * Bytes on the line that are not a valid frame. The reader reports one fault per bad stretch and
 * resynchronises on the next {@code 0xFE}.
 *
 * @param kind   what was wrong
 * @param detail the bytes or values involved, for the log
 */
public record FrameFault(Kind kind, String detail) implements FrameReadResult {
    public enum Kind {
        /** Bytes outside any frame (before a start byte). */
        GARBAGE,
        /** A length byte of 0 or above {@link MagProFrame#MAX_PAYLOAD}. */
        BAD_LENGTH,
        /** The CRC byte does not match the payload. */
        BAD_CRC,
        /** The byte after the CRC is not 0xFF. */
        MISSING_END,
        /** A frame started but its remaining bytes did not arrive in time. */
        TRUNCATED
    }
}
