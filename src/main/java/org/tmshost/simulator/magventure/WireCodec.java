package org.tmshost.simulator.magventure;

import java.io.ByteArrayOutputStream;

/**
 * The emulated MagPro's own framing, written apart from the host driver's codec on purpose (a bug
 * shared by both sides would pass every conformance test): {@code FE len payload CRC FF}, CRC-8
 * Dallas/Maxim computed bit by bit over the payload. Parsing is a byte-at-a-time state machine:
 * a bad length, CRC or end byte drops the frame and the machine waits for the next {@code FE}.
 */
final class WireCodec {
    static final int START = 0xFE;
    static final int END = 0xFF;
    private static final int MAX_PAYLOAD = 64;

    private enum State { IDLE, LENGTH, BODY, CHECK, END }

    private final long staleAfterNanos;
    private State state = State.IDLE;
    private final byte[] body = new byte[MAX_PAYLOAD];
    private int expected;
    private int filled;
    private int checkByte;
    private long startedNanos;
    private int rejectedFrames;

    WireCodec(long staleAfterNanos) {
        this.staleAfterNanos = staleAfterNanos;
    }

    /** CRC-8/Maxim, reflected polynomial 0x8C, initial 0, bit by bit. */
    static int crc(byte[] data, int offset, int length) {
        int crc = 0;
        for (int i = offset; i < offset + length; i++) {
            int b = data[i] & 0xFF;
            for (int bit = 0; bit < 8; bit++) {
                boolean mix = ((crc ^ b) & 1) == 1;
                crc >>>= 1;
                if (mix) {
                    crc ^= 0x8C;
                }
                b >>>= 1;
            }
        }
        return crc;
    }

    /** Appends one frame carrying {@code payload} (unsigned byte values) to {@code out}. */
    static void frame(ByteArrayOutputStream out, int... payload) {
        byte[] bytes = new byte[payload.length];
        for (int i = 0; i < payload.length; i++) {
            bytes[i] = (byte) payload[i];
        }
        out.write(START);
        out.write(bytes.length);
        out.write(bytes, 0, bytes.length);
        out.write(crc(bytes, 0, bytes.length));
        out.write(END);
    }

    interface PayloadSink {
        void payload(byte[] payload, int length);
    }

    /** Feeds one byte; a complete valid frame's payload goes to {@code sink}. */
    void feed(int b, long nowNanos, PayloadSink sink) {
        if (state != State.IDLE && nowNanos - startedNanos > staleAfterNanos) {
            rejectedFrames++;
            state = State.IDLE;
        }
        switch (state) {
            case IDLE:
                if (b == START) {
                    state = State.LENGTH;
                    startedNanos = nowNanos;
                }
                break;
            case LENGTH:
                if (b == 0 || b > MAX_PAYLOAD) {
                    rejectedFrames++;
                    state = b == START ? State.LENGTH : State.IDLE;
                } else {
                    expected = b;
                    filled = 0;
                    state = State.BODY;
                }
                break;
            case BODY:
                body[filled++] = (byte) b;
                if (filled == expected) {
                    state = State.CHECK;
                }
                break;
            case CHECK:
                checkByte = b;
                state = State.END;
                break;
            case END:
                state = State.IDLE;
                if (b == END && checkByte == crc(body, 0, expected)) {
                    sink.payload(body, expected);
                } else {
                    rejectedFrames++;
                    if (b == START) {
                        state = State.LENGTH;
                        startedNanos = nowNanos;
                    }
                }
                break;
            default:
                throw new IllegalStateException();
        }
    }

    int rejectedFrames() {
        return rejectedFrames;
    }
}
