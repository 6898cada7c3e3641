package org.tmshost.device.magventure;

import java.util.HexFormat;
import java.util.function.Consumer;

/**
 * Cuts the byte stream from a MagPro into frames (layout in {@link MagProFrame}). Never throws on
 * bad input and never waits: every complete frame and every bad stretch of bytes is handed to the
 * consumer as a {@link FrameReadResult}. After a bad length, CRC or end byte it drops only the
 * start byte and scans again from the byte after it, so a real frame hidden behind a false
 * {@code 0xFE} is still found; bytes up to the next {@code 0xFE} are reported as one fault.
 *
 * <p>A frame whose bytes stop arriving is reported as {@link FrameFault.Kind#TRUNCATED} by
 * {@link #expire(long, Consumer)} once it is older than the reader's timeout. Not thread-safe:
 * owned by the link thread.
 */
public final class MagProFrameReader {
    private static final int FRAME_OVERHEAD = 4;
    private final long truncationTimeoutNanos;
    private byte[] buffer = new byte[256];
    private int count;
    private long candidateSinceNanos;
    /** A fault was just reported: further bytes up to the next start byte belong to it. */
    private boolean inBadStretch;

    /** @param truncationTimeoutNanos how long a started frame may wait for its remaining bytes */
    public MagProFrameReader(long truncationTimeoutNanos) {
        this.truncationTimeoutNanos = truncationTimeoutNanos;
    }

    /** Feeds bytes read at {@code nowNanos}; results go to {@code out} in line order. */
    public void accept(byte[] bytes, int offset, int length, long nowNanos, Consumer<FrameReadResult> out) {
        for (int i = 0; i < length; i++) {
            append(bytes[offset + i], nowNanos);
        }
        parse(nowNanos, out);
    }

    /** Reports a started frame that has waited longer than the timeout, then scans on. */
    public void expire(long nowNanos, Consumer<FrameReadResult> out) {
        if (count > 0 && (buffer[0] & 0xFF) == MagProFrame.START && nowNanos - candidateSinceNanos > truncationTimeoutNanos) {
            report(out, new FrameFault(FrameFault.Kind.TRUNCATED, "only " + count + " bytes of a frame arrived: "
                    + hex(0, count)));
            drop(1, nowNanos);
            parse(nowNanos, out);
        }
    }

    /** Bytes held for a frame that is not complete yet. */
    public int pendingBytes() {
        return count;
    }

    private void parse(long nowNanos, Consumer<FrameReadResult> out) {
        while (count > 0) {
            if ((buffer[0] & 0xFF) != MagProFrame.START) {
                int start = indexOfStart();
                if (!inBadStretch) {
                    report(out, new FrameFault(FrameFault.Kind.GARBAGE, "bytes outside a frame: " + hex(0, Math.min(start, 16))
                            + (start > 16 ? " ..." : "")));
                }
                drop(start, nowNanos);
                continue;
            }
            if (count < 2) {
                return;
            }
            int length = buffer[1] & 0xFF;
            if (length == 0 || length > MagProFrame.MAX_PAYLOAD) {
                report(out, new FrameFault(FrameFault.Kind.BAD_LENGTH, "length byte " + length + " (expected 1.."
                        + MagProFrame.MAX_PAYLOAD + ")"));
                drop(1, nowNanos);
                continue;
            }
            if (count < length + FRAME_OVERHEAD) {
                return;
            }
            int crc = MagProCrc8.of(buffer, 2, length);
            int sent = buffer[2 + length] & 0xFF;
            if (crc != sent) {
                report(out, new FrameFault(FrameFault.Kind.BAD_CRC, String.format("CRC %02X received, %02X computed over %s",
                        sent, crc, hex(2, length))));
                drop(1, nowNanos);
                continue;
            }
            int end = buffer[3 + length] & 0xFF;
            if (end != MagProFrame.END) {
                report(out, new FrameFault(FrameFault.Kind.MISSING_END, String.format("byte %02X where FF ends the frame %s",
                        end, hex(0, length + FRAME_OVERHEAD))));
                drop(1, nowNanos);
                continue;
            }
            byte[] payload = new byte[length];
            System.arraycopy(buffer, 2, payload, 0, length);
            inBadStretch = false;
            drop(length + FRAME_OVERHEAD, nowNanos);
            out.accept(new MagProFrame(payload));
        }
    }

    private void report(Consumer<FrameReadResult> out, FrameFault fault) {
        inBadStretch = true;
        out.accept(fault);
    }

    private int indexOfStart() {
        for (int i = 0; i < count; i++) {
            if ((buffer[i] & 0xFF) == MagProFrame.START) {
                return i;
            }
        }
        return count;
    }

    private void append(byte b, long nowNanos) {
        if (count == buffer.length) {
            byte[] larger = new byte[buffer.length * 2];
            System.arraycopy(buffer, 0, larger, 0, count);
            buffer = larger;
        }
        if (count == 0) {
            candidateSinceNanos = nowNanos;
        }
        buffer[count++] = b;
    }

    private void drop(int n, long nowNanos) {
        System.arraycopy(buffer, n, buffer, 0, count - n);
        count -= n;
        candidateSinceNanos = nowNanos;
    }

    private String hex(int from, int n) {
        return HexFormat.ofDelimiter(" ").withUpperCase().formatHex(buffer, from, from + n);
    }
}
