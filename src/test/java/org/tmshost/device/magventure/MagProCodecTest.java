package org.tmshost.device.magventure;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Reference vectors (devices-and-peers.md §3b, copied verbatim) and codec round trips. */
@Tag("unit")
class MagProCodecTest {
    private static String hex(byte[] bytes) {
        return HexFormat.ofDelimiter(" ").withUpperCase().formatHex(bytes);
    }

    private static byte[] bytes(String hex) {
        return HexFormat.ofDelimiter(" ").parseHex(hex);
    }

    private static List<FrameReadResult> read(byte[] bytes) {
        var results = new ArrayList<FrameReadResult>();
        MagProFrameReader reader = new MagProFrameReader(1_000_000L);
        reader.accept(bytes, 0, bytes.length, 0, results::add);
        return results;
    }

    @Test
    void crcCheckValueOf123456789Is0xA1() {
        assertThat(MagProCrc8.of("123456789".getBytes(StandardCharsets.US_ASCII))).isEqualTo(0xA1);
    }

    @Test
    void encodesEveryReferenceExampleFrameByteForByte() {
        assertThat(hex(MagProCommands.status().toBytes())).isEqualTo("FE 01 00 00 FF");
        assertThat(hex(MagProCommands.enable(true).toBytes())).isEqualTo("FE 02 02 01 CF FF");
        assertThat(hex(MagProCommands.enable(false).toBytes())).isEqualTo("FE 02 02 00 91 FF");
        assertThat(hex(MagProCommands.amplitude(50).toBytes())).isEqualTo("FE 02 01 32 C6 FF");
        assertThat(hex(MagProCommands.singleTrigger().toBytes())).isEqualTo("FE 02 03 01 0B FF");
        assertThat(hex(MagProCommands.startTrain().toBytes())).isEqualTo("FE 01 04 61 FF");
        assertThat(hex(MagProCommands.status2().toBytes())).isEqualTo("FE 01 05 3F FF");
    }

    @ParameterizedTest
    @ValueSource(strings = {"FE 01 00 00 FF", "FE 02 02 01 CF FF", "FE 02 02 00 91 FF", "FE 02 01 32 C6 FF",
            "FE 02 03 01 0B FF", "FE 01 04 61 FF", "FE 01 05 3F FF"})
    void readsEveryReferenceExampleFrameBack(String frame) {
        List<FrameReadResult> results = read(bytes(frame));
        assertThat(results).hasSize(1).first().isInstanceOf(MagProFrame.class);
        assertThat(results.get(0).toString()).isEqualTo(frame);
    }

    @Test
    void multiByteFieldsAreBigEndianAndDelaysSigned() {
        TrainParameters train = TrainParameters.sequence(new BigDecimal("10"), 40, 75, new BigDecimal("26"));
        assertThat(hex(MagProCommands.setTimingMenu(train).payload()))
                .isEqualTo("0B 01 00 00 64 00 28 00 4B 01 04 00 64 0A");
        assertThat(hex(MagProCommands.setDelays(new DelayParameters(65000, -5, 12000)).payload()))
                .isEqualTo("0A 01 FD E8 FF FB 2E E0");
        assertThat(hex(MagProCommands.legacySetTrain(train).payload())).isEqualTo("06 00 64 00 28 00 4B 01 04");
        assertThat(hex(MagProCommands.setPage(MagProPage.TIMING).payload())).isEqualTo("07 02 00");
        assertThat(hex(MagProCommands.amplitude(30, 45).payload())).isEqualTo("01 1E 2D");
    }

    @Test
    void statusByteCarriesModeWaveformEnabledAndModel() {
        MagProStatusByte status = MagProStatusByte.decode(0b011_1_11_10);
        assertThat(status).isEqualTo(new MagProStatusByte(MagProModel.X100_OPTION, MagProMode.TWIN,
                MagProWaveform.BIPHASIC_BURST, true));
        for (int value = 0; value < 0xC0; value++) {
            assertThat(MagProStatusByte.decode(value).encode()).isEqualTo(value);
        }
    }

