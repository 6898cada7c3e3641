package org.tmshost.device.magventure;

/** Decodes device frames into {@link MagProMessage}s; layouts are on each message type. Never throws. */
public final class MagProMessages {
    private MagProMessages() {
    }

    public static MagProMessage decode(MagProFrame frame) {
        int id = frame.id();
        switch (id) {
            case 0:
                return frame.length() != 9 ? malformed(frame, 9) : new MagProMessage.Status(status(frame, 1),
                        (int) (((long) frame.unsigned(2) << 16) | frame.u16(3)), frame.unsigned(5), frame.unsigned(6),
                        frame.unsigned(7), frame.unsigned(8));
            case 5:
                return frame.length() != 15 ? malformed(frame, 15) : new MagProMessage.Status2(status(frame, 1),
                        (int) (((long) frame.unsigned(2) << 16) | frame.u16(3)), frame.unsigned(5), frame.unsigned(6),
                        frame.unsigned(7), frame.unsigned(8), frame.unsigned(9), frame.unsigned(10), frame.unsigned(11),
                        frame.unsigned(12), frame.unsigned(13), frame.unsigned(14) != 0);
            case 1:
                return frame.length() != 4 ? malformed(frame, 4)
                        : new MagProMessage.Amplitude(frame.unsigned(1), frame.unsigned(2), status(frame, 3));
            case 2:
                return frame.length() != 4 ? malformed(frame, 4)
                        : new MagProMessage.DiDt(frame.unsigned(1), frame.unsigned(2), status(frame, 3));
            case 3:
                return frame.length() != 4 ? malformed(frame, 4)
                        : new MagProMessage.Coil(frame.unsigned(1), frame.unsigned(2), status(frame, 3));
            case 4:
                return frame.length() != 13 ? malformed(frame, 13)
                        : new MagProMessage.Mep(frame.u32(1), frame.u32(5), frame.u32(9));
            case 6:
                return frame.length() != 4 ? malformed(frame, 4)
                        : new MagProMessage.OriginalAmplitude(frame.unsigned(1), frame.unsigned(2), status(frame, 3));
            case 7:
                return frame.length() != 4 ? malformed(frame, 4)
                        : new MagProMessage.AmplitudeGain(frame.unsigned(1), frame.unsigned(2), status(frame, 3));
            case 8:
                return frame.length() != 4 ? malformed(frame, 4)
                        : new MagProMessage.Page(frame.unsigned(1), frame.unsigned(2) != 0, status(frame, 3));
            case 9:
                return frame.length() != 10 ? malformed(frame, 10) : new MagProMessage.MainParametersReply(
                        frame.unsigned(2), MagProMode.ofCode(frame.unsigned(3)), frame.unsigned(4) != 0,
                        MagProWaveform.ofCode(frame.unsigned(5)), 5 - frame.unsigned(6),
                        frame.unsigned(7) | (frame.unsigned(8) << 8), 500 - 5 * frame.unsigned(9));
            case 10:
                return frame.length() != 8 ? malformed(frame, 8) : new MagProMessage.Delays(new DelayParameters(
                        frame.u16(2), (short) frame.u16(4), frame.u16(6)));
            case 11:
                return frame.length() != 14 ? malformed(frame, 14) : new MagProMessage.TimingMenu(new TrainParameters(
                        TimingControl.ofCode(frame.unsigned(2)), frame.u16(3), frame.u16(5), frame.u16(7), frame.u16(9),
                        frame.unsigned(11) != 0, frame.unsigned(12), frame.unsigned(13)),
                        (frame.unsigned(2) & 0x10) != 0);
            case 12:
                return frame.length() < 14 ? new MagProMessage.Malformed(frame, "message 12 needs at least 14 payload bytes, got "
                        + frame.length()) : new MagProMessage.PageAndCount(frame.u16(9), frame.unsigned(13));
            default:
                return new MagProMessage.Unknown(frame);
        }
    }

    private static MagProStatusByte status(MagProFrame frame, int index) {
        return MagProStatusByte.decode(frame.unsigned(index));
    }

    private static MagProMessage malformed(MagProFrame frame, int expected) {
        return new MagProMessage.Malformed(frame, "message " + frame.id() + " has " + expected + " payload bytes, got "
                + frame.length());
    }
}
