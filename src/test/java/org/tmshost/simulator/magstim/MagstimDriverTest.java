package org.tmshost.simulator.magstim;

import org.tmshost.device.DeviceIdentity;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.tmshost.device.DeviceFault;
import org.tmshost.device.magstim.MagstimLinkOptions;
import org.tmshost.device.magstim.MagstimStimulator;
import org.tmshost.device.magstim.UnlockCode;
import org.tmshost.device.transport.PipeTransport;
import org.tmshost.profile.HardwareProfile;
import org.tmshost.testing.InterceptedTransport;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** Driver behaviours beyond the common conformance run, against the emulator over a pipe. */
@Tag("unit")
class MagstimDriverTest {
    private static final String CODE = "1234-12345678-\u00fd\u0091";
    private static final MagstimEmulatorSettings FAST = MagstimEmulatorSettings.defaults().withArmLatencyNanos(50_000_000L);

    @Test
    void rapidV9WithItsUnlockCodeUsesWiderFieldsAndDeliversADeviceTimedTrain() throws Exception {
        HardwareProfile profile = MagstimProfiles.withShortLease("magstim-super-rapid2");
        PipeTransport[] pipe = PipeTransport.pair("v9");
        List<EmulatorEvent> events = new CopyOnWriteArrayList<>();
        try (org.tmshost.simulator.EmulatorServer<MagstimEmulator> server = MagstimEmulator.serve(profile, pipe[1],
                FAST.withVersion(9, 0, 0, Optional.of(CODE)).withEvents(events::add));
             MagstimStimulator stimulator = MagstimStimulator.open(profile, pipe[0],
                     MagstimLinkOptions.of(profile).withUnlockCode(new UnlockCode(CODE)))) {
            assertThat(stimulator.softwareVersion().major()).isEqualTo(9);
            assertThat(stimulator.setOutput(0, 50)).isEqualTo(50);
            assertThat(stimulator.configureTrain(100, 10).pulses()).isEqualTo(10);
            stimulator.arm();
            stimulator.trigger().fire(0, 50, 0);
            assertThat(server.emulator().model().groundTruth().awaitSize(10, Duration.ofSeconds(5)))
                    .as("ten device-timed pulses").isTrue();
            assertThat(server.emulator().commandsReceived('x')).as("keep-alive x@ with an unlock code").isPositive();
            assertThat(events).filteredOn(e -> e instanceof EmulatorEvent.Pulse).hasSize(10);
            assertThat(events.get(0)).isInstanceOf(EmulatorEvent.Armed.class);
            EmulatorEvent.Pulse first = (EmulatorEvent.Pulse) events.stream()
                    .filter(e -> e instanceof EmulatorEvent.Pulse).findFirst().orElseThrow();
            assertThat(first.index()).isZero();
            assertThat(first.outputPercentMso()).isEqualTo(50);
            assertThat(stimulator.status().faultCode()).isNull();
        }
    }

    @Test
    void aWrongUnlockCodeIsAClearRefusal() {
        HardwareProfile profile = MagstimProfiles.withShortLease("magstim-rapid2");
        PipeTransport[] pipe = PipeTransport.pair("v9-wrong");
        try (org.tmshost.simulator.EmulatorServer<MagstimEmulator> server = MagstimEmulator.serve(profile, pipe[1],
                FAST.withVersion(9, 0, 0, Optional.of(CODE)))) {
            assertThatThrownBy(() -> MagstimStimulator.open(profile, pipe[0],
                    MagstimLinkOptions.of(profile).withUnlockCode(new UnlockCode("9999-99999999-ab"))))
                    .isInstanceOf(DeviceFault.class)
                    .hasFieldOrPropertyWithValue("code", "magstim-remote-control-refused")
                    .hasMessageContaining("unlock code");
            assertThat(pipe[0].isOpen()).as("a failed open closes the transport").isFalse();
        }
    }

