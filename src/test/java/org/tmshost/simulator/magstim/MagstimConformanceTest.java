package org.tmshost.simulator.magstim;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tmshost.device.DeviceFault;
import org.tmshost.device.DeviceStatus;
import org.tmshost.device.magstim.MagstimLinkOptions;
import org.tmshost.device.magstim.MagstimModel;
import org.tmshost.device.magstim.MagstimStimulator;
import org.tmshost.device.magstim.RapidParameters;
import org.tmshost.device.transport.PipeTransport;
import org.tmshost.device.transport.SerialTransport;
import org.tmshost.device.transport.Transport;
import org.tmshost.testing.InterceptedTransport;
import org.tmshost.profile.HardwareProfile;
import org.tmshost.simulator.GroundTruthLog;
import org.tmshost.testing.EventQueue;
import org.tmshost.testing.SocatPtyPair;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The host driver against the emulated unit, over an in-memory pipe and over a socat pty pair
 * (serial ports on both ends). Outcomes only, never wall-clock timings.
 */
@Tag("unit")
class MagstimConformanceTest {
    private static final long ARM_LATENCY_NANOS = 50_000_000L;

    static Stream<Arguments> profilesAndLinks() {
        return Stream.of("magstim-200", "magstim-bistim", "magstim-rapid2", "magstim-super-rapid2", "simulator")
                .flatMap(p -> Stream.of(Arguments.of(p, "pipe"), Arguments.of(p, "pty")));
    }

    /** Host end, device end, and what to close afterwards. */
    private record Link(Transport host, Transport device, AutoCloseable resource) {
    }

    private static Link link(String kind, Path dir) throws Exception {
        if (kind.equals("pipe")) {
            PipeTransport[] pipe = PipeTransport.pair("magstim");
            return new Link(pipe[0], pipe[1], () -> { });
        }
        Assumptions.assumeTrue(SocatPtyPair.available(), "socat is not installed");
        SocatPtyPair pty = SocatPtyPair.create(dir);
        return new Link(SerialTransport.open(pty.hostEnd().toString(), MagstimProfiles.SHORT_LEASE),
                SerialTransport.open(pty.deviceEnd().toString(), MagstimProfiles.SHORT_LEASE), pty);
    }

    /** A cable that can be pulled: while cut, the host's bytes go nowhere. */
    private static final class Cuttable implements Transport {
        private final Transport inner;
        private final AtomicBoolean cut = new AtomicBoolean();

        Cuttable(Transport inner) {
            this.inner = inner;
        }

        public void write(byte[] bytes, int offset, int length) throws IOException {
            if (!cut.get()) {
                inner.write(bytes, offset, length);
            }
        }

        public int read(byte[] buffer, int offset, int length, long timeoutMillis) throws IOException {
            return inner.read(buffer, offset, length, timeoutMillis);
        }

        public String description() {
            return inner.description();
        }

        public boolean isOpen() {
            return inner.isOpen();
        }

        public void close() {
            inner.close();
        }
    }

