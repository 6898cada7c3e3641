package org.tmshost.device.magstim;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Host-side framing against the reference's worked checksums (devices-and-peers.md §3a). */
@Tag("unit")
class MagstimCodecTest {
    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] withCrc(String text) {
        byte[] body = ascii(text);
        byte[] frame = new byte[body.length + 1];
        System.arraycopy(body, 0, frame, 0, body.length);
        frame[body.length] = MagstimCodec.checksum(body, 0, body.length);
        return frame;
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = ' ', quoteCharacter = '"', value = {
            "@050 *", "Q@ n", "R@ m", "EA y", "EB x", "EH r", "J@ u", "F@ y", "\\@ c", "ND m", "I@ v", "x@ G"})
    void checksumMatchesTheReferenceVectors(String command, char expected) {
        byte[] bytes = ascii(command);
        assertThat((char) (MagstimCodec.checksum(bytes, 0, bytes.length) & 0xFF)).isEqualTo(expected);
    }

    @Test
    void commandFactoriesFrameTheReferenceVectors() {
        assertThat(MagstimCommands.setPowerA(50).frame()).isEqualTo(ascii("@050*"));
        assertThat(MagstimCommands.enableRemoteControl().frame()).isEqualTo(ascii("Q@n"));
        assertThat(MagstimCommands.disableRemoteControl().frame()).isEqualTo(ascii("R@m"));
        assertThat(MagstimCommands.disarm().frame()).isEqualTo(ascii("EAy"));
        assertThat(MagstimCommands.arm().frame()).isEqualTo(ascii("EBx"));
        assertThat(MagstimCommands.fire().frame()).isEqualTo(ascii("EHr"));
        assertThat(MagstimCommands.getParameters().frame()).isEqualTo(ascii("J@u"));
        assertThat(MagstimCommands.getCoilTemperature().frame()).isEqualTo(ascii("F@y"));
        assertThat(MagstimCommands.getRapidParameters(SoftwareVersion.UNKNOWN).frame()).isEqualTo(ascii("\\@c"));
        assertThat(MagstimCommands.getVersion().frame()).isEqualTo(ascii("NDm"));
        assertThat(MagstimCommands.getErrorCode().frame()).isEqualTo(ascii("I@v"));
        assertThat(MagstimCommands.getSystemStatus().frame()).isEqualTo(ascii("x@G"));
    }

    @Test
    void fieldWidthsFollowTheSoftwareVersion() {
        SoftwareVersion v8 = new SoftwareVersion(8, 0, 0);
        SoftwareVersion v9 = new SoftwareVersion(9, 0, 0);
        assertThat(new String(MagstimCommands.setPulseCount(10, v8).data(), StandardCharsets.US_ASCII)).isEqualTo("0010");
        assertThat(new String(MagstimCommands.setPulseCount(10, v9).data(), StandardCharsets.US_ASCII)).isEqualTo("00010");
        assertThat(new String(MagstimCommands.setDuration(10, v8).data(), StandardCharsets.US_ASCII)).isEqualTo("010");
        assertThat(new String(MagstimCommands.setDuration(10, v9).data(), StandardCharsets.US_ASCII)).isEqualTo("0010");
        assertThat(MagstimCommands.getRapidParameters(new SoftwareVersion(6, 0, 0)).replyLength()).isEqualTo(21);
        assertThat(MagstimCommands.getRapidParameters(new SoftwareVersion(7, 2, 0)).replyLength()).isEqualTo(22);
        assertThat(MagstimCommands.getRapidParameters(v9).replyLength()).isEqualTo(24);
    }

    @Test
    void decodesAnAcknowledgementWithStatusAndData() {
        MagstimReply reply = decode(MagstimCommands.getParameters(), withCrc("J" + (char) 0x8E + "050000000"));
        assertThat(reply).isInstanceOf(MagstimReply.Acknowledged.class);
        MagstimReply.Acknowledged ack = (MagstimReply.Acknowledged) reply;
        assertThat(ack.status().armed()).isTrue();
        assertThat(ack.status().ready()).isTrue();
        assertThat(ack.status().coilPresent()).isTrue();
        assertThat(ack.status().remoteControl()).isTrue();
        assertThat(ack.status().standby()).isFalse();
        assertThat(PowerSettings.parse(ack.payload())).contains(new PowerSettings(50, 0, 0));
    }

    @Test
    void decodesRapidParametersForEachVersionLayout() {
        String v8 = "\\" + (char) 0x80 + (char) 0x38 + "060" + "0100" + "0020" + "020" + "0005";
        RapidParameters p = RapidParameters.parse(
                ((MagstimReply.Acknowledged) decode(MagstimCommands.getRapidParameters(new SoftwareVersion(8, 0, 0)),
                        withCrc(v8))).payload(), new SoftwareVersion(8, 0, 0)).orElseThrow();
        assertThat(p).isEqualTo(new RapidParameters(new RapidStatus(0x38), 60, 100, 20, 20, 5));
        assertThat(p.rapidStatus().singlePulseMode()).isTrue();
        String v9 = "\\" + (char) 0x80 + (char) 0x30 + "060" + "0100" + "00020" + "0020" + "0005";
        MagstimReply reply = decode(MagstimCommands.getRapidParameters(new SoftwareVersion(9, 0, 0)), withCrc(v9));
        assertThat(RapidParameters.parse(((MagstimReply.Acknowledged) reply).payload(), new SoftwareVersion(9, 0, 0)))
                .contains(new RapidParameters(new RapidStatus(0x30), 60, 100, 20, 20, 5));
    }

    @Test
    void decodesTheNulTerminatedVersion() {
        MagstimReply reply = decode(MagstimCommands.getVersion(), withCrc("N" + (char) 0x81 + "9.1.0\0"));
        assertThat(SoftwareVersion.parse(((MagstimReply.Acknowledged) reply).payload()))
                .contains(new SoftwareVersion(9, 1, 0));
    }

    @Test
    void errorRepliesAreTypedFaults() {
        assertThat(fault(MagstimCommands.arm(), ascii("?"))).isEqualTo(ReplyFault.UNKNOWN_COMMAND);
        assertThat(fault(MagstimCommands.setPowerA(50), withCrc("@?"))).isEqualTo(ReplyFault.INVALID_DATA);
        assertThat(fault(MagstimCommands.arm(), withCrc("ES"))).isEqualTo(ReplyFault.CONFLICT);
        byte[] corrupted = withCrc("E" + (char) 0x8E);
        corrupted[2] ^= 0x01;
        assertThat(fault(MagstimCommands.arm(), corrupted)).isEqualTo(ReplyFault.BAD_CHECKSUM);
        assertThat(fault(MagstimCommands.arm(), withCrc("Q" + (char) 0x8E))).isEqualTo(ReplyFault.WRONG_ECHO);
        assertThat(fault(MagstimCommands.getParameters(), withCrc("J" + (char) 0x8E + "05"))).isEqualTo(ReplyFault.TRUNCATED);
        assertThat(fault(MagstimCommands.arm(), new byte[0])).isEqualTo(ReplyFault.NO_REPLY);
        assertThat(MagstimCodec.replyLength(MagstimCommands.arm(), withCrc("ES"), 2)).isEqualTo(3);
        assertThat(MagstimCodec.replyLength(MagstimCommands.getParameters(), ascii("?"), 1)).isEqualTo(1);
    }

    @Test
    void statusBitsAreNamedAsDocumented() {
        for (int bit = 0; bit < 8; bit++) {
            InstrumentStatus s = new InstrumentStatus(1 << bit);
            boolean[] flags = {s.standby(), s.armed(), s.ready(), s.coilPresent(), s.replaceCoil(), s.errorPresent(),
                    s.fatalError(), s.remoteControl()};
            RapidStatus r = new RapidStatus(1 << bit);
            boolean[] rapid = {r.enhancedPower(), r.train(), r.waitPeriod(), r.singlePulseMode(), r.hvPsuConnected(),
                    r.coilReady(), r.thetaPsuDetected(), r.modifiedCoilAlgorithm()};
            for (int i = 0; i < 8; i++) {
                assertThat(flags[i]).as("instrument bit %d flag %d", bit, i).isEqualTo(i == bit);
                assertThat(rapid[i]).as("rapid bit %d flag %d", bit, i).isEqualTo(i == bit);
            }
        }
    }

    /** Frames built by the factories decode back, for seeded random values. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 42, 20260101})
    void randomAcknowledgementsRoundTrip(long seed) {
        Random random = new Random(seed);
        for (int i = 0; i < 500; i++) {
            int a = random.nextInt(101);
            int b = random.nextInt(101);
            int ipi = random.nextInt(1000);
            int status = random.nextInt(256) & ~0x03 | 0x01; // standby, never armed+standby ('?'/'S' ambiguity)
            String payload = String.format("%03d%03d%03d", a, b, ipi);
            MagstimReply reply = decode(MagstimCommands.getParameters(), withCrc("J" + (char) status + payload));
            assertThat(reply).isEqualTo(new MagstimReply.Acknowledged('J', new InstrumentStatus(status), payload));
            assertThat(PowerSettings.parse(payload)).contains(new PowerSettings(a, b, ipi));
            assertThat(MagstimCommands.setPowerA(a).frame()).isEqualTo(withCrc(String.format("@%03d", a)));
            assertThat(MagstimCommands.setInterPulseInterval(ipi).frame()).isEqualTo(withCrc(String.format("C%03d", ipi)));
        }
    }

    /** Random bytes into every decoder: always a value, never an exception. */
    @ParameterizedTest
    @ValueSource(longs = {7, 8, 9})
    void randomBytesAlwaysDecodeToAValue(long seed) {
        Random random = new Random(seed);
        List<MagstimCommand> commands = allCommands();
        for (int i = 0; i < 20_000; i++) {
            MagstimCommand command = commands.get(random.nextInt(commands.size()));
            byte[] bytes = new byte[random.nextInt(30)];
            random.nextBytes(bytes);
            if (random.nextBoolean() && bytes.length > 0) {
                bytes[0] = (byte) command.code();
            }
            MagstimReply reply = MagstimCodec.decode(command, bytes, bytes.length);
            assertThat(reply).isNotNull();
            assertThat(MagstimCodec.replyLength(command, bytes, bytes.length)).isPositive();
            if (reply instanceof MagstimReply.Acknowledged) {
                String payload = ((MagstimReply.Acknowledged) reply).payload();
                PowerSettings.parse(payload);
                CoilTemperatures.parse(payload);
                ErrorCode.parse(payload);
                SoftwareVersion.parse(payload);
                RapidParameters.parse(payload, new SoftwareVersion(random.nextInt(12), 0, 0));
            } else {
                assertThat(((MagstimReply.Failed) reply).toDeviceFault().code()).startsWith("magstim-");
            }
        }
    }

    @Test
    void ignoreCoilInterlockCannotBeBuilt() throws Exception {
        assertThat(MagstimCommand.class.getConstructors()).isEmpty();
        for (MagstimCommand command : allCommands()) {
            assertThat(command.code()).isNotEqualTo('b');
            assertThat(command.frame()[0]).isNotEqualTo((byte) 'b');
        }
    }

    /** Every public factory of MagstimCommands, with representative arguments. */
    static List<MagstimCommand> allCommands() {
        List<MagstimCommand> commands = new ArrayList<>();
        for (Method method : MagstimCommands.class.getDeclaredMethods()) {
            if (!Modifier.isStatic(method.getModifiers()) || !Modifier.isPublic(method.getModifiers())
                    || method.getReturnType() != MagstimCommand.class) {
                continue;
            }
            Class<?>[] types = method.getParameterTypes();
            for (Object[] args : argumentSets(types)) {
                try {
                    commands.add((MagstimCommand) method.invoke(null, args));
                } catch (ReflectiveOperationException e) {
                    throw new AssertionError(method + ": " + e.getCause(), e);
                }
            }
        }
        assertThat(commands).hasSizeGreaterThan(20);
        return commands;
    }

    private static List<Object[]> argumentSets(Class<?>[] types) {
        List<Object[]> sets = new ArrayList<>();
        for (int variant = 0; variant < 2; variant++) {
            Object[] args = new Object[types.length];
            for (int i = 0; i < types.length; i++) {
                if (types[i] == int.class) {
                    args[i] = variant == 0 ? 0 : 99;
                } else if (types[i] == boolean.class) {
                    args[i] = variant == 0;
                } else if (types[i] == SoftwareVersion.class) {
                    args[i] = new SoftwareVersion(variant == 0 ? 8 : 9, 0, 0);
                } else if (types[i] == UnlockCode.class) {
                    args[i] = new UnlockCode("1234-12345678-\u00fd\u0091");
                }
            }
            sets.add(args);
        }
        return sets;
    }

    private static MagstimReply decode(MagstimCommand command, byte[] bytes) {
        return MagstimCodec.decode(command, bytes, bytes.length);
    }

    private static ReplyFault fault(MagstimCommand command, byte[] bytes) {
        MagstimReply reply = decode(command, bytes);
        assertThat(reply).isInstanceOf(MagstimReply.Failed.class);
        return ((MagstimReply.Failed) reply).fault();
    }
}