    @Test
    void decodesStatusStatus2AndNotifications() {
        MagProFrame status = MagProFrame.of(0, 0b011_1_01_00, 0x01, 0xE2, 0x40, 27, 60, 55, 40);
        assertThat(status.toBytes()).hasSize(13); // "reply is 13 bytes"
        assertThat(MagProMessages.decode(status)).isEqualTo(new MagProMessage.Status(
                new MagProStatusByte(MagProModel.X100_OPTION, MagProMode.STANDARD, MagProWaveform.BIPHASIC, true),
                123456, 27, 60, 55, 40));
        MagProFrame status2 = MagProFrame.of(5, 0x04, 0, 0, 7, 30, 72, 50, 0, 50, 0, 100, 100, 2, 1);
        assertThat(status2.toBytes()).hasSize(19); // "reply is 19 bytes"
        MagProMessage.Status2 decoded = (MagProMessage.Status2) MagProMessages.decode(status2);
        assertThat(decoded.pageCode()).isEqualTo(MagProPage.TIMING.code());
        assertThat(decoded.trainRunning()).isTrue();
        assertThat(decoded.status().model()).isEqualTo(MagProModel.R30);
        assertThat(MagProMessages.decode(MagProFrame.of(2, 75, 0, 0x34)))
                .isEqualTo(new MagProMessage.DiDt(75, 0, MagProStatusByte.decode(0x34)));
        assertThat(MagProMessages.decode(MagProFrame.of(3, 31, 60, 0x24)))
                .isEqualTo(new MagProMessage.Coil(31, 60, MagProStatusByte.decode(0x24)));
        assertThat(MagProMessages.decode(MagProFrame.of(8, 2, 1, 0x24)))
                .isEqualTo(new MagProMessage.Page(2, true, MagProStatusByte.decode(0x24)));
        assertThat(MagProMessages.decode(MagProFrame.of(4, 0, 0, 0x03, 0xE8, 0, 0, 0, 5, 0, 0, 0x5D, 0xC0)))
                .isEqualTo(new MagProMessage.Mep(1000, 5, 24000));
    }

    @Test
    void decodesMainParametersWithLittleEndianIpiIndexAsMagicAndPytmsDo() {
        MagProIpiGrid grid = MagProIpiGrid.forSetting(MagProMode.STANDARD, MagProWaveform.BIPHASIC_BURST);
        int index = grid.indexOf(200); // 20 ms: 50 Hz bursts
        MagProMessage decoded = MagProMessages.decode(MagProFrame.of(9, 0, 1, 0, 0, 3, 2, index & 0xFF, index >> 8, 80));
        MagProMessage.MainParametersReply main = (MagProMessage.MainParametersReply) decoded;
        assertThat(main.burstPulses()).isEqualTo(3);
        assertThat(main.ipiTenthsMs()).isEqualTo(200);
        assertThat(main.baRatioHundredths()).isEqualTo(100);
        assertThat(grid.tenthsAt(0)).isEqualTo(1000); // index 0 is the longest interval
        assertThat(grid.size()).isEqualTo(196);
    }