    @Test
    void noUnitOnTheLineIsAFaultNotAHang() {
        HardwareProfile profile = MagstimProfiles.withShortLease("magstim-200");
        PipeTransport[] pipe = PipeTransport.pair("silent");
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThatThrownBy(() -> MagstimStimulator.open(
                profile, pipe[0], MagstimLinkOptions.of(profile).withReplyTimeoutMillis(100)))
                .isInstanceOf(DeviceFault.class).hasFieldOrPropertyWithValue("code", "magstim-no-reply"));
    }

    @Test
    void aUnitThatStopsAnsweringIsReportedOnceAsLinkLoss() throws Exception {
        HardwareProfile profile = MagstimProfiles.withShortLease("magstim-bistim");
        PipeTransport[] pipe = PipeTransport.pair("dies");
        org.tmshost.testing.EventQueue<DeviceFault> faults = new org.tmshost.testing.EventQueue<>();
        org.tmshost.simulator.EmulatorServer<MagstimEmulator> server = MagstimEmulator.serve(profile, pipe[1], FAST);
        try (MagstimStimulator stimulator = MagstimStimulator.open(profile, pipe[0],
                MagstimLinkOptions.of(profile).withReplyTimeoutMillis(100))) {
            stimulator.onLinkFault(faults);
            stimulator.arm();
            server.close(); // the unit is switched off
            assertThat(faults.await(f -> true, Duration.ofSeconds(5))).as("link loss reported").isNotNull();
            assertThat(stimulator.status().faultCode()).isEqualTo(MagstimStimulator.LINK_LOST);
            assertThat(faults.all()).hasSize(1);
            assertThatThrownBy(() -> stimulator.setOutput(0, 20)).isInstanceOf(DeviceFault.class);
        }
    }

    @Test
    void rapidTrainsShorterThanATenthOfASecondAreRefusedBeforeAnythingIsSent() throws Exception {
        HardwareProfile profile = MagstimProfiles.withShortLease("magstim-rapid2");
        PipeTransport[] pipe = PipeTransport.pair("short-train");
        try (org.tmshost.simulator.EmulatorServer<MagstimEmulator> server = MagstimEmulator.serve(profile, pipe[1], FAST);
             MagstimStimulator stimulator = MagstimStimulator.open(profile, pipe[0], MagstimLinkOptions.of(profile))) {
            assertThatThrownBy(() -> stimulator.configureTrain(100, 10)).isInstanceOf(DeviceFault.class)
                    .hasFieldOrPropertyWithValue("code", "magstim-power-before-frequency");
            stimulator.setOutput(0, 30);
            assertThatThrownBy(() -> stimulator.configureTrain(500, 3)) // 3 pulses at 50 Hz: 0.06 s (MagPy #12)
                    .isInstanceOf(DeviceFault.class)
                    .hasFieldOrPropertyWithValue("code", "train-duration-not-representable");
            assertThat(server.emulator().commandsReceived('B')).isZero();
        }
    }

    @Test
    void aHotCoilRefusesToArmAndShowsAsACoilFault() throws Exception {
        HardwareProfile profile = MagstimProfiles.withShortLease("magstim-rapid2");
        PipeTransport[] pipe = PipeTransport.pair("hot");
        try (org.tmshost.simulator.EmulatorServer<MagstimEmulator> server = MagstimEmulator.serve(profile, pipe[1], FAST);
             MagstimStimulator stimulator = MagstimStimulator.open(profile, pipe[0], MagstimLinkOptions.of(profile))) {
            server.emulator().model().forceCoilTemperature(41.0);
            assertThat(stimulator.coilTemperatures().hottestCelsius()).isEqualTo(41.0);
            assertThatThrownBy(stimulator::arm).isInstanceOf(DeviceFault.class)
                    .hasFieldOrPropertyWithValue("code", "magstim-conflict");
            assertThat(stimulator.instrumentStatus().replaceCoil()).isTrue();
            // error with "replace coil": the session ends it as COIL_OVER_TEMPERATURE, not a generic error
            assertThat(stimulator.status().faultCode()).isEqualTo(org.tmshost.device.DeviceStatus.COIL_OVER_TEMPERATURE);
            assertThat(stimulator.status().coilFault()).isTrue();
            assertThat(stimulator.errorCode().source()).isEqualTo('C');
        }
    }

    /** A line that answers every command with random bytes: typed faults, bounded time, never a hang. */
    @Test
    void randomRepliesAreAlwaysTypedFaults() {
        HardwareProfile profile = MagstimProfiles.withShortLease("magstim-bistim");
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            java.util.Random random = new java.util.Random(5);
            for (int round = 0; round < 30; round++) {
                PipeTransport[] pipe = PipeTransport.pair("noise");
                Thread noise = new Thread(() -> {
                    byte[] buffer = new byte[64];
                    try {
                        while (true) {
                            if (pipe[1].read(buffer, 0, buffer.length, 50) > 0) {
                                byte[] reply = new byte[random.nextInt(16)];
                                random.nextBytes(reply);
                                pipe[1].write(reply);
                            }
                        }
                    } catch (java.io.IOException closed) {
                        // the driver closed the pipe
                    }
                });
                noise.setDaemon(true);
                noise.start();
                try (MagstimStimulator stimulator = MagstimStimulator.open(profile, pipe[0],
                        MagstimLinkOptions.of(profile).withReplyTimeoutMillis(20))) {
                    assertThatThrownBy(() -> stimulator.setOutput(0, 10)).isInstanceOf(DeviceFault.class);
                } catch (DeviceFault expected) {
                    assertThat(expected.code()).startsWith("magstim-");
                }
                pipe[1].close();
            }
        });
    }

    @Test
    void theLeaseACommandMayRenewIsOnRecordBeforeTheCommandIsWritten() throws Exception {
        HardwareProfile profile = MagstimProfiles.withShortLease("magstim-rapid2");
        PipeTransport[] pipe = PipeTransport.pair("write-ahead");
        java.util.concurrent.atomic.AtomicLong watched = new java.util.concurrent.atomic.AtomicLong();
        java.util.concurrent.atomic.AtomicBoolean announced = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.atomic.AtomicInteger written = new java.util.concurrent.atomic.AtomicInteger();
        List<String> unannounced = new CopyOnWriteArrayList<>();
        org.tmshost.device.transport.Transport host = new InterceptedTransport(pipe[0], "watched", (bytes, offset, length) -> {
            // a host killed right here must already have the bound that covers this command
            if (watched.get() != 0) { // watched from the first raise on; each write needs its own
                written.incrementAndGet();
            }
            if (watched.get() != 0 && !announced.getAndSet(false)) {
                unannounced.add(new String(bytes, offset, length, java.nio.charset.StandardCharsets.ISO_8859_1));
            }
            return true;
        });
        try (org.tmshost.simulator.EmulatorServer<MagstimEmulator> server = MagstimEmulator.serve(profile, pipe[1], FAST);
             MagstimStimulator stimulator = MagstimStimulator.open(profile, host, MagstimLinkOptions.of(profile))) {
            stimulator.watchUnattendedStop(nanos -> {
                watched.set(nanos);
                announced.set(true);
            });
            stimulator.setOutput(0, 40);
            stimulator.arm();
            stimulator.trigger().fire(0, 40, 0);
            stimulator.disarm();
            assertThat(written.get()).as("commands written").isGreaterThanOrEqualTo(4);
            assertThat(unannounced).as("commands written before their lease bound was raised").isEmpty();
            assertThat(stimulator.unattendedStopNanos()).isEqualTo(watched.get());
            assertThat(stimulator.unattendedStopNanos() - stimulator.knownRunningUntilNanos())
                    .as("the bound covers the lease of the last acknowledged command, and the reply timeout")
                    .isGreaterThanOrEqualTo(java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(
                            MagstimLinkOptions.of(profile).replyTimeoutMillis()));
        }
    }

    /**
     * An {@code EH} lost as it was sent (the link dropping) gets no acknowledgement: the unit may or may
     * not have fired, and the trigger says exactly that rather than reporting a delivered pulse.
     */
    @Test
    void aFireCommandWithoutAnAcknowledgementIsUnconfirmedNotDelivered() throws Exception {
        HardwareProfile profile = MagstimProfiles.withShortLease("magstim-rapid2");
        PipeTransport[] pipe = PipeTransport.pair("cut");
        java.util.concurrent.atomic.AtomicBoolean cut = new java.util.concurrent.atomic.AtomicBoolean();
        org.tmshost.device.transport.Transport host = new InterceptedTransport(pipe[0], "cut",
                (bytes, offset, length) -> !(cut.get() && bytes[offset] == 'E' && bytes[offset + 1] == 'H'));
        try (org.tmshost.simulator.EmulatorServer<MagstimEmulator> server = MagstimEmulator.serve(profile, pipe[1], FAST);
             MagstimStimulator stimulator = MagstimStimulator.open(profile, host,
                     MagstimLinkOptions.of(profile).withReplyTimeoutMillis(100))) {
            stimulator.setOutput(0, 40);
            stimulator.arm();
            assertThat(stimulator.trigger().fire(0, 40, 0)).as("an acknowledged fire").isGreaterThanOrEqualTo(0);
            cut.set(true);
            assertThat(stimulator.trigger().fire(1, 40, 0)).isEqualTo(org.tmshost.device.PulseTrigger.UNCONFIRMED);
            assertThat(stimulator.status().faultCode()).isEqualTo(MagstimStimulator.FIRE_NO_ACK);
        }
    }

    /** A session's real-time promotion runs on the thread that keeps the unit's lease, once. */
    @Test
    void aTaskForTheLinkThreadRunsOnItOnce() throws Exception {
        HardwareProfile profile = MagstimProfiles.withShortLease("magstim-rapid2");
        PipeTransport[] pipe = PipeTransport.pair("link-thread");
        org.tmshost.testing.EventQueue<String> ranOn = new org.tmshost.testing.EventQueue<>();
        try (org.tmshost.simulator.EmulatorServer<MagstimEmulator> server = MagstimEmulator.serve(profile, pipe[1], FAST);
             MagstimStimulator stimulator = MagstimStimulator.open(profile, pipe[0], MagstimLinkOptions.of(profile))) {
            stimulator.onLinkThreads(() -> ranOn.accept(Thread.currentThread().getName()));
            assertThat(ranOn.await(name -> true, Duration.ofSeconds(10))).isEqualTo("magstim-link");
            stimulator.setOutput(0, 30);
            assertThat(ranOn.all()).hasSize(1);
        }
    }

    /** A killed host's unread replies are still on the line when the next host opens it (KilledRunHilTest). */
    @Test
    void repliesLeftOnTheLineByAPreviousHostAreNotTakenForAnswers() throws Exception {
        HardwareProfile profile = MagstimProfiles.withShortLease("magstim-rapid2");
        PipeTransport[] pipe = PipeTransport.pair("stale");
        byte[] stale = {'Q', 0x24, 0x51 ^ 0x24, 'J', 0x24, 0x30}; // two answers nobody read
        pipe[1].write(stale, 0, stale.length);
        try (org.tmshost.simulator.EmulatorServer<MagstimEmulator> server = MagstimEmulator.serve(profile, pipe[1], FAST);
             MagstimStimulator stimulator = MagstimStimulator.open(profile, pipe[0], MagstimLinkOptions.of(profile))) {
            assertThat(stimulator.identify().model()).startsWith(DeviceIdentity.NOT_REPORTED)
                    .doesNotContain(profile.model());
            assertThat(stimulator.setOutput(0, 30)).isEqualTo(30);
        }
    }
}
