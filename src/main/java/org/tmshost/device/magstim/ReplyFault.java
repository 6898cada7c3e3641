package org.tmshost.device.magstim;

import org.tmshost.device.DeviceFault;

/** Why a reply was not a good acknowledgement. Every kind maps to a stable {@link DeviceFault} code. */
public enum ReplyFault {
    /** {@code ?}: the unit did not understand the command (or its checksum was wrong). */
    UNKNOWN_COMMAND("magstim-unknown-command", "the stimulator did not understand the command"),
    /** {@code <cmd>?<crc>}: the command was valid but its data was not. */
    INVALID_DATA("magstim-invalid-data", "the stimulator refused the command's value"),
    /** {@code <cmd>S<crc>}: the command conflicts with the unit's state (e.g. arming when armed). */
    CONFLICT("magstim-conflict", "the stimulator refused the command in its current state"),
    /** The reply's checksum does not match its bytes. */
    BAD_CHECKSUM("magstim-bad-checksum", "a reply was corrupted on the serial line (checksum mismatch)"),
    /** The reply does not echo the command that was sent. */
    WRONG_ECHO("magstim-wrong-echo", "the reply does not answer the command that was sent"),
    /** Fewer bytes arrived than the reply needs before the reply timeout. */
    TRUNCATED("magstim-truncated-reply", "the reply stopped short"),
    /** The bytes are a complete frame but its data is not what the command returns. */
    MALFORMED("magstim-malformed-reply", "the reply's data is not in the documented format"),
    /** Nothing arrived before the reply timeout. */
    NO_REPLY("magstim-no-reply", "the stimulator did not answer; check the cable, port and power");

    private final String code;
    private final String description;

    ReplyFault(String code, String description) {
        this.code = code;
        this.description = description;
    }

    public String code() {
        return code;
    }

    public String description() {
        return description;
    }
}
