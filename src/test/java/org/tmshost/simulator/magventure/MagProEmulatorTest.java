package org.tmshost.simulator.magventure;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tmshost.device.magventure.FrameReadResult;
import org.tmshost.device.magventure.MagProCommands;
import org.tmshost.device.magventure.MagProFrame;
import org.tmshost.device.magventure.MagProFrameReader;
import org.tmshost.device.magventure.MagProMessage;
import org.tmshost.device.magventure.MagProMessages;
import org.tmshost.device.magventure.MagProModel;
import org.tmshost.device.magventure.MainParameters;
import org.tmshost.profile.HardwareProfiles;
import org.tmshost.simulator.DeviceEventListener;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The emulator driven deterministically with bytes and a virtual clock. Requests are the
 * reference's example frames, written out as hex; replies are checked by decoding them with the
 * host codec (written independently of the emulator's framing).
 */
@Tag("unit")
class MagProEmulatorTest {
    private static final long SECOND = 1_000_000_000L;
    private long now = 5 * SECOND;
    private final List<String> events = new ArrayList<>();

    private MagProEmulator emulator(String profile) throws Exception {
        DeviceEventListener log = new DeviceEventListener() {
            @Override
            public void armed(long atNanos) {
                events.add("armed");
            }

            @Override
            public void disarmed(long atNanos, String reason) {
                events.add("disarmed " + reason);
            }

            @Override
            public void pulse(int index, long atNanos, int outputPercentMso, int channel) {
                events.add("pulse " + index + " " + outputPercentMso + "% ch" + channel);
            }

            @Override
            public void fault(long atNanos, String code, String message) {
                events.add("fault " + code);
            }
        };
        return new MagProEmulator(HardwareProfiles.load(profile),
                MagProEmulatorSettings.defaults().withClock(() -> now).withEventLog(log));
    }

    private List<MagProMessage> send(MagProEmulator emulator, String hex) {
        byte[] bytes = HexFormat.ofDelimiter(" ").parseHex(hex);
        return decode(emulator.receive(bytes, 0, bytes.length, now));
    }

    private List<MagProMessage> tick(MagProEmulator emulator, long advanceNanos) {
        now += advanceNanos;
        return decode(emulator.tick(now));
    }

    private static List<MagProMessage> decode(byte[] bytes) {
        var results = new ArrayList<FrameReadResult>();
        new MagProFrameReader(SECOND).accept(bytes, 0, bytes.length, 0, results::add);
        assertThat(results).allMatch(r -> r instanceof MagProFrame);
        return results.stream().map(r -> MagProMessages.decode((MagProFrame) r)).toList();
    }

    @Test
    void answersTheReferenceStatusRequestsWith13And19ByteFrames() throws Exception {
        MagProEmulator emulator = emulator("magventure-x100");
        byte[] status = emulator.receive(HexFormat.of().parseHex("FE010000FF"), 0, 5, now);
        assertThat(status).hasSize(13);
        MagProMessage.Status reply = (MagProMessage.Status) decode(status).get(0);
        assertThat(reply.status().model()).isEqualTo(MagProModel.X100_OPTION);
        assertThat(reply.status().enabled()).isFalse();
        assertThat(reply.serialNumber()).isEqualTo(123456);
        assertThat(reply.coilType()).isEqualTo(60);
        byte[] status2 = emulator.receive(HexFormat.of().parseHex("FE01053FFF"), 0, 5, now);
        assertThat(status2).hasSize(19);
        assertThat(decode(status2).get(0)).isInstanceOf(MagProMessage.Status2.class);
        MagProMessage.Status r30 = (MagProMessage.Status) send(emulator("magventure-r30"), "FE 01 00 00 FF").get(0);
        assertThat(r30.status().model()).isEqualTo(MagProModel.R30);
    }

    @Test
    void referenceFramesEnableSetAmplitudeAndFireOnePulseRecordedInGroundTruth() throws Exception {
        MagProEmulator emulator = emulator("magventure-r30");
        assertThat(send(emulator, "FE 02 01 32 C6 FF")).singleElement()
                .isInstanceOfSatisfying(MagProMessage.Amplitude.class, a -> assertThat(a.amplitudeA()).isEqualTo(50));
        List<MagProMessage> afterEnable = send(emulator, "FE 02 02 01 CF FF");
        assertThat(afterEnable).hasSize(3).allMatch(m -> ((MagProMessage.WithStatus) m).status().enabled());
        assertThat(afterEnable.get(0)).isInstanceOfSatisfying(MagProMessage.Amplitude.class,
                a -> assertThat(a.amplitudeA()).isEqualTo(50));
        assertThat(afterEnable.get(1)).isInstanceOfSatisfying(MagProMessage.Coil.class,
                c -> assertThat(c.coilType()).isEqualTo(60));
        assertThat(afterEnable.get(2)).isInstanceOf(MagProMessage.Amplitude.class);
        tick(emulator, SECOND); // charging
        assertThat(send(emulator, "FE 02 03 01 0B FF")).singleElement()
                .isInstanceOfSatisfying(MagProMessage.DiDt.class, d -> assertThat(d.diDtA()).isPositive());
        assertThat(emulator.device().groundTruth().size()).isEqualTo(1);
        assertThat(emulator.device().groundTruth().outputPercentMso(0)).isEqualTo(50);
        assertThat(send(emulator, "FE 02 02 00 91 FF")).singleElement()
                .isInstanceOfSatisfying(MagProMessage.Coil.class, c -> assertThat(c.status().enabled()).isFalse());
        assertThat(events).containsExactly("armed", "pulse 0 50% ch0", "disarmed host");
    }

    /**
     * The replies magicpy 0.1.6 reads (magicpy.py, MagVenture.arm: {@code resp_len_exp = 24}, "the
     * X100 returns 3 responses: status, coil info, status"; fire and disarm: 8 bytes), byte for byte.
     */
    @Test
    void enableAnswersWithThreeFramesAndATriggerWithOneAsMagicpyExpectsFromAnX100() throws Exception {
        MagProEmulator emulator = emulator("magventure-x100");
        assertThat(reply(emulator, "FE 02 02 01 CF FF"))
                .isEqualTo("FE 04 01 00 00 74 16 FF FE 04 03 19 3C 74 B5 FF FE 04 01 00 00 74 16 FF");
        assertThat(reply(emulator, "FE 02 01 32 C6 FF")).isEqualTo("FE 04 01 32 00 74 87 FF");
        tick(emulator, SECOND); // charging
        assertThat(reply(emulator, "FE 02 03 01 0B FF")).isEqualTo("FE 04 02 4B 00 74 6E FF");
        assertThat(reply(emulator, "FE 02 02 00 91 FF")).isEqualTo("FE 04 03 19 3C 64 28 FF");
        assertThat(events).containsExactly("armed", "pulse 0 50% ch0", "disarmed host");
    }

    private String reply(MagProEmulator emulator, String hex) {
        byte[] bytes = HexFormat.ofDelimiter(" ").parseHex(hex);
        return HexFormat.ofDelimiter(" ").withUpperCase().formatHex(emulator.receive(bytes, 0, bytes.length, now));
    }

    /** pytms {@code firePulse()} writes the bare ID: {@code _write((3,))}. */
    @Test
    void pytmsSingleTriggerWithoutADataByteFiresOnePulse() throws Exception {
        MagProEmulator emulator = emulator("magventure-x100");
        send(emulator, "FE 03 01 32 00 17 FF"); // pytms always sends amplitudes A and B
        send(emulator, "FE 02 02 01 CF FF");
        tick(emulator, SECOND); // charging
        assertThat(send(emulator, "FE 01 03 E2 FF")).singleElement().isInstanceOf(MagProMessage.DiDt.class);
        assertThat(emulator.device().groundTruth().size()).isEqualTo(1);
        assertThat(emulator.rejectedCommands()).isZero();
        assertThat(send(emulator, "FE 02 03 00 55 FF")).as("a trigger whose data byte is 00 is still malformed").isEmpty();
        assertThat(emulator.rejectedCommands()).isEqualTo(1);
    }

    /** pytms's page setter writes {@code (7, page)} without MAGIC's pad byte. */
    @Test
    void pytmsPageWithoutThePadByteSelectsThePage() throws Exception {
        MagProEmulator emulator = emulator("magventure-r30");
        assertThat(send(emulator, "FE 02 07 02 D2 FF")).singleElement()
                .isInstanceOfSatisfying(MagProMessage.Page.class, page -> assertThat(page.pageCode()).isEqualTo(2));
        assertThat(send(emulator, "FE 03 07 01 00 BE FF")).singleElement()
                .isInstanceOfSatisfying(MagProMessage.Page.class, page -> assertThat(page.pageCode()).isEqualTo(1));
        assertThat(emulator.rejectedCommands()).isZero();
    }

    /**
     * Every frame shape pytms (pytms.py 2025.08.05) and MAGIC (magventure.m) write, as bytes: none is
     * rejected. CRCs computed by hand with CRC-8/Maxim, not by either codec.
     */
    @ParameterizedTest
    @ValueSource(strings = {
            "FE 01 00 00 FF", "FE 01 05 3F FF", "FE 03 01 32 00 17 FF", "FE 02 02 01 CF FF", "FE 01 03 E2 FF",
            "FE 02 07 02 D2 FF", "FE 02 0C 00 4D FF", "FE 02 0A 00 E7 FF", "FE 02 0B 00 23 FF", "FE 02 09 00 B2 FF",
            "FE 0C 0B 01 00 00 64 00 05 00 03 00 0A 01 28 FF", "FE 08 0A 01 00 00 00 00 00 00 91 FF",
            "FE 0B 09 01 03 00 00 01 03 00 64 00 64 56 FF", "FE 01 04 61 FF", // pytms
            "FE 02 01 32 C6 FF", "FE 02 03 01 0B FF", "FE 03 07 02 00 EB FF", "FE 02 02 00 91 FF",
            "FE 0B 09 00 00 00 00 00 00 00 00 00 00 2B FF", "FE 09 06 00 64 00 05 00 03 00 0A 67 FF",
            "FE 09 08 00 00 00 00 00 00 00 00 5D FF"}) // MAGIC
    void acceptsEveryFrameShapePytmsAndMagicSend(String frame) throws Exception {
        MagProEmulator emulator = emulator("magventure-x100");
        send(emulator, frame);
        assertThat(emulator.rejectedFrames()).isZero();
        assertThat(emulator.rejectedCommands()).isZero();
        assertThat(events).noneMatch(e -> e.startsWith("fault"));
    }

    /**
     * A MagPro discharges on its trigger: a disable read right behind it, in the same read of the line,
     * does not take the pulse back (a hunt's last trigger and its disarm under load, HuntHilTest x100).
     */
    @Test
    void aDisableInTheSameReadAsATriggerDoesNotCancelItsPulse() throws Exception {
        MagProEmulator emulator = emulator("magventure-x100");
        send(emulator, "FE 02 01 32 C6 FF");
        send(emulator, "FE 02 02 01 CF FF");
        tick(emulator, SECOND); // charging
        send(emulator, "FE 02 03 01 0B FF FE 02 02 00 91 FF");
        assertThat(events).containsExactly("armed", "pulse 0 50% ch0", "disarmed host");
    }

    @Test
    void aTriggerWhileDisabledDoesNothing() throws Exception {
        MagProEmulator emulator = emulator("magventure-x100");
        send(emulator, "FE 02 01 32 C6 FF");
        assertThat(send(emulator, "FE 02 03 01 0B FF")).isEmpty();
        tick(emulator, SECOND);
        assertThat(emulator.device().groundTruth().size()).isZero();
        assertThat(emulator.device().refusedPulses()).isZero();
    }

    @Test
    void aTriggerBeforeTheCapacitorsAreChargedIsRefusedWithoutDiDt() throws Exception {
        MagProEmulator emulator = emulator("magventure-x100");
        send(emulator, "FE 02 02 01 CF FF");
        assertThat(send(emulator, "FE 02 03 01 0B FF")).isEmpty();
        assertThat(emulator.device().groundTruth().size()).isZero();
        assertThat(events).contains("fault not-ready");
    }

    @Test
    void rejectsAnAmplitudeAboveTheMaximumAndReportsTheUnchangedValue() throws Exception {
        MagProEmulator emulator = emulator("magventure-r30");
        send(emulator, "FE 02 01 32 C6 FF");
        byte[] frame = MagProFrame.of(1, 101).toBytes();
        assertThat(decode(emulator.receive(frame, 0, frame.length, now))).singleElement()
                .isInstanceOfSatisfying(MagProMessage.Amplitude.class, a -> assertThat(a.amplitudeA()).isEqualTo(50));
        assertThat(emulator.rejectedCommands()).isEqualTo(1);
    }

    @Test
    void ignoresAFrameWithAWrongCrc() throws Exception {
        MagProEmulator emulator = emulator("magventure-r30");
        assertThat(send(emulator, "FE 02 02 01 CE FF")).isEmpty();
        assertThat(emulator.device().status().armed()).isFalse();
        assertThat(emulator.rejectedFrames()).isEqualTo(1);
    }

    @Test
    void biphasicBurstDeliversThreePulsesPerTriggerOnTheX100() throws Exception {
        MagProEmulator emulator = emulator("magventure-x100");
        byte[] configure = MagProCommands.setMainParameters(MagProModel.X100_OPTION,
                MainParameters.biphasicBurst(3, 200)).toBytes();
        MagProMessage reply = decode(emulator.receive(configure, 0, configure.length, now)).get(0);
        assertThat(((MagProMessage.MainParametersReply) reply).ipiTenthsMs()).isEqualTo(200);
        send(emulator, "FE 02 01 32 C6 FF");
        send(emulator, "FE 02 02 01 CF FF");
        tick(emulator, SECOND);
        send(emulator, "FE 02 03 01 0B FF");
        for (int i = 0; i < 5; i++) {
            tick(emulator, 10_000_000L);
        }
        assertThat(emulator.device().groundTruth().size()).isEqualTo(3);
        assertThat(emulator.device().groundTruth().atNanos(2) - emulator.device().groundTruth().atNanos(0))
                .isEqualTo(40_000_000L);
    }

    @Test
    void runsADeviceTimedTrainFromTheTimingPage() throws Exception {
        MagProEmulator emulator = emulator("magventure-r30");
        byte[] train = MagProCommands.setTimingMenu(org.tmshost.device.magventure.TrainParameters.sequence(
                new java.math.BigDecimal("10"), 5, 2, new java.math.BigDecimal("1"))).toBytes();
        emulator.receive(train, 0, train.length, now);
        send(emulator, "FE 03 07 02 00 " + String.format("%02X", org.tmshost.device.magventure.MagProCrc8.of(new byte[]{7, 2, 0})) + " FF");
        send(emulator, "FE 02 01 32 C6 FF");
        send(emulator, "FE 02 02 01 CF FF");
        tick(emulator, SECOND);
        assertThat(send(emulator, "FE 01 04 61 FF")).first() // then di/dt of the first pulse
                .isInstanceOfSatisfying(MagProMessage.Page.class, p -> assertThat(p.trainRunning()).isTrue());
        var messages = new ArrayList<MagProMessage>();
        for (int i = 0; i < 300; i++) {
            messages.addAll(tick(emulator, 10_000_000L));
        }
        assertThat(emulator.device().groundTruth().size()).isEqualTo(10);
        assertThat(messages).filteredOn(m -> m instanceof MagProMessage.Page).singleElement()
                .isInstanceOfSatisfying(MagProMessage.Page.class, p -> assertThat(p.trainRunning()).isFalse());
        assertThat(emulator.stimulationCount()).isEqualTo(10);
    }

    @Test
    void reportsCoilTemperatureChangesAndDisarmsWhenTheCoilIsTooHot() throws Exception {
        MagProEmulator emulator = emulator("magventure-x100");
        send(emulator, "FE 02 02 01 CF FF");
        emulator.device().forceCoilTemperature(44);
        List<MagProMessage> messages = tick(emulator, SECOND);
        assertThat(messages).filteredOn(m -> m instanceof MagProMessage.Coil).last()
                .isInstanceOfSatisfying(MagProMessage.Coil.class, c -> {
                    assertThat(c.coilTemperatureCelsius()).isBetween(43, 44);
                    assertThat(c.status().enabled()).isFalse();
                });
        assertThat(events).contains("disarmed coil-over-temperature");
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 17, 4242, 99991})
    void randomBytesNeverThrowAndTheEmulatorStillAnswersAfterwards(long seed) throws Exception {
        MagProEmulator emulator = emulator("magventure-x100");
        Random random = new Random(seed);
        for (int round = 0; round < 300; round++) {
            byte[] noise = new byte[random.nextInt(64)];
            random.nextBytes(noise);
            now += random.nextInt(50_000_000);
            emulator.receive(noise, 0, noise.length, now);
        }
        now += SECOND; // any half-received frame goes stale
        assertThat(send(emulator, "FE 01 00 00 FF")).last().isInstanceOf(MagProMessage.Status.class);
    }
}
