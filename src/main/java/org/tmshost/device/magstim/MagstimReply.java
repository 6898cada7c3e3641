package org.tmshost.device.magstim;

import org.tmshost.device.DeviceFault;

/** A decoded reply: an acknowledgement, or a typed failure. Never an exception. */
public sealed interface MagstimReply {
    /**
     * A good acknowledgement.
     *
     * @param payload the data bytes between the instrument status and the checksum, as ISO-8859-1
     *                characters (for Rapid replies the first is the Rapid status byte)
     */
    record Acknowledged(char command, InstrumentStatus status, String payload) implements MagstimReply {
        /** The Rapid status byte, for replies that carry one. */
        public RapidStatus rapidStatus() {
            return new RapidStatus(payload.isEmpty() ? 0 : payload.charAt(0));
        }
    }

    /** Not a good acknowledgement; {@code detail} names the bytes for the log. */
    record Failed(char command, ReplyFault fault, String detail) implements MagstimReply {
        public DeviceFault toDeviceFault() {
            return new DeviceFault(fault.code(), fault.description() + " (command " + printable(command) + ": "
                    + detail + ")");
        }
    }

    static String printable(char c) {
        return c >= 0x20 && c < 0x7F ? "'" + c + "'" : String.format("0x%02X", (int) c);
    }
}