    @ParameterizedTest(name = "{0} over {1}")
    @MethodSource("profilesAndLinks")
    void driverAndEmulatorAgree(String profileName, String linkKind, @TempDir Path dir) throws Exception {
        HardwareProfile profile = MagstimProfiles.withShortLease(profileName);
        EventQueue<EmulatorEvent> events = new EventQueue<>();
        EventQueue<DeviceFault> linkFaults = new EventQueue<>();
        Link link = link(linkKind, dir);
        Cuttable cable = new Cuttable(link.host());
        try (AutoCloseable resource = link.resource();
             org.tmshost.simulator.EmulatorServer<MagstimEmulator> server = MagstimEmulator.serve(profile, link.device(),
                     MagstimEmulatorSettings.defaults().withArmLatencyNanos(ARM_LATENCY_NANOS).withEvents(events));
             MagstimStimulator stimulator = MagstimStimulator.open(profile, cable,
                     MagstimLinkOptions.of(profile).withReplyTimeoutMillis(100))) {
            stimulator.onLinkFault(linkFaults);
            MagstimEmulator emulator = server.emulator();
            GroundTruthLog truth = emulator.model().groundTruth();

            // the device's words, never the profile's: the Magstim protocol cannot say its model
            org.tmshost.device.DeviceIdentity identity = stimulator.identify();
            assertThat(identity.modelReported()).isFalse();
            assertThat(identity.model()).doesNotContain(profile.model()).contains("answered the");
            assertThat(emulator.remoteControl()).isTrue();
            if (stimulator.model() == MagstimModel.RAPID) {
                assertThat(stimulator.softwareVersion().major()).isEqualTo(8);
                assertThat(identity.firmwareVersion()).isEqualTo("software " + stimulator.softwareVersion());
            }

            assertThat(stimulator.setOutput(0, 42)).isEqualTo(42);
            if (stimulator.model() == MagstimModel.BISTIM) {
                assertThat(stimulator.setOutput(1, 0)).isZero();
                assertThat(stimulator.setInterPulseInterval(10)).isEqualTo(10);
            } else {
                assertThatThrownBy(() -> stimulator.setOutput(1, 30)).isInstanceOf(DeviceFault.class)
                        .hasFieldOrPropertyWithValue("code", "no-such-channel");
            }
            assertThatThrownBy(() -> stimulator.setOutput(0, 101)).isInstanceOf(DeviceFault.class)
                    .hasFieldOrPropertyWithValue("code", "output-out-of-range");

            stimulator.arm();
            assertThat(stimulator.status().armed()).isTrue();
            assertThat(stimulator.status().ready()).isTrue();
            assertThatThrownBy(stimulator::arm).as("arming when armed").isInstanceOf(DeviceFault.class)
                    .hasFieldOrPropertyWithValue("code", "magstim-conflict");


            assertThat(stimulator.coilTemperatures().hottestCelsius())
                    .isCloseTo(emulator.model().status().coilTemperatureCelsius(), org.assertj.core.data.Offset.offset(0.1));

            stimulator.disarm();
            assertThat(stimulator.status().armed()).isFalse();
            assertThat(emulator.model().status().armed()).isFalse();

            if (stimulator.model() == MagstimModel.RAPID) {
                RapidParameters train = stimulator.configureTrain(100, 5);
                assertThat(train.durationTenthsSecond()).isEqualTo(5);
                assertThatThrownBy(() -> stimulator.configureTrain(500, 3)).isInstanceOf(DeviceFault.class)
                        .hasFieldOrPropertyWithValue("code", "train-duration-not-representable");
                stimulator.setSinglePulseMode();
            }

            stimulator.arm();
            stimulator.trigger().fire(0, 42, 0);
            assertThat(truth.size()).as("delivered; driver status %s", stimulator.status()).isEqualTo(1);
            assertThat(truth.outputPercentMso(0)).isEqualTo(42);
            assertThat(stimulator.status().faultCode()).isNull();

            // the host goes silent while armed: the unit disarms itself, the driver reports link loss
            cable.cut.set(true);
            assertThat(events.await(e -> e instanceof EmulatorEvent.Disarmed d
                    && d.reason() == EmulatorEvent.DisarmReason.LEASE_EXPIRED, Duration.ofSeconds(5)))
                    .as("the emulated unit disarmed on lease expiry").isNotNull();
            assertThat(emulator.model().status().armed()).isFalse();
            assertThat(linkFaults.await(f -> true, Duration.ofSeconds(5))).as("link loss reported").isNotNull();
            assertThat(stimulator.status().faultCode()).isEqualTo(MagstimStimulator.LINK_LOST);
            assertThat(linkFaults.all()).hasSize(1);
            assertThat(emulator.commandsReceived('b')).as("ignore-coil-interlock never sent").isZero();
            assertThat(server.failure()).isNull();
        }
    }

    @Test
    void aCorruptedReplyIsHandledAndTheLinkRecovers() throws Exception {
        HardwareProfile profile = MagstimProfiles.withShortLease("magstim-200");
        PipeTransport[] pipe = PipeTransport.pair("corrupt");
        AtomicBoolean corruptNext = new AtomicBoolean();
        Transport corrupting = new InterceptedTransport(pipe[1], "corrupting", (bytes, offset, length) -> {
            if (length > 0 && bytes[offset] == '@' && corruptNext.getAndSet(false)) {
                bytes[offset + length - 1] ^= 0x01; // the check byte of the power acknowledgement
            }
            return true;
        });
        Transport host = pipe[0];
        try (org.tmshost.simulator.EmulatorServer<MagstimEmulator> server = MagstimEmulator.serve(profile, corrupting,
                MagstimEmulatorSettings.defaults().withArmLatencyNanos(ARM_LATENCY_NANOS));
             MagstimStimulator stimulator = MagstimStimulator.open(profile, host, MagstimLinkOptions.of(profile))) {
            corruptNext.set(true);
            assertThatThrownBy(() -> stimulator.setOutput(0, 30)).isInstanceOf(DeviceFault.class)
                    .hasFieldOrPropertyWithValue("code", "magstim-bad-checksum");
            assertThat(stimulator.setOutput(0, 30)).isEqualTo(30);
            assertThat(stimulator.setOutput(0, 31)).as("the next exchange goes through too").isEqualTo(31);
            DeviceStatus status = stimulator.status();
            assertThat(status.faultCode()).as("one bad reply is within the budget").isNull();
            assertThat(server.serving()).isTrue();
        }
    }
}
