package org.tmshost.simulator.magstim;

import java.io.ByteArrayOutputStream;

/**
 * Cuts the host's bytes into Magstim command frames: a code, its data characters (how many depends
 * on the unit and its software version) and a check byte. An unknown code or a wrong check byte
 * answers {@code ?} and drops the input buffered so far and the rest of that burst; a partial
 * frame older than the frame gap is dropped before the next bytes (resynchronisation).
 */
final class CommandFramer {
    /** What a frame turns into. */
    interface Commands {
        /** A whole frame with a good check byte, arrived at {@code nowNanos}; returns the answer. */
        byte[] command(byte[] frame, long nowNanos);

        /** Input dropped: {@code unknown-command} or {@code bad-checksum}. */
        void refused(long nowNanos, String reason);
    }

    private static final int MAX_PENDING = 64;
    private static final int NEED_MORE = -2;
    private static final int NOT_A_COMMAND = -1;

    private final UnitKind kind;
    private final MagstimEmulatorSettings settings;
    private final int[] commandCounts = new int[256];
    private final byte[] pending = new byte[MAX_PENDING];
    private int pendingLength;
    private long pendingSinceNanos;

    CommandFramer(UnitKind kind, MagstimEmulatorSettings settings) {
        this.kind = kind;
        this.settings = settings;
    }

    /** How many complete frames starting with {@code code} arrived (unknown characters included). */
    int commandsReceived(char code) {
        return code < 256 ? commandCounts[code] : 0;
    }

    /** Whether part of a frame is waiting for its rest. */
    boolean partial() {
        return pendingLength > 0;
    }

    /** Drops a partial frame that has waited longer than the frame gap. */
    void dropStale(long nowNanos) {
        if (pendingLength > 0 && nowNanos - pendingSinceNanos > settings.frameGapNanos()) {
            pendingLength = 0;
        }
    }

    /** Bytes arrived at {@code nowNanos}: each whole frame goes to {@code commands}; returns the answers. */
    byte[] take(byte[] in, int offset, int length, long nowNanos, Commands commands) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < length; i++) {
            if (pendingLength == 0) {
                pendingSinceNanos = nowNanos;
            }
            if (pendingLength == MAX_PENDING) {
                pendingLength = 0;
                out.write(WireFormat.UNKNOWN);
            }
            pending[pendingLength++] = in[offset + i];
            if (!takeFrames(nowNanos, out, commands)) {
                break; // after an unknown or corrupt frame, the rest of this burst is dropped too
            }
        }
        return out.toByteArray();
    }

    /** Handles every complete frame in {@code pending}; false when the input had to be dropped. */
    private boolean takeFrames(long nowNanos, ByteArrayOutputStream out, Commands commands) {
        while (pendingLength > 0) {
            int dataLength = dataLength();
            if (dataLength == NEED_MORE) {
                return true;
            }
            if (dataLength == NOT_A_COMMAND) {
                commandCounts[pending[0] & 0xFF]++;
                pendingLength = 0;
                out.write(WireFormat.UNKNOWN);
                commands.refused(nowNanos, "unknown-command");
                return false;
            }
            int frameLength = dataLength + 2;
            if (pendingLength < frameLength) {
                return true;
            }
            byte[] frame = new byte[frameLength];
            System.arraycopy(pending, 0, frame, 0, frameLength);
            System.arraycopy(pending, frameLength, pending, 0, pendingLength - frameLength);
            pendingLength -= frameLength;
            pendingSinceNanos = nowNanos;
            commandCounts[frame[0] & 0xFF]++;
            if (WireFormat.crc(frame, frameLength - 1) != frame[frameLength - 1]) {
                pendingLength = 0;
                out.write(WireFormat.UNKNOWN);
                commands.refused(nowNanos, "bad-checksum");
                return false;
            }
            out.writeBytes(commands.command(frame, nowNanos));
        }
        return true;
    }

    /** Data characters of the command at the head of {@code pending}, for this kind and version. */
    private int dataLength() {
        char code = (char) (pending[0] & 0xFF);
        boolean rapid = kind == UnitKind.RAPID;
        boolean bistim = kind == UnitKind.BISTIM;
        boolean v9 = settings.major() >= 9;
        switch (code) {
            case 'Q':
                if (rapid && v9 && settings.unlockCode().isPresent()) {
                    if (pendingLength < 2) {
                        return NEED_MORE;
                    }
                    return pending[1] == '@' ? 1 : 16;
                }
                return 1;
            case 'R': case 'E': case 'F':
                return 1;
            case '@':
                return 3;
            case 'J':
                return rapid ? NOT_A_COMMAND : 1;
            case 'A': case 'C':
                return bistim ? 3 : NOT_A_COMMAND;
            case 'Y': case 'Z': case 'X':
                return bistim ? 1 : NOT_A_COMMAND;
            case '\\': case '^': case '_': case 'N': case 'I': case 'b':
                return rapid ? 1 : NOT_A_COMMAND;
            case 'x': case 'o':
                return rapid && v9 ? 1 : NOT_A_COMMAND;
            case 'n':
                return rapid && v9 ? (settings.major() >= 10 ? 5 : 4) : NOT_A_COMMAND;
            case 'B':
                return rapid ? 4 : NOT_A_COMMAND;
            case 'D':
                return rapid ? (v9 ? 5 : 4) : NOT_A_COMMAND;
            case '[':
                return rapid ? (v9 ? 4 : 3) : NOT_A_COMMAND;
            default:
                return NOT_A_COMMAND;
        }
    }
}
