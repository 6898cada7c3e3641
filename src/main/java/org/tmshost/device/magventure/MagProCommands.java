package org.tmshost.device.magventure;

/**
 * Host-to-device commands. Payload layouts (byte 0 is the command ID; 16-bit values big-endian):
 * <pre>
 *   0x00 status            [00]                                      reply: message 0
 *   0x01 amplitude         [01 A] or [01 A B]        A, B in % MSO 0..100
 *   0x02 enable / disable  [02 01] / [02 00]
 *   0x03 single trigger    [03 01]                   one pulse, or one burst in Biphasic Burst
 *   0x04 start train       [04]                      Timing page: train sequence; Protocol page: protocol
 *   0x05 status2           [05]                                      reply: message 5
 *   0x06 set train (MAGIC) [06 rate*10 pulses trains iti*10]         four u16
 *   0x07 set page          [07 page 00]
 *   0x08 delays (MAGIC)    [08 in*10 out*10(s16) charge 00 00]       three u16, two zero bytes
 *   0x09 main parameters   get [09 00]; set [09 01 model mode dir waveform 5-burstPulses ipi*10 ba*100]
 *   0x0A delays (pytms)    get [0A 00]; set [0A 01 in*10 out*10(s16) charge]
 *   0x0B timing menu       get [0B 00]; set [0B 01 control rate*10 pulses trains iti*10 warn rampUp% rampUpTrains]
 *   0x0C page and count    [0C 00]                                   reply: message 12
 * </pre>
 * Reference frames: status {@code FE 01 00 00 FF}, enable {@code FE 02 02 01 CF FF}, disable
 * {@code FE 02 02 00 91 FF}, amplitude 50 % {@code FE 02 01 32 C6 FF}, single trigger
 * {@code FE 02 03 01 0B FF}, start train {@code FE 01 04 61 FF}, status2 {@code FE 01 05 3F FF}.
 *
 * <p>These encoders check only that values fit their bytes; the driver validates ranges against
 * the device first.
 */
public final class MagProCommands {
    public static final int STATUS = 0x00;
    public static final int AMPLITUDE = 0x01;
    public static final int ENABLE = 0x02;
    public static final int SINGLE_TRIGGER = 0x03;
    public static final int START_TRAIN = 0x04;
    public static final int STATUS2 = 0x05;
    public static final int LEGACY_SET_TRAIN = 0x06;
    public static final int SET_PAGE = 0x07;
    public static final int LEGACY_SET_DELAYS = 0x08;
    public static final int MAIN_PARAMETERS = 0x09;
    public static final int DELAYS = 0x0A;
    public static final int TIMING_MENU = 0x0B;
    public static final int PAGE_AND_COUNT = 0x0C;
    private static final int GET = 0;
    private static final int SET = 1;

    private MagProCommands() {
    }

    public static MagProFrame status() {
        return MagProFrame.of(STATUS);
    }

    public static MagProFrame status2() {
        return MagProFrame.of(STATUS2);
    }

    public static MagProFrame amplitude(int amplitudeA) {
        return MagProFrame.of(AMPLITUDE, percent(amplitudeA));
    }

    public static MagProFrame amplitude(int amplitudeA, int amplitudeB) {
        return MagProFrame.of(AMPLITUDE, percent(amplitudeA), percent(amplitudeB));
    }

    public static MagProFrame enable(boolean enabled) {
        return MagProFrame.of(ENABLE, enabled ? 1 : 0);
    }

    public static MagProFrame singleTrigger() {
        return MagProFrame.of(SINGLE_TRIGGER, 1);
    }

    public static MagProFrame startTrain() {
        return MagProFrame.of(START_TRAIN);
    }

    public static MagProFrame setPage(MagProPage page) {
        return MagProFrame.of(SET_PAGE, page.code(), 0);
    }

    /** The older train command (MAGIC 2018); firmware-dependent, see the protocol notes. */
    public static MagProFrame legacySetTrain(TrainParameters train) {
        return frame(new int[]{LEGACY_SET_TRAIN}, u16(train.repRateTenthsPps()), u16(train.pulsesInTrain()),
                u16(train.numberOfTrains()), u16(train.itiTenthsSeconds()));
    }

    public static MagProFrame getMainParameters() {
        return MagProFrame.of(MAIN_PARAMETERS, GET);
    }

    public static MagProFrame setMainParameters(MagProModel model, MainParameters main) {
        return frame(new int[]{MAIN_PARAMETERS, SET, model.code(), main.mode().code(), main.reverseCurrent() ? 1 : 0,
                main.waveform().code(), 5 - main.burstPulses()}, u16(main.ipiTenthsMs()), u16(main.baRatioHundredths()));
    }

    public static MagProFrame getDelays() {
        return MagProFrame.of(DELAYS, GET);
    }

    public static MagProFrame setDelays(DelayParameters delays) {
        return frame(new int[]{DELAYS, SET}, u16(delays.inputTriggerTenthsMs()), s16(delays.outputTriggerTenthsMs()),
                u16(delays.chargeDelayMs()));
    }

    public static MagProFrame getTimingMenu() {
        return MagProFrame.of(TIMING_MENU, GET);
    }

    public static MagProFrame setTimingMenu(TrainParameters train) {
        return frame(new int[]{TIMING_MENU, SET, train.timingControl().code()}, u16(train.repRateTenthsPps()),
                u16(train.pulsesInTrain()), u16(train.numberOfTrains()), u16(train.itiTenthsSeconds()),
                new int[]{train.priorWarningSound() ? 1 : 0, train.rampUpPercent(), train.rampUpTrains()});
    }

    public static MagProFrame getPageAndCount() {
        return MagProFrame.of(PAGE_AND_COUNT, GET);
    }

    private static int percent(int value) {
        if (value < 0 || value > 100) {
            throw new IllegalArgumentException("amplitude " + value + " % is outside 0..100");
        }
        return value;
    }

    private static int[] u16(int value) {
        if (value < 0 || value > 0xFFFF) {
            throw new IllegalArgumentException(value + " does not fit an unsigned 16-bit field");
        }
        return new int[]{value >> 8, value & 0xFF};
    }

    private static int[] s16(int value) {
        if (value < Short.MIN_VALUE || value > Short.MAX_VALUE) {
            throw new IllegalArgumentException(value + " does not fit a signed 16-bit field");
        }
        return new int[]{(value >> 8) & 0xFF, value & 0xFF};
    }

    private static MagProFrame frame(int[]... parts) {
        int length = 0;
        for (int[] part : parts) {
            length += part.length;
        }
        int[] payload = new int[length];
        int at = 0;
        for (int[] part : parts) {
            System.arraycopy(part, 0, payload, at, part.length);
            at += part.length;
        }
        return MagProFrame.of(payload);
    }
}