    @Test
    void aFrameOfTheWrongLengthForItsIdIsATypedFaultValue() {
        assertThat(MagProMessages.decode(MagProFrame.of(1, 50))).isInstanceOf(MagProMessage.Malformed.class);
        assertThat(MagProMessages.decode(MagProFrame.of(0, 1, 2))).isInstanceOf(MagProMessage.Malformed.class);
        assertThat(MagProMessages.decode(MagProFrame.of(0x42, 1))).isInstanceOf(MagProMessage.Unknown.class);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 42, 20261122})
    void randomPayloadsSurviveEncodeAndReadBack(long seed) {
        Random random = new Random(seed);
        var sent = new ArrayList<MagProFrame>();
        var stream = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < 200; i++) {
            byte[] payload = new byte[1 + random.nextInt(MagProFrame.MAX_PAYLOAD)];
            random.nextBytes(payload);
            MagProFrame frame = new MagProFrame(payload);
            sent.add(frame);
            stream.writeBytes(frame.toBytes());
        }
        byte[] all = stream.toByteArray();
        var results = new ArrayList<FrameReadResult>();
        MagProFrameReader reader = new MagProFrameReader(1_000_000L);
        int at = 0;
        while (at < all.length) { // arbitrary chunking, as a serial port delivers
            int n = Math.min(all.length - at, 1 + random.nextInt(40));
            reader.accept(all, at, n, at, results::add);
            at += n;
        }
        assertThat(results).containsExactlyElementsOf(sent);
        for (MagProFrame frame : sent) {
            assertThat(MagProMessages.decode(frame)).isNotNull();
        }
    }

    @Test
    void resynchronisesAfterGarbageBadCrcBadLengthAndMissingEnd() {
        byte[] bytes = bytes("00 13 37 FE 02 01 32 C7 FF FE 00 FE 02 01 32 C6 00 FE 01 05 3F FF");
        List<FrameReadResult> results = read(bytes);
        assertThat(results).extracting(r -> r instanceof FrameFault f ? f.kind().name() : r.toString())
                .containsExactly("GARBAGE", "BAD_CRC", "BAD_LENGTH", "MISSING_END", "FE 01 05 3F FF");
    }

    @Test
    void findsARealFrameHiddenBehindAFalseStartByteOnceTheFalseFrameTimesOut() {
        var results = new ArrayList<FrameReadResult>();
        MagProFrameReader reader = new MagProFrameReader(1000);
        byte[] bytes = bytes("FE 05 FE 01 00 00 FF");
        reader.accept(bytes, 0, bytes.length, 0, results::add);
        assertThat(results).isEmpty(); // a 5-byte payload could still be arriving
        reader.expire(5000, results::add);
        assertThat(results).extracting(Object::toString).last().isEqualTo("FE 01 00 00 FF");
    }

    @Test
    void aFrameCutShortIsReportedAsTruncatedOnceItIsStale() {
        var results = new ArrayList<FrameReadResult>();
        MagProFrameReader reader = new MagProFrameReader(1000);
        byte[] partial = bytes("FE 02 01");
        reader.accept(partial, 0, partial.length, 0, results::add);
        reader.expire(500, results::add);
        assertThat(results).isEmpty();
        reader.expire(5000, results::add);
        assertThat(results).singleElement().isInstanceOfSatisfying(FrameFault.class,
                f -> assertThat(f.kind()).isEqualTo(FrameFault.Kind.TRUNCATED));
        assertThat(reader.pendingBytes()).isZero();
    }

    @ParameterizedTest
    @ValueSource(longs = {7, 99, 12345, 777777})
    void randomBytesYieldOnlyTypedResultsAndTheReaderRecovers(long seed) {
        Random random = new Random(seed);
        MagProFrameReader reader = new MagProFrameReader(1000);
        var results = new ArrayList<FrameReadResult>();
        for (int round = 0; round < 200; round++) {
            byte[] noise = new byte[random.nextInt(100)];
            random.nextBytes(noise);
            if (random.nextBoolean() && noise.length > 0) {
                noise[random.nextInt(noise.length)] = (byte) 0xFE; // more false starts than chance gives
            }
            reader.accept(noise, 0, noise.length, round * 10_000L, results::add);
            reader.expire(round * 10_000L + 5000, results::add);
        }
        assertThat(results).allMatch(r -> r instanceof MagProFrame || r instanceof FrameFault);
        results.clear();
        reader.expire(Long.MAX_VALUE / 2, results::add);
        byte[] good = MagProCommands.status2().toBytes();
        results.clear();
        reader.accept(good, 0, good.length, Long.MAX_VALUE / 2, results::add);
        assertThat(results).last().isEqualTo(MagProCommands.status2());
    }

    @Test
    void trainParametersAreValidatedAgainstModelModeAndWaveform() {
        TrainParameters tenHz = TrainParameters.sequence(new BigDecimal("10"), 40, 75, new BigDecimal("26"));
        assertThat(tenHz.problems(MagProModel.R30, MagProMode.STANDARD, MagProWaveform.BIPHASIC)).isEmpty();
        TrainParameters fiftyHz = TrainParameters.sequence(new BigDecimal("50"), 40, 1, new BigDecimal("1"));
        assertThat(fiftyHz.problems(MagProModel.R30, MagProMode.STANDARD, MagProWaveform.BIPHASIC))
                .singleElement().asString().contains("up to 30 pps");
        assertThat(fiftyHz.problems(MagProModel.X100_OPTION, MagProMode.STANDARD, MagProWaveform.BIPHASIC)).isEmpty();
        assertThat(fiftyHz.problems(MagProModel.X100_OPTION, MagProMode.STANDARD, MagProWaveform.BIPHASIC_BURST))
                .singleElement().asString().contains("up to 20 pps");
        TrainParameters bad = new TrainParameters(TimingControl.SEQUENCE, 15, 1050, 501, 0, false, 65, 11);
        assertThat(bad.problems(MagProModel.X100, MagProMode.STANDARD, MagProWaveform.BIPHASIC)).hasSize(6);
    }

    @Test
    void mainParametersAreValidatedAgainstTheModel() {
        MainParameters itbsBurst = MainParameters.biphasicBurst(3, 200);
        assertThat(itbsBurst.problems(MagProModel.X100_OPTION)).isEmpty();
        assertThat(itbsBurst.problems(MagProModel.R30)).singleElement().asString().contains("BIPHASIC_BURST");
        assertThat(MainParameters.biphasicBurst(6, 200).problems(MagProModel.X100)).hasSize(1);
        assertThat(MainParameters.biphasicBurst(3, 201).problems(MagProModel.X100)).hasSize(1);
    }
}
